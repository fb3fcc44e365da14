"""Access decisions for running events and registrations (same style as colloquy.core.access).

One condition per line; views, the API and the CLI ask these and fetch nothing any other way.
"""

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.dialogues.models import Event


def can_manage_event(user) -> bool:
    """Programme editing, materials, registration settings, decisions, exports: secretariat only."""
    return is_secretariat(user)


def can_register_delegation(user, organization) -> bool:
    if is_secretariat(user):
        return True
    org = focal_organization(user)
    return org is not None and organization is not None and org.pk == organization.pk


def can_view_registration(user, registration) -> bool:
    if is_secretariat(user):
        return True
    if registration.submitted_by_id and getattr(user, "pk", None) == registration.submitted_by_id:
        return True
    org = focal_organization(user)
    return org is not None and registration.organization_id == org.pk


def can_withdraw_registration(user, registration) -> bool:
    return can_view_registration(user, registration)


def can_answer_offer(user, registration) -> bool:
    """Accept or decline an offered place: the secretariat, or the registrant (focal point / submitter)."""
    return can_view_registration(user, registration)


def visible_registrations(user, event=None):
    """Secretariat: all. Focal point: their organization's and their own. Others: their own."""
    from django.db.models import Q

    from colloquy.registration.models import Registration

    qs = Registration.objects.all() if event is None else Registration.objects.filter(event=event)
    if is_secretariat(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    mine = Q(submitted_by=user)
    org = focal_organization(user)
    if org is not None:
        mine |= Q(organization=org)
    return qs.filter(mine)


def registrable_events(user):
    """Published events that have registration settings (open or not)."""
    return Event.objects.visible_to(user).filter(registration_settings__isnull=False)


def can_see_private_participant_details(user) -> bool:
    """Names of people who did not consent, e-mails, accessibility needs: secretariat only."""
    return is_secretariat(user)
