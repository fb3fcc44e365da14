"""`colloquy backup` while votes are cast, `colloquy restore` into an empty database: every ballot verifies and
the audit log matches the records (SQLite and PostgreSQL: run with DATABASE_URL for the latter)."""

import datetime
import io
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from colloquy.audit.models import AuditEntry
from colloquy.ballots import services
from colloquy.ballots.models import Ballot, CastLog
from colloquy.ballots.tests.conftest import option_ids
from colloquy.ballots.verify import verify_ballot

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class Writer(threading.Thread):
    """Casts and changes votes and creates ballots (each with its audit entry) until stopped."""

    def __init__(self, ballot, members, secretariat, cycle):
        super().__init__(daemon=True)
        self.ballot, self.members, self.secretariat, self.cycle = ballot, members, secretariat, cycle
        self.stop, self.writes, self.error = threading.Event(), 0, None

    def run(self):
        options = option_ids(self.ballot)
        try:
            while not self.stop.is_set():
                org, user = self.members[self.writes % len(self.members)]
                services.ballot_cast(ballot=self.ballot, member=org, choices=[options[self.writes % 3]], actor=user)
                if self.writes % 3 == 0:
                    services.ballot_create(actor=self.secretariat, cycle=self.cycle, title=f"Ballot {self.writes}",
                                           method="single", options=["A", "B"],
                                           closes_at=timezone.now() + datetime.timedelta(days=3))
                self.writes += 1
        except Exception as exc:  # reported by the test, not lost in the thread
            self.error = exc
        finally:
            connection.close()


def wait_for(condition, seconds=60):
    deadline = timezone.now() + datetime.timedelta(seconds=seconds)
    while not condition():
        assert timezone.now() < deadline, "the writer made no progress"
        threading.Event().wait(0.02)


def test_a_backup_taken_during_voting_restores_into_an_empty_database_and_verifies(
        make_ballot, make_member, secretariat, cycle, tmp_path):
    members = [make_member(code) for code in ("KEN", "SEN", "MEX", "PHL")]
    ballot = make_ballot()
    media = Path(settings.MEDIA_ROOT) / "documents" / "report.txt"
    media.parent.mkdir(parents=True, exist_ok=True)
    media.write_text("a private report\n")
    writer = Writer(ballot, members, secretariat, cycle)
    writer.start()
    try:
        wait_for(lambda: writer.writes >= 10)
        call_command("backup", str(tmp_path / "live.tar"), verbosity=0)
        written = writer.writes
        wait_for(lambda: writer.writes >= written + 5)  # voting went on after the snapshot
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None, writer.error
    final_entries = CastLog.objects.count()

    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)  # an empty database
    media.unlink()
    assert not Ballot.objects.exists()
    call_command("restore", str(tmp_path / "live.tar"), verbosity=0)

    restored = list(Ballot.objects.order_by("pk"))
    assert len(restored) > 1
    assert 10 <= CastLog.objects.filter(ballot_id=ballot.pk).count() < final_entries
    for each in restored:
        report = verify_ballot(each)
        assert report.ok, (each.pk, report.problems)
    audited = set(AuditEntry.objects.filter(action="ballot.create").values_list("target_id", flat=True))
    assert audited == {str(b.pk) for b in restored}, "the audit log and the ballots are from different moments"
    assert media.read_text() == "a private report\n"
    for each in restored:
        out = io.StringIO()
        call_command("ballot_verify", str(each.pk), stdout=out)
        assert "OK: chain intact" in out.getvalue()
