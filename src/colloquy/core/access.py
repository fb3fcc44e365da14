"""The one doorway for access decisions (Zulip's access_* style).

Views, the API, the CLI and templates ask these functions; nothing fetches a restricted record
any other way. One condition per line, so coverage shows each case.
"""

from django.utils import timezone

from colloquy.core.errors import PermissionDenied


class _SystemActor:
    """The actor for trusted scripted steps (CLI, migrations, the demo loader). Audited as 'system'."""

    is_authenticated = False
    is_active = True
    is_system = True
    organization = None

    def __str__(self):
        return "system"


SYSTEM = _SystemActor()


def is_secretariat(user) -> bool:
    if getattr(user, "is_system", False):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    from colloquy.accounts.models import SECRETARIAT_GROUP

    cached = getattr(user, "_colloquy_is_secretariat", None)
    if cached is None:
        cached = user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._colloquy_is_secretariat = cached
    return cached


def focal_organization(user):
    """The organization a member focal point acts for, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.organization


def is_focal_point_of(user, organization) -> bool:
    org = focal_organization(user)
    return org is not None and organization is not None and org.pk == organization.pk


def is_member_of_forum(user, forum, on=None) -> bool:
    """A focal point whose organization holds any membership status in `forum` today."""
    org = focal_organization(user)
    if org is None or forum is None:
        return False
    on = on or timezone.localdate()
    return org.memberships.filter(forum=forum).active_on(on).exists()


def require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied("Only secretariat staff can do this.")


def visible_cycles(user):
    from colloquy.dialogues.models import Cycle

    if is_secretariat(user):
        return Cycle.objects.all()
    return Cycle.objects.published()


def visible_events(user):
    from colloquy.dialogues.models import Event

    if is_secretariat(user):
        return Event.objects.all()
    return Event.objects.published()


def visible_documents(user):
    from django.db.models import Q

    from colloquy.dialogues.models import Document, DocumentAccess, DocumentStatus

    if is_secretariat(user):
        return Document.objects.all()
    published = Q(status=DocumentStatus.PUBLISHED)
    public = published & Q(access=DocumentAccess.PUBLIC)
    org = focal_organization(user)
    if org is None:
        return Document.objects.filter(public)
    forum_ids = list(org.memberships.active_on(timezone.localdate()).values_list("forum_id", flat=True))
    restricted = (
        published
        & Q(access=DocumentAccess.RESTRICTED)
        & (Q(forum_id__in=forum_ids) | Q(cycle__forum_id__in=forum_ids) | Q(event__cycle__forum_id__in=forum_ids))
    )
    return Document.objects.filter(public | restricted)


def can_view_event(user, event) -> bool:
    return is_secretariat(user) or event.is_published


def can_view_cycle(user, cycle) -> bool:
    return is_secretariat(user) or cycle.is_published


def can_view_document(user, document) -> bool:
    return visible_documents(user).filter(pk=document.pk).exists()


def can_view_contact_details(user, person) -> bool:
    """Private contact details: secretariat only."""
    return is_secretariat(user)


def can_edit_record(user) -> bool:
    return is_secretariat(user)
