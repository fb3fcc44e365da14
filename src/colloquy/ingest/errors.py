"""The one error type for everything that can go wrong reading or extracting a document."""

from django.utils.translation import gettext

from colloquy.core.errors import DomainError


class IngestError(DomainError):
    """A file cannot be read or extracted. The message names the file and the reason.

    `reason` is an English message marked for translation, with `%(name)s` placeholders filled from `params`:
    it is translated here, in the active language. The isolated reader (isolated_child.py) runs without
    translations and sends `msgid` and `params` back, so the parent translates them for the person uploading."""

    def __init__(self, name: str, reason: str, params: dict | None = None):
        self.name = name
        self.msgid, self.params = str(reason), dict(params or {})
        self.reason = gettext(self.msgid) % self.params if self.params else gettext(self.msgid)
        super().__init__(f"{name}: {self.reason}", code="unreadable")
