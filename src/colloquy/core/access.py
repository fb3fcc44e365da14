"""The one doorway for access decisions: the actor predicates (Zulip's access_* style).

Who the actor is (secretariat, the focal point of which organization, a member of which forums) is decided
here and nowhere else. Each app states what a kind of actor may see as queryset methods on its own models
(`Event.objects.visible_to(user)`, `Ballot.objects.visible_to(user)`), built from these predicates; search
builds its audiences from them too. One condition per line, so coverage shows each case.
"""

from django.utils import timezone
from django.utils.translation import gettext

from colloquy.core.errors import PermissionDenied

# The name of the auth group whose members are secretariat staff (accounts creates it).
SECRETARIAT_GROUP = "Secretariat"


class _SystemActor:
    """The actor for trusted scripted steps (CLI, migrations, the demo loader). Audited as 'system'."""

    is_authenticated = False
    is_active = True
    is_system = True
    organization = None

    def __str__(self):
        return "system"


SYSTEM = _SystemActor()


def acting_user(actor):
    """The user behind `actor`, to store in a created_by/submitted_by column: None for SYSTEM or anonymous."""
    return actor if getattr(actor, "is_authenticated", False) else None


def is_secretariat(user) -> bool:
    if getattr(user, "is_system", False):
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
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


def audience(user) -> str:
    """All that the predicates above decide on for `user`, as a string: the key of fragments cached for everyone
    who sees the same thing (core/fragments.py). Forum membership follows from the organization and the date."""
    if is_secretariat(user):
        return "secretariat"
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return "anonymous"
    org = focal_organization(user)
    return f"organization:{org.pk}" if org is not None else "signed-in"


def is_focal_point_of(user, organization) -> bool:
    org = focal_organization(user)
    return org is not None and organization is not None and org.pk == organization.pk


def member_forum_ids(user, on=None) -> list[int]:
    """The forums the user's organization holds any membership status in on `on` (today by default)."""
    org = focal_organization(user)
    if org is None:
        return []
    on = on or timezone.localdate()
    return list(org.memberships.active_on(on).values_list("forum_id", flat=True))


def is_member_of_forum(user, forum, on=None) -> bool:
    """A focal point whose organization holds any membership status in `forum` today."""
    if forum is None:
        return False
    return forum.pk in member_forum_ids(user, on)


def require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied(gettext("Only secretariat staff can do this."))
