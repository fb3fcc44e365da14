import datetime

import pytest
import time_machine
from django.core import mail

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied, TransitionError
from colloquy.registration import services
from colloquy.registration.models import Registration, RegistrationSettings, RegistrationState

NOW = datetime.datetime(2031, 4, 1, 9, 0, tzinfo=datetime.UTC)
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_focal_point_registers_a_delegation_which_starts_pending_and_is_audited(
        reg_event, focal_point, ghana, submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reg = submit(reg_event, focal_point, organization=ghana, people=2, remote=1)
    assert reg.state == RegistrationState.PENDING
    assert reg.organization_name == "Ghana" and reg.category == "governments" and reg.country == "GHA"
    assert reg.participants.count() == 3
    assert reg.seats == 2
    entry = AuditEntry.objects.for_object(reg).get()
    assert entry.action == "registration.submit" and entry.actor == focal_point
    assert len(entry.after["participants"]) == 3
    assert mail.outbox[0].subject.startswith("Registration received")


def test_focal_point_cannot_register_another_organizations_delegation(reg_event, outsider, ghana, submit):
    with pytest.raises(PermissionDenied):
        submit(reg_event, outsider, organization=ghana)
    assert not Registration.objects.exists()


def test_registration_is_refused_before_it_opens_and_after_it_closes(reg_event, focal_point, ghana, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(
        opens_at=datetime.datetime(2031, 4, 2, tzinfo=datetime.UTC),
        closes_at=datetime.datetime(2031, 4, 20, tzinfo=datetime.UTC))
    with pytest.raises(DomainError, match="closed"):
        submit(reg_event, focal_point, organization=ghana)
    with time_machine.travel(datetime.datetime(2031, 4, 20, 0, 0, tzinfo=datetime.UTC), tick=False), \
            pytest.raises(DomainError, match="closed"):
        submit(reg_event, focal_point, organization=ghana)
    with time_machine.travel(datetime.datetime(2031, 4, 10, tzinfo=datetime.UTC), tick=False):
        assert submit(reg_event, focal_point, organization=ghana).state == "pending"


def test_event_requiring_a_note_verbale_refuses_a_delegation_without_one(reg_event, focal_point, ghana, submit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    RegistrationSettings.objects.filter(event=reg_event).update(note_verbale_required=True)
    with pytest.raises(DomainError, match="note verbale"):
        submit(reg_event, focal_point, organization=ghana)
    letter = SimpleUploadedFile("nv.pdf", b"%PDF-1.4 note verbale", content_type="application/pdf")
    reg = submit(reg_event, focal_point, organization=ghana, nomination_letter=letter)
    assert reg.nomination_letter.name.endswith(".pdf")


def test_a_delegation_cannot_be_registered_twice_while_the_first_is_live(reg_event, focal_point, ghana, submit):
    first = submit(reg_event, focal_point, organization=ghana)
    with pytest.raises(DomainError, match="already has a delegation"):
        submit(reg_event, focal_point, organization=ghana)
    services.registration_withdraw(actor=focal_point, registration=first)
    assert submit(reg_event, focal_point, organization=ghana).state == "pending"


def test_participant_with_a_bad_field_is_named_in_the_error_and_nothing_is_saved(reg_event, focal_point, ghana):
    rows = [{"name": "Ama Mensah"}, {"name": "Kofi", "attendance": "by pigeon"}]
    with pytest.raises(DomainError, match="Participant 2: attendance"):
        services.registration_submit(actor=focal_point, event=reg_event, organization=ghana, participants=rows)
    assert not Registration.objects.exists()


def test_individual_applications_are_for_ngos_academia_and_private_sector_only(reg_event, submit):
    from django.contrib.auth.models import AnonymousUser

    anon = AnonymousUser()
    with pytest.raises(DomainError, match="NGOs, academia and the private sector"):
        submit(reg_event, anon, kind="individual", organization_name="Ministry of Foo", category="governments")
    reg = submit(reg_event, anon, kind="individual", organization_name="Université de Genève", category="academia",
                 country="CHE", contact_email="prof@unige.example")
    assert reg.kind == "individual" and reg.category == "academia" and reg.submitted_by is None


def test_approval_and_rejection_send_emails(reg_event, secretariat, focal_point, ghana, make_government, submit,
                                            django_capture_on_commit_callbacks):
    a = submit(reg_event, focal_point, organization=ghana)
    b = submit(reg_event, secretariat, organization=make_government("KEN"), contact_email="kenya@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_approve(actor=secretariat, registration=a)
        services.registration_reject(actor=secretariat, registration=b, note="Late.")
    subjects = [(m.subject, m.to) for m in mail.outbox]
    assert ("Registration approved: Workshop on Migration and Health", ["felix@ghana.example", "focal@example.org"]) in subjects
    assert ("Registration not accepted: Workshop on Migration and Health", ["kenya@example.org", "sofia@secretariat.example"]) in subjects
    assert "Late." in mail.outbox[1].body


def test_state_changes_follow_the_transition_table(reg_event, secretariat, focal_point, ghana, submit):
    reg = submit(reg_event, focal_point, organization=ghana)
    services.registration_reject(actor=secretariat, registration=reg)
    with pytest.raises(TransitionError, match="from Rejected to Approved"):
        services.registration_approve(actor=secretariat, registration=reg)
    assert Registration.objects.get(pk=reg.pk).state == "rejected"
    actions = list(AuditEntry.objects.for_object(reg).values_list("action", flat=True))
    assert sorted(actions) == ["registration.rejected", "registration.submit"]


def test_focal_point_may_withdraw_but_not_approve(reg_event, focal_point, ghana, submit):
    reg = submit(reg_event, focal_point, organization=ghana)
    with pytest.raises(PermissionDenied):
        services.registration_approve(actor=focal_point, registration=reg)
    services.registration_withdraw(actor=focal_point, registration=reg)
    assert Registration.objects.get(pk=reg.pk).state == "withdrawn"


def test_nobody_is_approved_beyond_capacity_which_counts_in_person_seats(
        reg_event, secretariat, make_government, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=3)
    big = submit(reg_event, secretariat, organization=make_government("KEN"), people=2, remote=5)
    small = submit(reg_event, secretariat, organization=make_government("SEN"), people=2)
    services.registration_approve(actor=secretariat, registration=big)  # 2 seats; remote take none
    with pytest.raises(DomainError, match="2 in-person seat\\(s\\) needed, 1 of 3 left"):
        services.registration_approve(actor=secretariat, registration=small)
    assert services.capacity_of(reg_event).taken == 2
    assert Registration.objects.get(pk=small.pk).state == "pending"


def test_waitlist_promotion_offers_the_freed_place_to_the_first_in_line_and_notifies(
        reg_event, secretariat, make_government, submit, django_capture_on_commit_callbacks):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=2)
    holder = submit(reg_event, secretariat, organization=make_government("KEN"), people=2)
    first = submit(reg_event, secretariat, organization=make_government("SEN"), people=1,
                   contact_email="senegal@example.org")
    second = submit(reg_event, secretariat, organization=make_government("MLI"), people=1)
    services.registration_approve(actor=secretariat, registration=holder)
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        services.registration_waitlist(actor=secretariat, registration=first)
    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        services.registration_waitlist(actor=secretariat, registration=second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_withdraw(actor=secretariat, registration=holder)
    assert Registration.objects.get(pk=first.pk).state == "offered"
    assert Registration.objects.get(pk=second.pk).state == "offered"  # two seats freed, one each
    assert AuditEntry.objects.for_object(first).filter(action="registration.offer").exists()
    offers = [m for m in mail.outbox if m.subject.startswith("A place is offered to you")]
    assert ["senegal@example.org", "sofia@secretariat.example"] in [m.to for m in offers]
    assert len(offers) == 2


def test_waitlist_is_first_come_first_served_without_queue_jumping(reg_event, secretariat, make_government, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=2)
    holder = submit(reg_event, secretariat, organization=make_government("KEN"), people=1)
    filler = submit(reg_event, secretariat, organization=make_government("GHA"), people=1)
    big = submit(reg_event, secretariat, organization=make_government("SEN"), people=2)
    small = submit(reg_event, secretariat, organization=make_government("MLI"), people=1)
    services.registration_approve(actor=secretariat, registration=holder)
    services.registration_approve(actor=secretariat, registration=filler)
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        services.registration_waitlist(actor=secretariat, registration=big)
    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        services.registration_waitlist(actor=secretariat, registration=small)
    services.registration_withdraw(actor=secretariat, registration=holder)  # 1 seat free: big needs 2
    assert Registration.objects.get(pk=big.pk).state == "waitlisted"
    assert Registration.objects.get(pk=small.pk).state == "waitlisted"
    services.registration_withdraw(actor=secretariat, registration=filler)  # 2 free: big first
    assert Registration.objects.get(pk=big.pk).state == "offered"
    assert Registration.objects.get(pk=small.pk).state == "waitlisted"


def test_raising_capacity_promotes_from_the_waitlist(reg_event, secretariat, make_government, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=1)
    holder = submit(reg_event, secretariat, organization=make_government("KEN"))
    waiting = submit(reg_event, secretariat, organization=make_government("SEN"))
    services.registration_approve(actor=secretariat, registration=holder)
    services.registration_waitlist(actor=secretariat, registration=waiting)
    services.registration_settings_set(actor=secretariat, event=reg_event, capacity=2)
    assert Registration.objects.get(pk=waiting.pk).state == "offered"


def test_waitlist_cannot_be_used_when_turned_off(reg_event, secretariat, focal_point, ghana, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(waitlist_enabled=False)
    reg = submit(reg_event, focal_point, organization=ghana)
    with pytest.raises(DomainError, match="waitlist is turned off"):
        services.registration_waitlist(actor=secretariat, registration=reg)


def test_settings_refuse_unknown_languages_and_closing_before_opening(reg_event, secretariat):
    with pytest.raises(DomainError, match="Unknown language code 'xx'"):
        services.registration_settings_set(actor=secretariat, event=reg_event, booked_languages=["en", "xx"])
    with pytest.raises(DomainError, match="close after it opens"):
        services.registration_settings_set(actor=secretariat, event=reg_event,
                                           opens_at=NOW, closes_at=NOW - datetime.timedelta(days=1))
    assert RegistrationSettings.objects.get(event=reg_event).booked_languages == ["en", "fr"]


def test_without_a_closing_time_registration_stays_open_through_the_first_day_in_the_events_own_zone(make_event):
    event = make_event(start_date=datetime.date(2030, 6, 3), timezone="Asia/Tokyo")
    settings = RegistrationSettings.objects.create(event=event)
    utc = datetime.UTC
    assert settings.is_open(now=datetime.datetime(2030, 6, 3, 14, 0, tzinfo=utc))  # 23:00 on 3 June in Tokyo
    assert not settings.is_open(now=datetime.datetime(2030, 6, 3, 16, 0, tzinfo=utc))  # 01:00 on 4 June in Tokyo
