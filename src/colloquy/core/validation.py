from django.core.exceptions import ValidationError

from colloquy.core.errors import DomainError


def full_clean_or_raise(obj, exclude=None) -> None:
    """Run model validation and turn Django's ValidationError into one DomainError naming each field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        messages = []
        for field, errors in exc.message_dict.items():
            label = "" if field == "__all__" else f"{field}: "
            messages.extend(f"{label}{e}" for e in errors)
        raise DomainError("; ".join(messages), code="invalid") from exc
