"""Write audit entries. Services call `audit.record(...)` inside their transaction."""

import datetime
import decimal
import hashlib
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError
from colloquy.core.validation import full_clean_or_raise

LONG_TEXT = 2000  # characters; longer field values are summarised in snapshots


def _jsonable(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, FieldFile):  # hasattr(value, "url") raises ValueError on an empty file field
        return value.name or None
    return value


def snapshot(obj: models.Model | None) -> dict | None:
    """Concrete field values of `obj` (foreign keys by id), JSON-safe."""
    if obj is None:
        return None
    data = {}
    for field in obj._meta.concrete_fields:
        value = _jsonable(getattr(obj, field.attname))
        if isinstance(value, str) and len(value) > LONG_TEXT:
            # Whole document texts do not belong in the audit log: record their size and digest instead.
            value = f"<{len(value)} characters, sha256 {hashlib.sha256(value.encode()).hexdigest()[:16]}>"
        data[field.attname] = value
    return data


def record(*, actor, action: str, target: models.Model | None = None, before=None, after=None, note: str = "") -> AuditEntry:
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=actor_obj,
        actor_label=actor_obj.get_username() if actor_obj else "system",
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None and target.pk is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
        note=note,
    )


def changed(before: dict | None, after: dict | None) -> bool:
    return before != after


def apply_update(*, actor, obj: models.Model, fields: dict, allowed: set[str], action: str):
    """The common shape of an `<entity>_update` service: refuse unknown fields, set, validate, and save
    with an audit entry only if something changed. Call inside the service's transaction."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise DomainError(gettext('Unknown %(verbose_name)s field(s): %(join)s.') % {'verbose_name': obj._meta.verbose_name, 'join': ', '.join(sorted(unknown))})
    before = snapshot(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    full_clean_or_raise(obj)
    after = snapshot(obj)
    if after != before:
        obj.save()
        record(actor=actor, action=action, target=obj, before=before, after=after)
    return obj
