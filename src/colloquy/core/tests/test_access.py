"""The access doorway, case by case, with the named actors."""

import pytest
from django.contrib.auth.models import AnonymousUser

from colloquy.core import access
from colloquy.dialogues.models import CycleState, Document, DocumentAccess, DocumentStatus, Event, EventStatus


@pytest.fixture
def docs(forum, make_cycle, make_forum):
    cycle = make_cycle(forum=forum)
    other_cycle = make_cycle(forum=make_forum())
    return {
        "public": Document.objects.create(title="Public report", cycle=cycle),
        "restricted": Document.objects.create(title="Member note", cycle=cycle, access=DocumentAccess.RESTRICTED),
        "other_forum": Document.objects.create(title="Other forum note", cycle=other_cycle, access=DocumentAccess.RESTRICTED),
        "draft": Document.objects.create(title="Draft", cycle=cycle, status=DocumentStatus.DRAFT),
    }


def titles(qs):
    return sorted(qs.values_list("title", flat=True))


def test_anonymous_sees_only_public_published_documents(db, docs):
    assert titles(Document.objects.visible_to(AnonymousUser())) == ["Public report"]


def test_member_focal_point_sees_restricted_material_of_their_forum(docs, focal_point):
    assert titles(Document.objects.visible_to(focal_point)) == ["Member note", "Public report"]


def test_observer_focal_point_sees_restricted_material_of_their_forum(docs, observer):
    assert titles(Document.objects.visible_to(observer)) == ["Member note", "Public report"]


def test_outsider_sees_only_public_documents(docs, outsider):
    assert titles(Document.objects.visible_to(outsider)) == ["Public report"]


def test_secretariat_sees_everything(docs, secretariat):
    assert len(titles(Document.objects.visible_to(secretariat))) == 4


def test_expired_membership_no_longer_grants_access(docs, focal_point, ghana):
    import datetime

    ghana.memberships.update(end_date=datetime.date(2000, 1, 1))
    assert titles(Document.objects.visible_to(focal_point)) == ["Public report"]


def test_proposed_events_and_draft_cycles_are_hidden_from_everyone_but_the_secretariat(
    make_event, make_cycle, secretariat, focal_point
):
    shown = make_event(title="Held workshop")
    make_event(title="Proposed workshop", status=EventStatus.PROPOSED)
    make_event(title="Draft cycle workshop", cycle=make_cycle(state=CycleState.DRAFT))
    for user in (AnonymousUser(), focal_point):
        assert list(Event.objects.visible_to(user)) == [shown]
    assert Event.objects.visible_to(secretariat).count() == 3


def test_inactive_secretariat_user_has_no_secretariat_rights(secretariat):
    secretariat.is_active = False
    assert not access.is_secretariat(secretariat)


def test_system_actor_is_trusted(db):
    assert access.is_secretariat(access.SYSTEM)


def test_contact_details_are_for_the_secretariat_only(secretariat, focal_point, make_person):
    person = make_person(email="private@example.org")
    assert person.contact_details_visible_to(secretariat)
    assert not person.contact_details_visible_to(focal_point)
    assert not person.contact_details_visible_to(AnonymousUser())
