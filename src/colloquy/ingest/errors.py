"""The one error type for everything that can go wrong reading or extracting a document."""

from colloquy.core.errors import DomainError


class IngestError(DomainError):
    """A file cannot be read or extracted. The message names the file and the reason."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}", code="unreadable")
