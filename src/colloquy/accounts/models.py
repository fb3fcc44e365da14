"""Users and roles.

Roles: secretariat staff (members of the "Secretariat" group, or superusers); member focal points
(users linked to an organization); everyone else. Decisions go through colloquy.core.access.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import SECRETARIAT_GROUP  # noqa: F401  (re-exported: the group accounts creates)


class User(AbstractUser):
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="focal_points",
        help_text=_("Set for member focal points: the organization they act for."),
    )
    timezone = models.CharField(max_length=64, blank=True, help_text=_("IANA time zone for displaying times, e.g. Europe/Zurich"))
    language = models.CharField(_("Language"), max_length=8, blank=True, choices=settings.LANGUAGES,
                                help_text=_("Language of the e-mails and reminders this person receives; empty: English"))

    class Meta:
        ordering = ["username"]

    def email_language(self) -> str:
        """The language this person's e-mails are written in (activate it with translation.override)."""
        return self.language or settings.LANGUAGE_CODE


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.prefix}… {self.name}".strip()

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name: str = "") -> tuple["ApiToken", str]:
        key = "cq_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=key[3:11], key_hash=cls.hash_key(key))
        return token, key
