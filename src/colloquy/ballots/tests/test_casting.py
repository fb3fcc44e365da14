"""Casting: one current ballot per organization, last cast counts, tampered input refused and logged."""

import datetime

import pytest
from django.utils import timezone

from colloquy.audit.models import AuditEntry
from colloquy.ballots import chain, services
from colloquy.ballots.models import CastKind, CastLog, CurrentBallot
from colloquy.ballots.results import ballot_results
from colloquy.ballots.tests.conftest import option_ids
from colloquy.core.errors import DomainError, PermissionDenied


def test_a_later_cast_replaces_the_earlier_one_and_both_are_logged(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    a, b, _ = option_ids(ballot)
    first = services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    second = services.ballot_cast(ballot=ballot, member=ghana, choices=[b], actor=focal_point)
    current = CurrentBallot.objects.get(ballot=ballot, organization=ghana)
    assert current.choices == [b]
    assert CastLog.objects.filter(ballot=ballot, organization=ghana).count() == 2
    assert current.log_entry == second
    assert second.prev_hash == first.entry_hash
    assert list(CastLog.objects.filter(ballot=ballot).values_list("kind", flat=True)) == ["cast", "cast"]
    assert ballot_results(ballot).tally.counts[b] == 1
    assert ballot_results(ballot).tally.counts[a] == 0


def test_the_stored_log_entry_and_current_ballot_match_what_the_cast_returned(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    a, b, _ = option_ids(ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    entry = services.ballot_cast(ballot=ballot, member=ghana, choices=[b], actor=focal_point)
    stored = CastLog.objects.get(pk=entry.pk)
    assert (stored.seq, stored.choices, stored.at, stored.salt, stored.choice_digest, stored.entry_hash) == (
        2, [b], entry.at, entry.salt, entry.choice_digest, entry.entry_hash)
    assert chain.entry_hash(stored) == stored.entry_hash
    current = CurrentBallot.objects.get(ballot=ballot, organization=ghana)
    assert (current.choices, current.cast_at, current.cast_by, current.log_entry_id) == ([b], entry.at, focal_point, entry.pk)


def test_the_receipt_is_the_log_hash_and_names_who_cast(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    entry = services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    assert len(entry.entry_hash) == 64
    assert entry.user == focal_point
    assert entry.organization == ghana
    assert entry.choice_digest and entry.choice_digest != entry.entry_hash


def test_an_option_of_another_ballot_is_refused_and_the_refusal_is_logged(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    other = make_ballot(title="Workshop topics")
    with pytest.raises(DomainError, match=r"do not belong to this ballot") as exc:
        services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(other)[0]], actor=focal_point)
    assert exc.value.status == 400
    refusal = CastLog.objects.get(ballot=ballot)
    assert refusal.kind == CastKind.REFUSED
    assert "do not belong" in refusal.reason
    assert not CurrentBallot.objects.exists()


def test_too_many_approvals_are_refused(make_ballot, ghana, focal_point):
    ballot = make_ballot(method="approval", max_choices=2)
    with pytest.raises(DomainError, match="at most 2 choices; 3 were submitted"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=option_ids(ballot), actor=focal_point)


@pytest.mark.parametrize(("choices", "message"), [
    ([], "Choose at least one option"),
    ("1", "must be a list"),
    (["x"], "A choice is not an option id"),
])
def test_malformed_choices_are_refused_with_a_message(make_ballot, ghana, focal_point, choices, message):
    ballot = make_ballot()
    with pytest.raises(DomainError, match=message):
        services.ballot_cast(ballot=ballot, member=ghana, choices=choices, actor=focal_point)


def test_single_choice_ballot_refuses_two_choices(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    with pytest.raises(DomainError, match="choose exactly one option, not 2"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=option_ids(ballot)[:2], actor=focal_point)


def test_ranked_ballot_refuses_a_repeated_option(make_ballot, ghana, focal_point):
    ballot = make_ballot(method="irv")
    a = option_ids(ballot)[0]
    with pytest.raises(DomainError, match="more than once"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[a, a], actor=focal_point)


def test_focal_point_cannot_vote_for_another_organization(make_ballot, make_member, focal_point):
    ballot = make_ballot()
    kenya, _ = make_member("KEN")
    # Kenya joined after the ballot opened, so make a fresh ballot that includes it.
    ballot = make_ballot(title="Second")
    with pytest.raises(PermissionDenied, match="not a focal point of Kenya"):
        services.ballot_cast(ballot=ballot, member=kenya, choices=[option_ids(ballot)[0]], actor=focal_point)


def test_method_change_is_refused_after_the_first_vote(make_ballot, secretariat, ghana, focal_point):
    ballot = make_ballot()
    services.ballot_update(actor=secretariat, ballot=ballot, title="Overarching theme for 2027")  # fine
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    with pytest.raises(DomainError, match="cannot change after the first vote"):
        services.ballot_update(actor=secretariat, ballot=ballot, method="irv")


def test_a_closed_ballot_can_no_longer_be_changed(make_ballot, secretariat):
    ballot = services.ballot_close(actor=secretariat, ballot=make_ballot())
    with pytest.raises(DomainError, match="A closed ballot cannot be changed"):
        services.ballot_update(actor=secretariat, ballot=ballot, title="Later")


def test_method_may_change_before_any_vote(make_ballot, secretariat):
    ballot = make_ballot(open=False)
    ballot = services.ballot_update(actor=secretariat, ballot=ballot, method="approval", max_choices=2)
    assert ballot.method == "approval"
    assert ballot.max_choices == 2


def test_ballot_creation_validates_options_and_times(secretariat, cycle):
    closes = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(DomainError, match="at least two options"):
        services.ballot_create(actor=secretariat, cycle=cycle, title="T", method="single", options=["Only"], closes_at=closes)
    with pytest.raises(DomainError, match="must include a time zone"):
        services.ballot_create(actor=secretariat, cycle=cycle, title="T", method="single", options=["A", "B"],
                               closes_at=datetime.datetime(2030, 1, 1, 12, 0))  # noqa: DTZ001 (naive on purpose)
    with pytest.raises(DomainError, match="Unknown ballot method 'borda'"):
        services.ballot_create(actor=secretariat, cycle=cycle, title="T", method="borda", options=["A", "B"], closes_at=closes)
    with pytest.raises(DomainError, match="between 1 and 2 options; 3 is out of range"):
        services.ballot_create(actor=secretariat, cycle=cycle, title="T", method="approval", options=["A", "B"],
                               closes_at=closes, max_choices=3)


def test_state_changes_leave_audit_entries(make_ballot, secretariat):
    ballot = make_ballot()
    services.ballot_close(actor=secretariat, ballot=ballot)
    actions = list(AuditEntry.objects.for_object(ballot).values_list("action", flat=True))
    assert {"ballot.create", "ballot.open", "ballot.close"} <= set(actions)


def test_transition_table_refuses_reopening_a_closed_ballot(make_ballot, secretariat):
    ballot = make_ballot()
    services.ballot_close(actor=secretariat, ballot=ballot)
    with pytest.raises(DomainError, match="Cannot change status from Closed to Open"):
        services.ballot_open(actor=secretariat, ballot=ballot)


def test_ballot_options_can_come_from_the_consultation_proposals(secretariat, cycle):
    consultation = services.consultation_create(actor=secretariat, cycle=cycle, title="Theme 2027")
    for title in ("Health", "Integration"):
        services.proposal_create(actor=secretariat, consultation=consultation, title=title, rationale=f"Why {title}")
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme", method="single", consultation=consultation,
                                    closes_at=timezone.now() + datetime.timedelta(days=14))
    assert [(o.label, o.proposal.title) for o in ballot.options.all()] == [("Health", "Health"), ("Integration", "Integration")]
