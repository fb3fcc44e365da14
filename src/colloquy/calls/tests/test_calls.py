import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from colloquy.audit.models import AuditEntry
from colloquy.calls import services
from colloquy.calls.models import CallResponse, ConsentState, ResponseStatus
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError, PermissionDenied, TransitionError
from colloquy.outcomes.models import GoodPractice

pytestmark = pytest.mark.django_db


def _speaker(focal_point, call, **kw):
    fields = {"name": "Ama Mensah", "email": "ama@example.org", "affiliation": "Director, Ghana Immigration Service"}
    return services.response_submit(actor=focal_point, call=call, **(fields | kw))


def test_a_call_needs_an_aware_deadline_in_the_future(secretariat, workshop):
    with pytest.raises(DomainError, match="time zone"):
        services.call_open(actor=secretariat, kind="speakers", title="Speakers", event=workshop,
                           deadline=datetime.datetime(2030, 1, 1, 12, 0))  # noqa: DTZ001 (naive on purpose)
    with pytest.raises(DomainError, match="past"):
        services.call_open(actor=secretariat, kind="speakers", title="Speakers", event=workshop,
                           deadline=timezone.now() - datetime.timedelta(minutes=1))


def test_a_call_for_speakers_needs_an_event(secretariat, workshop):
    with pytest.raises(DomainError, match="for an event"):
        services.call_open(actor=secretariat, kind="speakers", title="Speakers", cycle=workshop.cycle,
                           deadline=timezone.now() + datetime.timedelta(days=3))


def test_only_the_secretariat_opens_a_call(focal_point, workshop):
    with pytest.raises(PermissionDenied):
        services.call_open(actor=focal_point, kind="speakers", title="Speakers", event=workshop,
                           deadline=timezone.now() + datetime.timedelta(days=3))


def test_a_focal_point_answers_and_the_answer_is_audited(focal_point, ghana, open_call):
    response = _speaker(focal_point, open_call())
    assert response.organization == ghana and response.status == ResponseStatus.SUBMITTED
    assert AuditEntry.objects.filter(action="call_response.submit").count() == 1


def test_nobody_answers_after_the_deadline(focal_point, open_call):
    call = open_call(days=2)
    with time_machine.travel(call.deadline + datetime.timedelta(seconds=1)), \
            pytest.raises(DomainError, match="closed"):
            _speaker(focal_point, call)


def test_a_focal_point_of_a_non_member_cannot_answer(outsider, open_call):
    with pytest.raises(PermissionDenied):
        _speaker(outsider, open_call())


def test_a_speaker_needs_an_affiliation_and_an_email(focal_point, open_call):
    with pytest.raises(DomainError, match="affiliation"):
        _speaker(focal_point, open_call(), affiliation="")
    with pytest.raises(DomainError, match="e-mail"):
        _speaker(focal_point, open_call(), email="")


def test_accepting_a_speaker_books_them_unpublished_and_asks_consent(secretariat, focal_point, open_call, workshop,
                                                                     make_session):
    session = make_session(workshop, title="Panel: recruitment costs")
    response = _speaker(focal_point, open_call())
    services.response_decide(actor=secretariat, response=response, status="shortlisted")
    services.response_decide(actor=secretariat, response=response, status="accepted", session=session)
    response.refresh_from_db()
    participant = response.participant
    assert participant.session == session and participant.role == "speaker"
    assert participant.affiliation_title == "Director, Ghana Immigration Service"
    assert participant.person.consents_to_publication is False and response.consent == ConsentState.ASKED
    assert mail.outbox[-1].to == ["ama@example.org"] and "/calls/consent/" in mail.outbox[-1].body

    token = mail.outbox[-1].body.split("/calls/consent/")[1].split("/")[0]
    services.speaker_answer_consent(token=token, agree=True)
    participant.person.refresh_from_db()
    assert participant.person.consents_to_publication is True
    assert CallResponse.objects.get(pk=response.pk).consent == ConsentState.GIVEN


def test_accepting_a_speaker_without_a_session_is_refused_and_nothing_is_written(secretariat, focal_point, open_call):
    response = _speaker(focal_point, open_call())
    with pytest.raises(DomainError, match="session"):
        services.response_decide(actor=secretariat, response=response, status="accepted")
    assert CallResponse.objects.get(pk=response.pk).status == ResponseStatus.SUBMITTED


def test_an_accepted_answer_cannot_change_again(secretariat, focal_point, open_call, workshop, make_session):
    response = _speaker(focal_point, open_call())
    services.response_decide(actor=secretariat, response=response, status="accepted", session=make_session(workshop))
    with pytest.raises(TransitionError):
        services.response_decide(actor=secretariat, response=response, status="declined")


def test_an_accepted_case_study_becomes_an_unpublished_good_practice(secretariat, focal_point, open_call):
    call = open_call(kind="case_studies")
    pdf = SimpleUploadedFile("study.pdf", b"%PDF-1.4 a case study", content_type="application/pdf")
    response = services.response_submit(actor=focal_point, call=call, title="One-stop shops for returnees",
                                        country="gha", summary="Returnees get papers and jobs advice at one desk.",
                                        file=pdf)
    assert response.file.name.startswith("calls/") and len(response.file.name.split("/")[1]) == 32
    services.response_decide(actor=secretariat, response=response, status="accepted")
    practice = GoodPractice.objects.get(title="One-stop shops for returnees")
    assert practice.published is False and practice.country == "GHA" and practice.event == call.event
    assert CallResponse.objects.get(pk=response.pk).good_practice == practice


def test_a_case_study_file_that_is_not_what_its_name_says_is_refused(focal_point, open_call):
    fake = SimpleUploadedFile("study.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(DomainError, match=r"not a \.pdf file"):
        services.response_submit(actor=focal_point, call=open_call(kind="case_studies"), title="T", country="GHA",
                                 summary="S", file=fake)
    assert not CallResponse.objects.exists()


def test_reminders_go_once_to_members_that_have_not_answered(focal_point, observer, open_call):
    call = open_call(days=5)
    sent = services.calls_send_reminders(actor=SYSTEM, lead_days=7)
    assert sorted(r.email for r in sent) == sorted([focal_point.email, observer.email])
    assert services.calls_send_reminders(actor=SYSTEM, lead_days=7) == []
    assert any(call.title in m.subject for m in mail.outbox)


def test_no_reminder_for_a_member_that_answered_or_a_call_far_away(focal_point, observer, open_call):
    _speaker(focal_point, open_call(days=5))
    open_call(days=30, title="Later call")
    assert [r.email for r in services.calls_send_reminders(actor=SYSTEM, lead_days=7)] == [observer.email]


def test_the_reminder_job_is_on_the_worker_schedule():
    from colloquy.core.schedule import jobs

    assert "send-call-reminders" in [job.name for job in jobs()]


def test_a_bad_consent_link_is_refused():
    with pytest.raises(DomainError, match="not valid"):
        services.response_from_consent_token("nope")




def test_the_reminder_command_lists_who_it_would_remind(focal_point, open_call):
    from django.core.management import call_command

    open_call(days=3, title="Speakers soon")
    out = io.StringIO()
    call_command("send_call_reminders", "--dry-run", stdout=out)
    assert f"would remind {focal_point.email}" in out.getvalue() and "Speakers soon" in out.getvalue()
    assert mail.outbox == []
