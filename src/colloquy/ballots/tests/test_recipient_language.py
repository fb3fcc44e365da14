"""Each focal point gets the ballot's e-mails and reminders in the language chosen on their profile."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import translation

from colloquy.ballots import services

pytestmark = pytest.mark.django_db
CLOSE = datetime.datetime(2027, 2, 15, 17, 0, tzinfo=datetime.UTC)


def test_opening_and_reminder_e_mails_follow_each_recipients_language(
        django_capture_on_commit_callbacks, secretariat, cycle, make_member, ghana, focal_point):
    focal_point.language = "fr"
    focal_point.save()
    make_member("KEN", focal_points=1)
    with time_machine.travel(datetime.datetime(2027, 2, 1, 9, 0, tzinfo=datetime.UTC), tick=False) as clock:
        ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme 2027", method="single",
                                        options=["A", "B"], closes_at=CLOSE, reminder_days=3)
        with translation.override("es"), django_capture_on_commit_callbacks(execute=True):  # the officer's page
            services.ballot_open(actor=secretariat, ballot=ballot)
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        assert subjects["felix@ghana.example"] == "Scrutin ouvert : Theme 2027"
        assert subjects["fp0@kenya.example"] == "Ballot open: Theme 2027"  # no preference: the site's default
        mail.outbox.clear()
        clock.move_to(CLOSE - datetime.timedelta(days=3))
        services.ballot_send_reminders(actor=secretariat)
        reminders = {m.to[0]: m.subject for m in mail.outbox}
        assert reminders["felix@ghana.example"].startswith("Rappel")
        assert reminders["fp0@kenya.example"].startswith("Reminder")
