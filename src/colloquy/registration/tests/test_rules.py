"""Who may see and act on a registration: the queryset and the per-object rule say the same thing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from colloquy.dialogues.models import EventStatus
from colloquy.registration.models import Registration, RegistrationSettings


@pytest.fixture
def two_registrations(reg_event, secretariat, focal_point, observer, ghana, observer_org, submit):
    ghana_reg = submit(reg_event, secretariat, organization=ghana)  # entered by the secretariat for Ghana
    observer_reg = submit(reg_event, observer, kind="individual", organization=observer_org)
    return ghana_reg, observer_reg


@pytest.mark.parametrize("who, expected", [
    ("secretariat", {"ghana", "observer"}),
    ("focal_point", {"ghana"}),  # their organization's, though someone else submitted it
    ("observer", {"observer"}),  # what they submitted themselves
    ("outsider", set()),
    ("anonymous", set()),
])
def test_the_list_and_the_single_registration_rule_agree_for_every_actor(request, two_registrations, who, expected):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    names = {two_registrations[0].pk: "ghana", two_registrations[1].pk: "observer"}
    listed = {names[r.pk] for r in Registration.objects.visible_to(user)}
    one_by_one = {names[r.pk] for r in two_registrations if r.is_visible_to(user)}
    assert listed == one_by_one == expected
    assert {names[r.pk] for r in two_registrations if r.can_be_changed_by(user)} == expected


def test_registration_is_offered_only_for_events_the_visitor_may_see(reg_event, make_event, secretariat, client):
    hidden = make_event(title="Proposed retreat", status=EventStatus.PROPOSED)
    RegistrationSettings.objects.create(event=hidden)
    assert [s.event for s in RegistrationSettings.objects.visible_to(AnonymousUser())] == [reg_event]
    assert {s.event for s in RegistrationSettings.objects.visible_to(secretariat)} == {reg_event, hidden}
    html = client.get("/register/").content.decode()
    assert reg_event.title in html and "Proposed retreat" not in html
