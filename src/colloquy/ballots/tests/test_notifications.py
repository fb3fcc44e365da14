"""E-mails: on open to eligible focal points, reminders to those who have not voted, results at the close."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from colloquy.ballots import services
from colloquy.ballots.tests.conftest import option_ids

T0 = datetime.datetime(2027, 2, 1, 9, 0, tzinfo=datetime.UTC)
CLOSE = datetime.datetime(2027, 2, 15, 17, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def ballot(clock, django_capture_on_commit_callbacks, secretariat, cycle, make_member, ghana, focal_point, observer):
    make_member("KEN", focal_points=2)
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme 2027", method="single",
                                    options=["A", "B"], closes_at=CLOSE, reminder_days=3)
    with django_capture_on_commit_callbacks(execute=True):
        return services.ballot_open(actor=secretariat, ballot=ballot)


def test_opening_e_mails_each_eligible_focal_point_and_nobody_else(ballot):
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["felix@ghana.example", "fp0@kenya.example", "fp1@kenya.example"]  # not the observer
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert mail.outbox[0].subject == "Ballot open: Theme 2027"
    assert "Closes: 2027-02-15 17:00 UTC" in mail.outbox[0].body
    assert f"/ballots/{ballot.pk}/" in mail.outbox[0].body


def test_reminder_goes_only_to_organizations_that_have_not_voted_and_only_once(clock, ballot, ghana, focal_point):
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    mail.outbox.clear()
    out = StringIO()
    call_command("ballot_remind", stdout=out)  # 14 days before the close: too early
    assert mail.outbox == []
    clock.move_to(CLOSE - datetime.timedelta(days=3))
    call_command("ballot_remind", stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == ["fp0@kenya.example", "fp1@kenya.example"]
    assert mail.outbox[0].subject == "Reminder: vote on “Theme 2027”"
    call_command("ballot_remind", stdout=out)  # cron runs again the next hour
    assert len(mail.outbox) == 2
    assert "Sent 0 reminder" in out.getvalue().splitlines()[-1]


def test_reminder_days_can_be_given_on_the_command_line(clock, ballot):
    mail.outbox.clear()
    clock.move_to(CLOSE - datetime.timedelta(days=6))
    call_command("ballot_remind", "--days", "7", stdout=StringIO())
    assert len(mail.outbox) == 3


def test_no_reminder_after_the_close(clock, ballot):
    mail.outbox.clear()
    clock.move_to(CLOSE + datetime.timedelta(minutes=1))
    call_command("ballot_remind", stdout=StringIO())
    assert mail.outbox == []


def test_closing_e_mails_the_results(ballot, django_capture_on_commit_callbacks, secretariat, ghana, focal_point):
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[1]], actor=focal_point)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ballot_close(actor=secretariat, ballot=ballot)
    assert len(mail.outbox) == 3
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "Results: Theme 2027"
    assert "- B: 1" in body
    assert "Turnout: 1 of 2 eligible organizations (50.0%)" in body
    assert "Leading option: B" in body


def test_a_mail_outage_does_not_break_opening_a_ballot(clock, django_capture_on_commit_callbacks, secretariat, cycle,
                                                       ghana, focal_point, settings, caplog):
    settings.EMAIL_BACKEND = "colloquy.ballots.tests.test_notifications.BrokenBackend"
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="T", method="single", options=["A", "B"],
                                    closes_at=CLOSE)
    with django_capture_on_commit_callbacks(execute=True):
        services.ballot_open(actor=secretariat, ballot=ballot)
    ballot.refresh_from_db()
    assert ballot.state == "open"
    assert "colloquy.core.mail.deliver" in caplog.text and "FAILED" in caplog.text  # the task failed, not the step


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


def test_opening_through_the_page_gives_the_close_in_utc_and_in_each_recipients_own_zone(
        client, clock, django_capture_on_commit_callbacks, secretariat, cycle, ghana, focal_point, make_member):
    secretariat.timezone = "Asia/Bangkok"  # the page runs in the officer's zone; the e-mail must not
    secretariat.save()
    focal_point.timezone = "Africa/Accra"  # UTC+0 all year, named
    focal_point.save()
    _, nairobi_fp = make_member("KEN")
    nairobi_fp.timezone = "Africa/Nairobi"
    nairobi_fp.save()
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme 2027", method="single",
                                    options=["A", "B"], closes_at=CLOSE)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/ballots/{ballot.pk}/open/").status_code == 302
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Closes: 2027-02-15 17:00 UTC (2027-02-15 20:00 Africa/Nairobi)" in bodies[nairobi_fp.email]
    assert "Closes: 2027-02-15 17:00 UTC (2027-02-15 17:00 Africa/Accra)" in bodies[focal_point.email]
