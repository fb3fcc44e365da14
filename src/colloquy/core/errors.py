"""The one domain error type. Services raise it; views, the API and the CLI turn it into a message."""


class DomainError(Exception):
    """A business rule refused the operation. `code` is a stable machine-readable key."""

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class PermissionDenied(DomainError):
    status = 403

    def __init__(self, message: str = "You do not have permission to do this.", *, code: str = "forbidden"):
        super().__init__(message, code=code)


class TransitionError(DomainError):
    """A workflow transition not allowed by the transition table."""

    def __init__(self, message: str):
        super().__init__(message, code="transition")
