"""The chain anchored outside the database (issue 15, finding 4): seals under a key the database does not hold,
and heads published at each cast and at the close that `ballot-verify --against` compares with."""

import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from colloquy.ballots import chain, services
from colloquy.ballots.anchor import _signature, head_document
from colloquy.ballots.models import Ballot, CastLog, CurrentBallot
from colloquy.ballots.tests.conftest import option_ids


@pytest.fixture
def voted(make_ballot, make_member, ghana, focal_point):
    kenya, kenya_fp = make_member("KEN")
    ballot = make_ballot(title="Anchored")
    a, b, _ = option_ids(ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    services.ballot_cast(ballot=ballot, member=kenya, choices=[b], actor=kenya_fp)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[b], actor=focal_point)
    return ballot


def _verify(ballot, *extra) -> str:
    out = StringIO()
    call_command("ballot_verify", str(ballot.pk), *extra, stdout=out)
    return out.getvalue()


def _rehash_from(ballot, seq: int) -> None:
    """What a database-only attacker can do: recompute every entry hash from `seq` on, re-link the chain and
    move the ballot's head (all of it is plain SHA-256 over data the database holds)."""
    entries = list(CastLog.objects.filter(ballot=ballot).order_by("seq"))
    prev = entries[seq - 2].entry_hash if seq > 1 else chain.genesis_hash(ballot.pk)
    for entry in entries[seq - 1:]:
        entry.prev_hash = prev
        entry.entry_hash = chain.entry_hash(entry)
        CastLog.objects.filter(pk=entry.pk).update(prev_hash=entry.prev_hash, entry_hash=entry.entry_hash)
        prev = entry.entry_hash
    Ballot.objects.filter(pk=ballot.pk).update(log_seq=entries[-1].seq, log_head=prev)


def test_an_untouched_ballot_verifies_against_its_published_head(voted, tmp_path):
    published = tmp_path / "head.json"
    published.write_text(json.dumps(head_document(voted)))
    assert "OK: chain intact" in _verify(voted, "--against", str(published))


def test_one_vote_changed_and_the_rest_rehashed_with_database_access_only_fails(voted):
    first = option_ids(voted)[0]
    entry = CastLog.objects.get(ballot=voted, seq=2)  # Kenya's vote: b → a
    entry.choices = [first]
    entry.choice_digest = chain.choice_digest(entry.salt, entry.choices)
    CastLog.objects.filter(pk=entry.pk).update(choices=entry.choices, choice_digest=entry.choice_digest)
    CurrentBallot.objects.filter(log_entry=entry).update(choices=[first])
    _rehash_from(voted, 2)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ballot_verify", str(voted.pk), stdout=out)
    assert "entry #2: its seal does not match its content" in out.getvalue()


def test_dropped_last_entries_with_the_head_rolled_back_fail_against_a_published_head(voted, ghana, tmp_path):
    published = tmp_path / "head.json"
    published.write_text(json.dumps(head_document(voted)))  # what was published after the third cast
    last = CastLog.objects.get(ballot=voted, seq=3)
    previous = CastLog.objects.get(ballot=voted, seq=1)
    CurrentBallot.objects.filter(ballot=voted, organization=ghana).update(choices=previous.choices, log_entry=previous)
    CastLog.objects.filter(pk=last.pk)._raw_delete(CastLog.objects.db)
    Ballot.objects.filter(pk=voted.pk).update(log_seq=2, log_head=CastLog.objects.get(ballot=voted, seq=2).entry_hash)
    assert "OK: chain intact" in _verify(voted)  # consistent on its own: only the published head shows it
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ballot_verify", str(voted.pk), "--against", str(published), stdout=out)
    assert "entry #3 was published but is not in the database (the log ends at #2)" in out.getvalue()


def test_a_rehashed_log_fails_against_the_head_in_the_results_email(voted, secretariat, tmp_path, client,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.ballot_close(actor=secretariat, ballot=voted)
    email = next(m for m in mail.outbox if m.subject.startswith("Results"))
    voted.refresh_from_db()
    assert f"#3 {voted.log_head}" in email.body
    assert f"#3 {voted.log_head}" in client.get(reverse("ballots:results", args=[voted.pk])).content.decode()
    saved = tmp_path / "results.eml"
    saved.write_text(email.body)
    assert "OK: chain intact" in _verify(voted, "--against", str(saved))
    CastLog.objects.filter(ballot=voted, seq=3).update(user_label="someone else")
    _rehash_from(voted, 3)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ballot_verify", str(voted.pk), "--against", str(saved), stdout=out)
    assert "entry #3 differs from the published log" in out.getvalue()


def test_an_export_with_a_forged_signature_is_reported(voted, tmp_path):
    document = head_document(voted) | {"seq": 99}
    published = tmp_path / "head.json"
    published.write_text(json.dumps(document))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ballot_verify", str(voted.pk), "--against", str(published), stdout=out)
    assert "signature does not verify" in out.getvalue()


def test_the_head_is_published_on_the_log_page_and_as_a_signed_export(client, voted):
    voted.refresh_from_db()
    page = client.get(reverse("ballots:log", args=[voted.pk])).content.decode()
    assert f"#3 {voted.log_head}" in page
    export = client.get(reverse("ballots:head", args=[voted.pk])).json()
    assert (export["seq"], export["head"]) == (3, voted.log_head)
    assert [seq for seq, _ in export["entries"]] == [1, 2, 3]
    assert export["signature"] == _signature(export)


def test_entries_written_before_seals_existed_are_sealed_by_the_migration_and_verify(voted):
    import importlib

    from django.apps import apps

    from colloquy.ballots.verify import verify_ballot

    CastLog.objects.filter(ballot=voted).update(seal="")  # as the log stood before migration 0003
    assert not verify_ballot(voted).ok
    migration = importlib.import_module("colloquy.ballots.migrations.0003_refusals_apart_and_seals")
    migration.seal_existing(apps, None)
    assert verify_ballot(voted).ok


@pytest.mark.django_db(transaction=True)
def test_ballot_verify_reads_a_published_head_from_a_url(live_server, voted):
    url = live_server.url + reverse("ballots:head", args=[voted.pk])
    assert "OK: chain intact" in _verify(voted, "--against", url)
    assert "(#3)" in _verify(voted, "--against", url)
