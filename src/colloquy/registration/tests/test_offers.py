"""Waitlist offers: a freed place is offered, held until a deadline, accepted, declined or left to expire."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from colloquy.accounts.models import ApiToken
from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.registration import services
from colloquy.registration.models import Registration, RegistrationSettings

NOW = datetime.datetime(2031, 4, 1, 9, 0, tzinfo=datetime.UTC)
DEADLINE = NOW + datetime.timedelta(days=3)  # the default offer period


@pytest.fixture
def line(reg_event, secretariat, focal_point, ghana, make_government, submit, django_capture_on_commit_callbacks):
    """Capacity 2, Kenya (2 seats) approved; Ghana (Felix's, 1 person), then Senegal (2 persons), wait in line.

    Kenya withdraws at NOW: Ghana is offered one of the two freed seats; Senegal's two persons do not fit
    in the one seat left. Returns (Kenya, Ghana, Senegal) as they are after that.
    """
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=2)
    with time_machine.travel(NOW - datetime.timedelta(hours=2), tick=False):
        holder = submit(reg_event, secretariat, organization=make_government("KEN"), people=2)
        mine = submit(reg_event, focal_point, organization=ghana, people=1, contact_email="felix@ghana.example")
        other = submit(reg_event, secretariat, organization=make_government("SEN"), people=2,
                       contact_email="senegal@example.org")
        services.registration_approve(actor=secretariat, registration=holder)
    with time_machine.travel(NOW - datetime.timedelta(hours=1), tick=False):
        services.registration_waitlist(actor=secretariat, registration=mine)
    with time_machine.travel(NOW - datetime.timedelta(minutes=30), tick=False):
        services.registration_waitlist(actor=secretariat, registration=other)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        mail.outbox.clear()
        services.registration_withdraw(actor=secretariat, registration=holder)
    return holder, Registration.objects.get(pk=mine.pk), Registration.objects.get(pk=other.pk)


def _state(reg):
    return Registration.objects.get(pk=reg.pk).state


def test_a_freed_place_is_offered_to_the_first_in_line_with_a_deadline_and_holds_its_seat(line, reg_event):
    _, mine, other = line
    assert mine.state == "offered"
    assert mine.offer_expires_at == DEADLINE
    assert other.state == "waitlisted"  # two persons do not fit in the one seat left
    assert services.capacity_of(reg_event).taken == 1  # the offer holds its seat
    entry = AuditEntry.objects.for_object(mine).get(action="registration.offer")
    assert entry.before["state"] == "waitlisted" and entry.after["state"] == "offered"


def test_the_offer_email_gives_the_deadline_in_the_event_time_zone(line):
    _, mine, _ = line
    offers = [m for m in mail.outbox if m.subject.startswith("A place is offered to you")]
    assert [m.to for m in offers] == [["felix@ghana.example"]]
    # 4 April 2031 09:00 UTC is 11:00 in Geneva (summer time).
    assert "until Friday 4 April 2031, 11:00 (Europe/Zurich)" in offers[0].body
    assert f"/registrations/{mine.pk}/" in offers[0].body


def test_an_open_offer_keeps_others_from_taking_its_seat(line, reg_event, secretariat, make_government, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=2)
    late = submit(reg_event, secretariat, organization=make_government("MLI"), people=2)
    with pytest.raises(DomainError, match="2 in-person seat\\(s\\) needed, 1 of 2 left"):
        services.registration_approve(actor=secretariat, registration=late)


def test_focal_point_accepts_the_offer_which_is_approved_audited_and_mailed(
        line, focal_point, django_capture_on_commit_callbacks):
    _, mine, _ = line
    mail.outbox.clear()
    with time_machine.travel(DEADLINE - datetime.timedelta(seconds=1), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        services.registration_offer_accept(actor=focal_point, registration=mine)
    assert _state(mine) == "approved"
    entry = AuditEntry.objects.for_object(mine).get(action="registration.accept")
    assert entry.actor == focal_point
    assert [m.subject for m in mail.outbox] == ["Registration approved: Workshop on Migration and Health"]


def test_an_offer_expires_at_its_deadline_and_the_place_passes_to_the_next(
        line, focal_point, reg_event, django_capture_on_commit_callbacks):
    _, mine, other = line
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=3)  # now Senegal's two would fit
    mail.outbox.clear()
    with (time_machine.travel(DEADLINE, tick=False), django_capture_on_commit_callbacks(execute=True),
          pytest.raises(DomainError, match="This offer expired on Friday 4 April 2031, 11:00") as exc):
        services.registration_offer_accept(actor=focal_point, registration=mine)
    assert exc.value.code == "offer_expired"
    assert _state(mine) == "expired"
    assert _state(other) == "offered"
    assert Registration.objects.get(pk=other.pk).offer_expires_at == DEADLINE + datetime.timedelta(days=3)
    subjects = sorted(m.subject.split(":")[0] for m in mail.outbox)
    assert subjects == ["A place is offered to you", "The offer of a place has expired"]
    assert AuditEntry.objects.for_object(mine).filter(action="registration.expire").count() == 1


def test_the_expire_offers_command_is_idempotent(line, reg_event):
    _, mine, _ = line
    out = io.StringIO()
    with time_machine.travel(DEADLINE - datetime.timedelta(seconds=1), tick=False):
        call_command("expire_offers", stdout=out)
    assert "0 offer(s) expired" in out.getvalue() and _state(mine) == "offered"
    for _ in range(2):
        out = io.StringIO()
        with time_machine.travel(DEADLINE + datetime.timedelta(minutes=5), tick=False):
            call_command("expire_offers", "--event", reg_event.slug, stdout=out)
    assert "0 offer(s) expired" in out.getvalue()  # the second run finds nothing left to do
    assert _state(mine) == "expired"
    assert AuditEntry.objects.for_object(mine).filter(action="registration.expire").count() == 1


def test_the_expire_offers_command_names_an_unknown_event(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No event with slug 'nope'"):
        call_command("expire_offers", "--event", "nope")


def test_declining_withdraws_and_offers_the_place_to_the_next(line, focal_point, reg_event):
    _, mine, other = line
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=3)
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        services.registration_offer_decline(actor=focal_point, registration=mine)
    assert _state(mine) == "withdrawn"
    assert _state(other) == "offered"
    assert AuditEntry.objects.for_object(mine).filter(action="registration.decline").exists()


def test_declining_but_staying_in_line_goes_to_the_end_and_the_place_passes_on(line, focal_point, secretariat):
    _, mine, other = line
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        services.registration_offer_decline(actor=focal_point, registration=mine, stay_on_waitlist=True)
    mine.refresh_from_db()
    assert mine.state == "waitlisted"
    assert mine.waitlisted_at == NOW + datetime.timedelta(hours=1)  # at the end of the line
    assert _state(other) == "offered"  # both seats are free now: Senegal's two fit


def test_a_registration_declining_but_staying_in_line_is_not_offered_the_same_place_again(
        line, focal_point, secretariat):
    _, mine, other = line
    services.registration_withdraw(actor=secretariat, registration=other)
    services.registration_offer_decline(actor=focal_point, registration=mine, stay_on_waitlist=True)
    assert _state(mine) == "waitlisted"  # alone in line, with seats free, but it just said no


def test_only_the_registrant_or_the_secretariat_may_answer_an_offer(line, observer, secretariat):
    _, mine, _ = line
    with pytest.raises(PermissionDenied):
        services.registration_offer_accept(actor=observer, registration=mine)
    with pytest.raises(PermissionDenied):
        services.registration_offer_decline(actor=observer, registration=mine)
    services.registration_offer_accept(actor=secretariat, registration=mine)  # on the registrant's behalf
    assert _state(mine) == "approved"


def test_a_registration_without_an_open_offer_cannot_accept(line, secretariat, focal_point):
    _, _, other = line
    with pytest.raises(DomainError, match="no open offer for this registration \\(it is waitlisted\\)"):
        services.registration_offer_accept(actor=secretariat, registration=other)


def test_offer_period_is_set_per_event(reg_event, secretariat, make_government, submit):
    services.registration_settings_set(actor=secretariat, event=reg_event, capacity=1, offer_days=1)
    with time_machine.travel(NOW, tick=False):
        holder, waiting = (submit(reg_event, secretariat, organization=make_government(c)) for c in ["KEN", "SEN"])
        services.registration_approve(actor=secretariat, registration=holder)
        services.registration_waitlist(actor=secretariat, registration=waiting)
        services.registration_withdraw(actor=secretariat, registration=holder)
    assert Registration.objects.get(pk=waiting.pk).offer_expires_at == NOW + datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="offer_days"):
        services.registration_settings_set(actor=secretariat, event=reg_event, offer_days=0)


def test_offers_cannot_be_expired_by_hand(line, secretariat):
    _, mine, _ = line
    with pytest.raises(DomainError, match="expire by themselves"):
        services.registration_set_state(actor=secretariat, registration=mine, state="expired")


# --- pages and API ------------------------------------------------------------------------------

def test_focal_point_sees_the_offer_with_its_deadline_and_accepts_it_on_the_page(client, line, focal_point):
    _, mine, _ = line
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        client.force_login(focal_point)  # inside the travel: a session from today would be stale in 2031
        page = client.get(f"/registrations/{mine.pk}/").content.decode()
        assert "A place is offered to you until Friday 4 April 2031, 11:00 (Europe/Zurich)" in page
        response = client.post(f"/registrations/{mine.pk}/offer/accept/", follow=True)
    assert "your registration is approved" in response.content.decode()
    assert _state(mine) == "approved"


def test_viewing_the_registration_page_after_the_deadline_expires_the_offer(client, line, focal_point):
    _, mine, _ = line
    with time_machine.travel(DEADLINE + datetime.timedelta(seconds=1), tick=False):
        client.force_login(focal_point)
        page = client.get(f"/registrations/{mine.pk}/").content.decode()
    assert "Offer expired" in page and "A place is offered to you" not in page
    assert _state(mine) == "expired"


def test_secretariat_desk_shows_offers_and_their_deadlines(client, line, secretariat, reg_event):
    _, mine, _ = line
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        client.force_login(secretariat)
        page = client.get(f"/desk/events/{reg_event.slug}/registrations/").content.decode()
    row = page.split(f'id="reg-{mine.pk}"')[1].split("</tr>")[0]
    assert "Place offered" in row and "until Friday 4 April 2031, 11:00 (Europe/Zurich)" in row
    assert "Accept for them" in row


def test_api_accepts_and_declines_offers_with_a_token(client, line, focal_point, reg_event):
    _, mine, other = line
    key = ApiToken.issue(user=focal_point, name="script")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        body = client.get(f"/api/registration/registrations/{mine.pk}", **auth).json()
        assert body["state"] == "offered" and body["offer_expires_at"].startswith("2031-04-04T09:00")
        response = client.post(f"/api/registration/registrations/{mine.pk}/offer/decline",
                               {"stay_on_waitlist": True}, content_type="application/json", **auth)
        assert response.status_code == 200, response.content
        assert response.json()["state"] == "waitlisted"
        again = client.post(f"/api/registration/registrations/{mine.pk}/offer/accept", **auth)
    assert again.status_code == 400 and again.json()["code"] == "no_offer"
    assert client.post(f"/api/registration/registrations/{mine.pk}/offer/accept").status_code == 401
    other_focal = client.post(f"/api/registration/registrations/{other.pk}/offer/accept", **auth)
    assert other_focal.status_code == 404  # not theirs: not revealed


def test_api_accepts_an_offer(client, line, focal_point):
    _, mine, _ = line
    key = ApiToken.issue(user=focal_point, name="script")[1]
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        response = client.post(f"/api/registration/registrations/{mine.pk}/offer/accept",
                               HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "approved" and response.json()["offer_expires_at"] is None


def test_the_event_page_expires_stale_offers_so_places_left_are_right(client, line, reg_event):
    _, mine, other = line
    with time_machine.travel(DEADLINE + datetime.timedelta(hours=1), tick=False):
        html = client.get(reg_event.get_absolute_url()).content.decode()
    assert _state(mine) == "expired" and _state(other) == "offered"  # Senegal's two take both seats
    assert "full — waitlist" in html
