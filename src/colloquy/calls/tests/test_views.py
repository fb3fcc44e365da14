import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from colloquy.calls.models import Call, CallResponse, ResponseStatus

pytestmark = pytest.mark.django_db


def test_the_secretariat_opens_a_call_from_the_form_with_a_deadline_in_its_time_zone(client, secretariat, workshop):
    client.force_login(secretariat)
    client.cookies["tz"] = "Europe/Paris"
    page = client.post("/calls/new/", {"kind": "speakers", "title": "Speakers for the labour workshop",
                                       "event": workshop.pk, "deadline": "2099-03-01T17:00"})
    call = Call.objects.get()
    assert page.status_code == 302 and page["Location"] == call.get_absolute_url()
    assert call.deadline == datetime.datetime(2099, 3, 1, 16, 0, tzinfo=datetime.UTC)


def test_a_call_for_speakers_without_an_event_is_refused_on_the_form(client, secretariat, workshop):
    client.force_login(secretariat)
    page = client.post("/calls/new/", {"kind": "speakers", "title": "Speakers", "cycle": workshop.cycle.pk,
                                       "deadline": "2099-03-01T17:00"})
    assert page.status_code == 400 and "A call for speakers is for an event" in page.content.decode()
    assert not Call.objects.exists()


def test_a_focal_point_sees_the_call_on_the_desk_and_answers_it(client, focal_point, open_call):
    call = open_call()
    client.force_login(focal_point)
    assert call.title in client.get("/calls/").content.decode()
    page = client.post(f"/calls/{call.pk}/answer/", {"name": "Ama Mensah", "email": "ama@example.org",
                                                     "affiliation": "Director, Ghana Immigration Service"})
    assert page.status_code == 302
    assert CallResponse.objects.get().name == "Ama Mensah"
    assert "Ama Mensah" in client.get(call.get_absolute_url()).content.decode()


def test_a_missing_affiliation_is_named_and_the_input_kept(client, focal_point, open_call):
    call = open_call()
    client.force_login(focal_point)
    page = client.post(f"/calls/{call.pk}/answer/", {"name": "Ama Mensah", "email": "ama@example.org"})
    html = page.content.decode()
    assert page.status_code == 400 and "affiliation" in html and 'value="Ama Mensah"' in html


def test_another_members_answers_stay_hidden(client, focal_point, observer, open_call):
    call = open_call()
    client.force_login(observer)
    client.post(f"/calls/{call.pk}/answer/", {"name": "Olu Ade", "email": "olu@example.org", "affiliation": "NGO"})
    client.force_login(focal_point)
    assert "Olu Ade" not in client.get(call.get_absolute_url()).content.decode()
    answer = CallResponse.objects.get()
    assert client.get(f"/calls/answers/{answer.pk}/file/").status_code == 404


def test_an_anonymous_visitor_sees_no_calls(client, open_call):
    call = open_call()
    assert client.get(call.get_absolute_url()).status_code == 302


def test_a_case_study_file_is_served_only_to_its_member_and_the_secretariat(client, focal_point, observer, secretariat,
                                                                            open_call):
    call = open_call(kind="case_studies")
    client.force_login(focal_point)
    client.post(f"/calls/{call.pk}/answer/", {"title": "Return desks", "country": "GHA", "summary": "One desk.",
                                              "file": SimpleUploadedFile("s.pdf", b"%PDF-1.4 x")})
    answer = CallResponse.objects.get()
    mine = client.get(f"/calls/answers/{answer.pk}/file/")
    assert mine.status_code == 200 and b"".join(mine.streaming_content) == b"%PDF-1.4 x"
    client.force_login(observer)
    assert client.get(f"/calls/answers/{answer.pk}/file/").status_code == 404
    client.force_login(secretariat)
    theirs = client.get(f"/calls/answers/{answer.pk}/file/")
    theirs.close()
    assert theirs["Cache-Control"] == "private, no-store"


def test_the_speaker_answers_the_consent_link_without_an_account(client, secretariat, focal_point, open_call, workshop,
                                                                 make_session):
    session = make_session(workshop, title="Panel")
    call = open_call()
    client.force_login(focal_point)
    client.post(f"/calls/{call.pk}/answer/", {"name": "Ama Mensah", "email": "ama@example.org", "affiliation": "GIS"})
    client.force_login(secretariat)
    answer = CallResponse.objects.get()
    client.post(f"/calls/answers/{answer.pk}/decide/", {"status": "accepted", "session": session.pk, "role": "speaker"})
    assert CallResponse.objects.get().status == ResponseStatus.ACCEPTED
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/calls/consent/" in line)
    client.logout()
    path = link[link.index("/calls/consent/"):]
    assert "May we publish your name" in client.get(path).content.decode()
    client.post(path, {"answer": "yes"})
    answer.refresh_from_db()
    assert answer.participant.person.consents_to_publication


def test_the_api_lists_calls_and_takes_an_answer(client, focal_point, open_call):
    call = open_call()
    client.force_login(focal_point)
    assert [c["id"] for c in client.get("/api/calls").json()] == [call.pk]
    answer = client.post(f"/api/calls/{call.pk}/responses", {"name": "Ama", "email": "ama@example.org",
                                                             "affiliation": "GIS"}, content_type="application/json")
    assert answer.status_code == 201 and answer.json()["status"] == "submitted"
    too_long = client.post(f"/api/calls/{call.pk}/responses", {"name": "x" * 201}, content_type="application/json")
    assert too_long.status_code in (400, 422)


def test_the_api_refuses_anonymous_callers(client, open_call):
    open_call()
    assert client.get("/api/calls").status_code == 401


def test_a_focal_point_cannot_open_a_call_through_the_api_and_learns_no_ids(client, focal_point, workshop):
    client.force_login(focal_point)
    body = {"kind": "speakers", "title": "T", "event_id": 999999, "deadline": "2099-03-01T17:00:00+01:00"}
    assert client.post("/api/calls", body, content_type="application/json").status_code == 403


def test_the_secretariat_opens_a_call_and_accepts_a_case_study_through_the_api(client, secretariat, focal_point, workshop):
    from colloquy.outcomes.models import GoodPractice

    client.force_login(secretariat)
    call = client.post("/api/calls", {"kind": "case_studies", "title": "Case studies", "cycle_id": workshop.cycle.pk,
                                      "deadline": "2099-03-01T17:00:00+01:00"}, content_type="application/json")
    assert call.status_code == 201
    assert Call.objects.get(pk=call.json()["id"]).deadline == datetime.datetime(2099, 3, 1, 16, 0, tzinfo=datetime.UTC)
    naive = client.post("/api/calls", {"kind": "partners", "title": "P", "cycle_id": workshop.cycle.pk,
                                       "deadline": "2099-03-01T17:00:00"}, content_type="application/json")
    assert naive.status_code == 400
    client.force_login(focal_point)
    answer = client.post(f"/api/calls/{call.json()['id']}/responses",
                         {"title": "Return desks", "country": "GHA", "summary": "One desk for returnees."},
                         content_type="application/json").json()
    client.force_login(secretariat)
    decided = client.post(f"/api/calls/responses/{answer['id']}/decision", {"status": "accepted"},
                          content_type="application/json")
    assert decided.status_code == 200 and decided.json()["good_practice_id"] == GoodPractice.objects.get().pk
