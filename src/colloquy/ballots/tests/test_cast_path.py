"""The cast path's storage: the chain head on the ballot row, the one-statement cast on PostgreSQL, its fallbacks.

The statements themselves are pinned in test_perf_cast_sql.py (marked perf)."""

import pytest
from django.db import connection
from django.utils import timezone

from colloquy.ballots import chain, services
from colloquy.ballots.models import Ballot, BallotState, CastLog, CurrentBallot
from colloquy.ballots.services import cast_sql
from colloquy.ballots.tests.conftest import option_ids
from colloquy.ballots.verify import verify_ballot
from colloquy.core.errors import DomainError
from colloquy.core.rows import RowLoader


def head(ballot):
    return Ballot.objects.values_list("log_seq", "log_head").get(pk=ballot.pk)


def test_the_ballot_row_carries_the_head_of_its_log_after_casts_and_refusals(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    a, b, _ = option_ids(ballot)
    assert head(ballot) == (0, "")
    first = services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    assert head(ballot) == (1, first.entry_hash)
    with pytest.raises(DomainError):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[a, b], actor=focal_point)  # refused, logged
    refusal = CastLog.objects.get(ballot=ballot, seq=2)
    assert refusal.kind == "refused"
    assert head(ballot) == (2, refusal.entry_hash)
    third = services.ballot_cast(ballot=ballot, member=ghana, choices=[b], actor=focal_point)
    assert (third.seq, third.prev_hash) == (3, refusal.entry_hash)
    assert head(ballot) == (3, third.entry_hash)
    assert verify_ballot(ballot).ok


def test_a_cast_returns_exactly_what_was_stored_and_hashes_as_python_would(make_ballot, make_member):
    kenya, fp = make_member("KEN")
    fp.username = "fp-kényà-✓"  # non-ASCII in the hashed JSON
    fp.save()
    ballot = make_ballot(method="irv")
    a, _, c = option_ids(ballot)
    entry = services.ballot_cast(ballot=ballot, member=kenya, choices=[c, a], actor=fp)
    stored = CastLog.objects.get(pk=entry.pk)
    assert (stored.seq, stored.prev_hash, stored.entry_hash, stored.at, stored.choices, stored.user_label) == (
        entry.seq, chain.genesis_hash(ballot.pk), entry.entry_hash, entry.at, [c, a], "fp-kényà-✓")
    assert chain.entry_hash(stored) == stored.entry_hash
    current = CurrentBallot.objects.get(ballot=ballot, organization=kenya)
    assert (current.log_entry_id, current.choices, current.cast_by_id) == (entry.pk, [c, a], fp.pk)


def test_a_user_name_containing_a_stand_in_still_casts_a_valid_entry(make_ballot, make_member):
    kenya, fp = make_member("KEN")
    fp.username = "fp" + cast_sql._PREV  # the one-statement cast cannot cut the JSON: the general path casts
    fp.save()
    ballot = make_ballot()
    a = option_ids(ballot)[0]
    entry = services.ballot_cast(ballot=ballot, member=kenya, choices=[a], actor=fp)
    assert CastLog.objects.get(pk=entry.pk).user_label == fp.username
    assert verify_ballot(ballot).ok


def test_a_ballot_closed_after_the_checks_refuses_the_cast_and_logs_it(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    a = option_ids(ballot)[0]
    Ballot.objects.filter(pk=ballot.pk).update(state=BallotState.CLOSED)  # ballot object still says open
    with pytest.raises(DomainError, match="closed"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    assert list(CastLog.objects.filter(ballot=ballot).values_list("kind", flat=True)) == ["refused"]
    assert not CurrentBallot.objects.filter(ballot=ballot).exists()
    assert verify_ballot(ballot).ok


def test_a_method_changed_after_the_checks_is_checked_again_under_the_lock(make_ballot, ghana, focal_point):
    ballot = make_ballot(method="approval", max_choices=2)
    a, b, _ = option_ids(ballot)
    Ballot.objects.filter(pk=ballot.pk).update(method="single", max_choices=1)  # as if changed meanwhile
    with pytest.raises(DomainError, match="single-choice"):
        services.ballot_cast(ballot=ballot, member=ghana, choices=[a, b], actor=focal_point)
    assert CastLog.objects.get(ballot=ballot).kind == "refused"


def test_verify_reports_a_chain_head_that_is_not_the_last_entry(make_ballot, ghana, focal_point):
    ballot = make_ballot()
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    Ballot.objects.filter(pk=ballot.pk).update(log_seq=7)
    report = verify_ballot(ballot)
    assert any("chain head" in p for p in report.problems)


@pytest.mark.parametrize(("state", "opened"), [(s, o) for s in BallotState.values for o in (False, True)])
def test_is_published_applies_the_published_queryset_rule(make_ballot, state, opened):
    ballot = make_ballot(open=False)
    Ballot.objects.filter(pk=ballot.pk).update(state=state, opened_at=timezone.now() if opened else None)
    ballot.refresh_from_db()
    assert ballot.is_published == Ballot.objects.published().filter(pk=ballot.pk).exists()


def test_a_row_loader_builds_the_same_instance_as_the_orm(make_ballot, ghana, focal_point):
    ballot = make_ballot(method="approval", max_choices=2)
    entry = services.ballot_cast(ballot=ballot, member=ghana, choices=option_ids(ballot)[:2], actor=focal_point)
    for model, pk in ((Ballot, ballot.pk), (CastLog, entry.pk)):
        loader = RowLoader(model, "x")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {loader.columns} FROM {model._meta.db_table} x WHERE x.id = %s", [pk])
            loaded = loader.load(cursor.fetchone())
        expected = model.objects.get(pk=pk)
        assert [getattr(loaded, f.attname) for f in model._meta.concrete_fields] == [
            getattr(expected, f.attname) for f in model._meta.concrete_fields]
        assert not loaded._state.adding
    assert loader.load(None) is None


def test_the_cast_lookup_shows_a_draft_to_the_secretariat_only(make_ballot, focal_point, secretariat):
    draft, published = make_ballot(open=False), make_ballot(title="Open")
    assert cast_sql.visible_ballot_row(focal_point, draft.pk) is None
    assert cast_sql.visible_ballot_row(secretariat, draft.pk) == draft
    assert cast_sql.visible_ballot_row(None, published.pk) == published
    assert cast_sql.visible_ballot_row(secretariat, 10**9) is None
