"""Django's own dumpdata/loaddata keeps every ballot chain verifiable (chain.stamp, CastLog.hashed_at)."""

import datetime
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from colloquy.ballots import chain
from colloquy.ballots.keys import ballot_key
from colloquy.ballots.models import Ballot, CastLog
from colloquy.ballots.verify import verify_ballot

pytestmark = pytest.mark.slow

keep_hashed_times = importlib.import_module("colloquy.ballots.migrations.0004_castlog_hashed_at").keep_hashed_times


def round_trip(tmp_path):
    """dumpdata → flush → loaddata: the whole database, through Django's JSON serializer, into an empty one."""
    dump = tmp_path / "dump.json"
    call_command("dumpdata", "-o", str(dump), verbosity=0)
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)  # an empty database
    assert not CastLog.objects.exists()
    call_command("loaddata", str(dump), verbosity=0)
    return json.loads(dump.read_text())


def restamp_as_before_the_fix(ballot):
    """Rewrite a ballot's chain as the code before migration 0004 wrote it: times with microseconds, hashed so,
    and sealed with the ballot key as migration 0003 sealed the rows it found."""
    prev = chain.genesis_hash(ballot.pk)
    for entry in CastLog.objects.filter(ballot=ballot).order_by("seq"):
        entry.at = entry.at + datetime.timedelta(microseconds=123)
        entry.prev_hash = prev
        entry.entry_hash = chain.entry_hash(entry)
        entry.seal = chain.entry_seal(entry, ballot_key())
        CastLog.objects.filter(pk=entry.pk).update(at=entry.at, prev_hash=prev, entry_hash=entry.entry_hash,
                                                   seal=entry.seal)
        prev = entry.entry_hash
    Ballot.objects.filter(pk=ballot.pk).update(log_head=prev)


def test_new_entries_are_stamped_at_whole_milliseconds(voted):
    assert all(at.microsecond % 1000 == 0 for at in CastLog.objects.values_list("at", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_dumpdata_loaddata_round_trip_keeps_the_chain_valid(voted, tmp_path):
    hashes = list(CastLog.objects.order_by("seq").values_list("entry_hash", flat=True))
    round_trip(tmp_path)
    ballot = Ballot.objects.get(pk=voted.pk)
    report = verify_ballot(ballot)
    assert report.ok, report.problems
    assert report.entries == 3
    assert list(CastLog.objects.order_by("seq").values_list("entry_hash", flat=True)) == hashes
    out = io.StringIO()
    call_command("ballot_verify", str(voted.pk), stdout=out)
    assert "OK: chain intact" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_entries_hashed_with_microseconds_before_the_fix_survive_the_round_trip(voted, tmp_path):
    restamp_as_before_the_fix(voted)
    assert verify_ballot(voted).ok
    keep_hashed_times(apps, None)
    assert CastLog.objects.exclude(hashed_at="").count() == 3
    round_trip(tmp_path)
    report = verify_ballot(Ballot.objects.get(pk=voted.pk))
    assert report.ok, report.problems


@pytest.mark.django_db(transaction=True)
def test_without_the_kept_time_strings_a_round_trip_breaks_old_entries(voted, tmp_path):
    """What the migration prevents: the serializer drops the microseconds those hashes were computed over."""
    restamp_as_before_the_fix(voted)
    round_trip(tmp_path)
    report = verify_ballot(Ballot.objects.get(pk=voted.pk))
    assert any("does not match its content" in p for p in report.problems)


def test_an_edited_time_of_an_old_entry_is_detected(voted):
    restamp_as_before_the_fix(voted)
    keep_hashed_times(apps, None)
    entry = CastLog.objects.get(ballot=voted, seq=2)
    CastLog.objects.filter(pk=entry.pk).update(at=entry.at - datetime.timedelta(hours=1))
    report = verify_ballot(voted)
    assert any("entry #2" in p and "differs from the time it was hashed with" in p for p in report.problems)

