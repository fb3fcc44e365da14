import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.models import ReminderLog
from colloquy.outcomes.rounds_status import round_progress
from colloquy.outcomes.services import (
    recommendation_report_progress,
    round_close,
    round_launch,
    round_send_reminders,
)

LAUNCH = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def launched(secretariat, focal_point, kenya_focal_point, ghana, kenya, make_recommendation):
    recs = [make_recommendation(text=f"Recommendation {i}") for i in range(2)]
    with time_machine.travel(LAUNCH, tick=False):
        followup_round = round_launch(title="Spring 2026 follow-up", recommendations=recs, organizations=[ghana, kenya],
                                      deadline=datetime.date(2026, 3, 31), actor=secretariat)
    return followup_round, recs


def test_round_invitations_are_sent_after_commit(secretariat, focal_point, ghana, make_recommendation,
                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        round_launch(title="Round A", recommendations=[make_recommendation()], organizations=[ghana],
                     deadline=timezone.localdate() + datetime.timedelta(days=10), actor=secretariat)
    assert [m.to for m in mail.outbox] == [["felix@ghana.example"]]
    assert "Round A" in mail.outbox[0].subject


@pytest.mark.parametrize("missing", ["recommendations", "organizations"])
def test_round_needs_recommendations_and_members(secretariat, ghana, make_recommendation, missing):
    kwargs = {"recommendations": [make_recommendation()], "organizations": [ghana], missing: []}
    with pytest.raises(DomainError, match=f"at least one {'recommendation' if missing == 'recommendations' else 'member'}"):
        round_launch(title="R", deadline=timezone.localdate(), actor=secretariat, **kwargs)


def test_round_deadline_in_the_past_is_refused(secretariat, ghana, make_recommendation):
    with pytest.raises(DomainError, match="is in the past"):
        round_launch(title="R", recommendations=[make_recommendation()], organizations=[ghana],
                     deadline=timezone.localdate() - datetime.timedelta(days=1), actor=secretariat)


def test_only_secretariat_launches_rounds(focal_point, ghana, make_recommendation):
    with pytest.raises(PermissionDenied):
        round_launch(title="R", recommendations=[make_recommendation()], organizations=[ghana],
                     deadline=timezone.localdate(), actor=focal_point)


def test_reminders_go_only_to_members_who_have_not_reported_and_not_before_the_lead_time(launched, focal_point, ghana):
    _round, recs = launched
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 10, 8, 0, tzinfo=datetime.UTC), tick=False):
        assert round_send_reminders(actor=SYSTEM) == []  # 21 days left
    with time_machine.travel(datetime.datetime(2026, 3, 12, 8, 0, tzinfo=datetime.UTC), tick=False):
        for rec in recs:
            recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress", actor=focal_point)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
    assert [m.to for m in mail.outbox] == [["kamau@kenya.example"]]
    body = mail.outbox[0].body
    assert "not yet reported on 2 of the 2" in body
    assert "in 11 days" in body
    for rec in recs:  # each missing recommendation, with the link to report on it
        assert f"/outcomes/recommendations/{rec.pk}/report/" in body and rec.text in body


def test_reminders_are_not_repeated_within_the_interval_and_flag_overdue(launched):
    followup_round, _ = launched
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 20, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
        call_command("send_followup_reminders")
    assert len(mail.outbox) == 2  # Felix and Kamau, once each
    with time_machine.travel(datetime.datetime(2026, 3, 26, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
    assert len(mail.outbox) == 2  # six days later: still inside the 7-day interval
    with time_machine.travel(datetime.datetime(2026, 4, 3, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
    assert len(mail.outbox) == 4
    assert "overdue" in mail.outbox[-1].subject
    assert "(3 days ago)" in mail.outbox[-1].body
    with time_machine.travel(datetime.datetime(2026, 4, 11, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
    assert "(11 days ago)" in mail.outbox[-1].body
    assert ReminderLog.objects.filter(round=followup_round).count() == 6


def test_closed_rounds_send_no_reminders(launched, secretariat):
    followup_round, _ = launched
    round_close(followup_round=followup_round, actor=secretariat)
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 30, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
    assert mail.outbox == []


def test_dry_run_lists_but_sends_nothing(launched, capsys):
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 30, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders", "--dry-run")
    assert mail.outbox == []
    assert "would remind felix@ghana.example" in capsys.readouterr().out
    assert not ReminderLog.objects.exists()


def test_response_rate_counts_members_that_reported_on_every_recommendation(launched, focal_point, kenya_focal_point,
                                                                           ghana, kenya):
    followup_round, recs = launched
    with time_machine.travel(datetime.datetime(2026, 3, 5, tzinfo=datetime.UTC), tick=False):
        for rec in recs:
            recommendation_report_progress(recommendation=rec, organization=ghana, status="implemented", actor=focal_point)
        recommendation_report_progress(recommendation=recs[0], organization=kenya, status="in_progress",
                                       actor=kenya_focal_point)
    progress = round_progress(followup_round)
    assert (progress.addressed, progress.responded, progress.partial, progress.percent) == (2, 1, 1, 50)
    with time_machine.travel(datetime.datetime(2026, 4, 2, tzinfo=datetime.UTC), tick=False):
        recommendation_report_progress(recommendation=recs[1], organization=kenya, status="not_started",
                                       actor=kenya_focal_point)
    progress = round_progress(followup_round)
    assert progress.percent == 100
    assert [(r.organization.name, r.late) for r in progress.rows] == [("Ghana", False), ("Kenya", True)]


def test_reports_filed_before_the_round_opened_do_not_count(secretariat, focal_point, ghana, make_recommendation):
    rec = make_recommendation(addressed=[ghana])
    with time_machine.travel(datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), tick=False):
        recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress", actor=focal_point)
    with time_machine.travel(LAUNCH, tick=False):
        followup_round = round_launch(title="R", recommendations=[rec], organizations=[ghana],
                                      deadline=datetime.date(2026, 3, 31), actor=secretariat, notify=False)
    assert round_progress(followup_round).responded == 0


def test_reminder_command_names_members_it_cannot_reach(secretariat, focal_point, ghana, make_government,
                                                        make_recommendation, capsys):
    peru = make_government("PER", name="Peru")  # no focal point at all
    with time_machine.travel(LAUNCH, tick=False):
        round_launch(title="Unreachable test", recommendations=[make_recommendation()], organizations=[ghana, peru],
                     deadline=datetime.date(2026, 3, 31), actor=secretariat, notify=False)
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2026, 3, 25, 8, 0, tzinfo=datetime.UTC), tick=False):
        call_command("send_followup_reminders")
    out = capsys.readouterr().out
    assert [m.to for m in mail.outbox] == [["felix@ghana.example"]]
    assert "cannot remind Peru" in out and "no active focal point with an e-mail address" in out
    assert "cannot remind Ghana" not in out


def test_round_page_tells_the_secretariat_which_members_reminders_cannot_reach(secretariat, focal_point, ghana,
                                                                              make_government, make_recommendation,
                                                                              client):
    peru = make_government("PER", name="Peru")
    followup_round = round_launch(title="Contacts", recommendations=[make_recommendation()],
                                  organizations=[ghana, peru], deadline=timezone.localdate() + datetime.timedelta(days=9),
                                  actor=secretariat, notify=False)
    client.force_login(secretariat)
    html = client.get(followup_round.get_absolute_url()).content.decode()
    assert html.count("data-no-contact") == 1
    assert html.index("Peru") < html.index("data-no-contact")
    client.force_login(focal_point)
    assert "data-no-contact" not in client.get(followup_round.get_absolute_url()).content.decode()


def test_a_reminder_lists_only_the_recommendations_still_missing(launched, kenya_focal_point, kenya):
    _round, recs = launched
    with time_machine.travel(datetime.datetime(2026, 3, 20, 8, 0, tzinfo=datetime.UTC), tick=False):
        recommendation_report_progress(recommendation=recs[0], organization=kenya, status="in_progress",
                                       actor=kenya_focal_point)
        mail.outbox.clear()
        call_command("send_followup_reminders")
    (kenya_mail,) = [m for m in mail.outbox if m.to == ["kamau@kenya.example"]]
    assert "not yet reported on 1 of the 2" in kenya_mail.body
    assert f"/recommendations/{recs[1].pk}/report/" in kenya_mail.body
    assert f"/recommendations/{recs[0].pk}/report/" not in kenya_mail.body
