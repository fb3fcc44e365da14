"""A person's own preferences: the language of their e-mails and reminders (and, once chosen, of the site)."""

from django.conf import settings
from django.utils.translation import gettext as _

from colloquy.audit import log as audit
from colloquy.core.errors import DomainError


def user_set_language(*, user, language: str, actor):
    """Set `user`'s preferred language ("" = the site default); only the person themselves may."""
    if actor != user:
        raise DomainError(_("Only the account holder can choose the language of their e-mails."))
    if language and language not in dict(settings.LANGUAGES):
        raise DomainError(_("%(language)s is not a language of this site.") % {"language": language})
    before = user.language
    if before != language:
        user.language = language
        user.save(update_fields=["language"])
        audit.record(actor=actor, action="user.language", target=user, before={"language": before},
                     after={"language": language})
    return user
