"""Services for organizations, memberships and people (keyword-only, explicit actor, audited)."""

import datetime

from django.db import transaction

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat
from colloquy.core.validation import full_clean_or_raise as _full_clean
from colloquy.directory.models import Affiliation, Membership, Organization, OrganizationAlias, Person


@transaction.atomic
def organization_create(*, actor, name: str, category: str, acronym: str = "", country: str = "",
                        aliases: list[str] = (), **fields) -> Organization:
    require_secretariat(actor)
    org = Organization(name=name, category=category, acronym=acronym, country=country.upper(), **fields)
    _full_clean(org, exclude=["slug", "normalized_name"])
    org.save()
    for alias in aliases:
        OrganizationAlias.objects.get_or_create(organization=org, name=alias)
    audit.record(actor=actor, action="organization.create", target=org, after=audit.snapshot(org))
    return org


@transaction.atomic
def membership_set(*, actor, organization: Organization, forum, status: str, start_date=None) -> Membership:
    """Record a new membership status from `start_date`, closing the open one the day before."""
    require_secretariat(actor)
    current = organization.memberships.filter(forum=forum, end_date__isnull=True).first()
    if current and current.status == status:
        return current
    if current:
        before = audit.snapshot(current)
        current.end_date = (start_date - datetime.timedelta(days=1)) if start_date else current.start_date
        _full_clean(current)
        current.save(update_fields=["end_date"])
        audit.record(actor=actor, action="membership.end", target=current, before=before, after=audit.snapshot(current))
    membership = Membership(organization=organization, forum=forum, status=status, start_date=start_date)
    _full_clean(membership)
    membership.save()
    audit.record(actor=actor, action="membership.create", target=membership, after=audit.snapshot(membership))
    return membership


@transaction.atomic
def person_create(*, actor, name: str, organization: Organization | None = None, title: str = "", **fields) -> Person:
    require_secretariat(actor)
    person = Person(name=name, **fields)
    _full_clean(person, exclude=["slug", "normalized_name"])
    person.save()
    if organization is not None:
        Affiliation.objects.create(person=person, organization=organization, title=title)
    audit.record(actor=actor, action="person.create", target=person, after=audit.snapshot(person))
    return person


PERSON_FIELDS = {"name", "honorific", "gender", "country", "biography", "email", "phone", "consents_to_publication"}
ORGANIZATION_FIELDS = {"name", "acronym", "category", "country", "website", "description"}


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    require_secretariat(actor)
    return audit.apply_update(actor=actor, obj=person, fields=fields, allowed=PERSON_FIELDS, action="person.update")


@transaction.atomic
def organization_update(*, actor, organization: Organization, **fields) -> Organization:
    require_secretariat(actor)
    return audit.apply_update(actor=actor, obj=organization, fields=fields, allowed=ORGANIZATION_FIELDS,
                              action="organization.update")
