"""Reopening a closed call with a new deadline, and extending an open call's deadline: the service (audited),
the secretariat's form on the call page, and the API's POST /api/calls/{id}/deadline."""

import datetime

import pytest
from django.utils import timezone

from colloquy.accounts.models import ApiToken
from colloquy.audit.models import AuditEntry
from colloquy.calls import services
from colloquy.calls.models import Call, CallState
from colloquy.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


def _later(days):
    return timezone.now() + datetime.timedelta(days=days)


def _past_deadline(call):
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    return Call.objects.get(pk=call.pk)


def test_extending_an_open_call_moves_its_deadline_and_is_audited(secretariat, open_call):
    call = open_call(days=10)
    new = _later(20).replace(microsecond=0)
    services.call_set_deadline(actor=secretariat, call=call, deadline=new, note="Members asked for more time")
    call.refresh_from_db()
    assert call.deadline == new and call.state == CallState.OPEN
    entry = AuditEntry.objects.get(action="call.extend")
    assert entry.note == "Members asked for more time" and entry.before["deadline"] != entry.after["deadline"]


def test_a_call_closed_by_hand_is_reopened_with_a_new_deadline(secretariat, open_call, focal_point):
    call = services.call_close(actor=secretariat, call=open_call())
    assert not call.accepts_answers_from(focal_point)
    services.call_set_deadline(actor=secretariat, call=call, deadline=_later(5))
    call.refresh_from_db()
    assert call.state == CallState.OPEN and call.accepts_answers_from(focal_point)
    assert AuditEntry.objects.filter(action="call.reopen").count() == 1


def test_a_call_whose_deadline_passed_is_reopened_not_extended(secretariat, open_call):
    call = _past_deadline(open_call())
    services.call_set_deadline(actor=secretariat, call=call, deadline=_later(3))
    assert Call.objects.get(pk=call.pk).is_accepting()
    assert list(AuditEntry.objects.filter(action__in=["call.reopen", "call.extend"]).values_list("action", flat=True)) \
        == ["call.reopen"]


def test_a_deadline_in_the_past_is_refused(secretariat, open_call):
    call = _past_deadline(open_call())
    with pytest.raises(DomainError, match="must be in the future"):
        services.call_set_deadline(actor=secretariat, call=call, deadline=timezone.now() - datetime.timedelta(days=1))
    assert not Call.objects.get(pk=call.pk).is_accepting()


def test_extending_to_an_earlier_deadline_is_refused(secretariat, open_call):
    call = open_call(days=10)
    with pytest.raises(DomainError, match="give a later deadline"):
        services.call_set_deadline(actor=secretariat, call=call, deadline=_later(2))
    assert not AuditEntry.objects.filter(action="call.extend").exists()


def test_a_focal_point_cannot_move_a_deadline(focal_point, open_call):
    with pytest.raises(PermissionDenied):
        services.call_set_deadline(actor=focal_point, call=open_call(), deadline=_later(30))


def test_the_secretariat_reopens_a_closed_call_from_its_page(client, secretariat, open_call):
    call = services.call_close(actor=secretariat, call=open_call())
    client.force_login(secretariat)
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Reopen with this deadline" in page and 'id="deadline-form"' in page
    response = client.post(f"/calls/{call.pk}/deadline/", {"deadline": "2099-03-01T17:00", "note": "second round"})
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.state == CallState.OPEN and call.deadline.year == 2099
    assert "Extend the deadline" in client.get(call.get_absolute_url()).content.decode()


def test_the_form_shows_a_refused_deadline_and_keeps_the_call_closed(client, secretariat, open_call):
    call = services.call_close(actor=secretariat, call=open_call())
    client.force_login(secretariat)
    response = client.post(f"/calls/{call.pk}/deadline/", {"deadline": "2001-03-01T17:00"})
    assert response.status_code == 400 and "must be in the future" in response.content.decode()
    assert Call.objects.get(pk=call.pk).state == CallState.CLOSED


def test_a_focal_point_neither_sees_the_form_nor_may_post_it(client, focal_point, open_call):
    call = open_call()
    client.force_login(focal_point)
    assert 'id="deadline-form"' not in client.get(call.get_absolute_url()).content.decode()
    assert client.post(f"/calls/{call.pk}/deadline/", {"deadline": "2099-03-01T17:00"}).status_code == 403


def test_the_french_page_offers_to_reopen_the_call(client, secretariat, open_call):
    call = services.call_close(actor=secretariat, call=open_call())
    client.force_login(secretariat)
    page = client.get(call.get_absolute_url(), headers={"accept-language": "fr"}).content.decode()
    assert "Rouvrir l’appel" in page


def _auth(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


def test_the_api_reopens_a_call_and_refuses_others(client, secretariat, focal_point, open_call):
    call = services.call_close(actor=secretariat, call=open_call())
    body = {"deadline": "2099-03-01T17:00:00+01:00", "note": "second round"}
    refused = client.post(f"/api/calls/{call.pk}/deadline", body, content_type="application/json",
                          headers=_auth(focal_point))
    assert refused.status_code == 403
    response = client.post(f"/api/calls/{call.pk}/deadline", body, content_type="application/json",
                           headers=_auth(secretariat))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["state"] == "open" and data["accepting"] is True
    assert AuditEntry.objects.get(action="call.reopen").note == "second round"
