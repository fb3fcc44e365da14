"""Who sees which outcome record: the queryset and model methods every page, export and API call goes through."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import EventStatus
from colloquy.outcomes.models import Commitment, GoodPractice, KeyMessage, Recommendation
from colloquy.outcomes.services import round_launch

ACTORS = ["anonymous", "focal_point", "observer", "secretariat"]


def _actor(request, who):
    return AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)


@pytest.fixture
def records(make_event):
    """For each kind: a published record, an unpublished one, and a published one of a merely proposed event."""
    held, proposed = make_event(), make_event(status=EventStatus.PROPOSED)
    out = {}
    for model, fields in [(KeyMessage, {"text": "A key message."}), (Recommendation, {"text": "A recommendation."}),
                          (GoodPractice, {"title": "A practice."})]:
        out[model] = {"public": model.objects.create(event=held, **fields),
                      "unpublished": model.objects.create(event=held, published=False, **fields),
                      "of_proposed_event": model.objects.create(event=proposed, **fields)}
    return out


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("model", [KeyMessage, Recommendation, GoodPractice], ids=lambda m: m.__name__)
def test_only_the_secretariat_sees_unpublished_records_and_those_of_proposed_events(request, records, who, model):
    visible = set(model.objects.visible_to(_actor(request, who)))
    mine = records[model]
    expected = set(mine.values()) if who == "secretariat" else {mine["public"]}
    assert visible == expected


def test_is_public_agrees_with_the_published_queryset(records):
    for model, mine in records.items():
        assert {r for r in mine.values() if r.is_public} == set(model.objects.published())


def test_a_focal_point_also_sees_its_own_organizations_unpublished_commitments(
        make_event, ghana, focal_point, kenya_focal_point, secretariat):
    event = make_event()
    public = Commitment.objects.create(organization=ghana, event=event, text="Published.")
    own_draft = Commitment.objects.create(organization=ghana, event=event, text="Not yet.", published=False)
    assert set(Commitment.objects.visible_to(focal_point)) == {public, own_draft}
    assert set(Commitment.objects.visible_to(kenya_focal_point)) == {public}
    assert set(Commitment.objects.visible_to(AnonymousUser())) == {public}
    assert set(Commitment.objects.visible_to(secretariat)) == {public, own_draft}


def test_addressed_by_name_or_through_a_round_in_both_forms_of_the_rule(make_recommendation, ghana, kenya,
                                                                        make_government):
    mexico = make_government("MEX", name="Mexico")
    by_name = make_recommendation(addressed=[ghana])
    by_round = make_recommendation()
    round_launch(title="Round", recommendations=[by_round], organizations=[kenya, ghana],
                 deadline=timezone.localdate() + datetime.timedelta(days=30), actor=SYSTEM, notify=False)
    assert set(Recommendation.objects.addressed_to(ghana)) == {by_name, by_round}
    assert set(Recommendation.objects.addressed_to(kenya)) == {by_round}
    assert not Recommendation.objects.addressed_to(mexico).exists()
    assert not Recommendation.objects.addressed_to(None).exists()
    assert by_name.addressed_members() == [ghana]
    assert by_round.addressed_members() == [ghana, kenya]  # by name
    assert set(Recommendation.objects.addressed_in(["KEN", "MEX"])) == {by_round}
    assert (by_round.is_addressed_to(kenya), by_name.is_addressed_to(kenya)) == (True, False)
