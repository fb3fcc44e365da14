import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from colloquy.dialogues.models import SessionParticipant
from colloquy.registration import services
from colloquy.registration.models import Participant, Registration, RegistrationSettings


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def programme_event(make_event, make_session, make_person, make_organization):
    event = make_event(title="Workshop on Diaspora Engagement", start_date=datetime.date(2007, 3, 25),
                       end_date=datetime.date(2007, 3, 26), kind="workshop")
    iom = make_organization(name="International Organization for Migration", acronym="IOM")
    opening = make_session(event, title="Opening of the workshop", start_time=datetime.time(9), end_time=datetime.time(9, 30))
    voices = make_session(event, title="Migrants' voices", kind="migrants_voices", date=datetime.date(2007, 3, 26))
    chair = make_person(name="Laura Thompson", gender="female")
    hidden = make_person(name="Secret Name", consents_to_publication=False, gender="male")
    SessionParticipant.objects.create(session=opening, person=chair, role="chair", organization=iom,
                                      affiliation_title="Deputy Director General")
    SessionParticipant.objects.create(session=voices, person=hidden, role="speaker")
    return event


def test_public_event_page_shows_non_consenting_speaker_only_by_label(client, programme_event):
    html = client.get(programme_event.get_absolute_url()).content.decode()
    assert "Laura Thompson" in html
    assert "Secret Name" not in html
    assert "a migrant representative" in html


@pytest.mark.slow
def test_programme_pdf_lists_sessions_chair_in_italics_and_hides_non_consenting_names(client, programme_event):
    response = client.get(reverse("registration:programme-pdf", args=[programme_event.slug]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Opening of the workshop" in text and "Migrants' voices" in text
    assert "Laura Thompson" in text and "Deputy Director General" in text
    assert "a migrant representative" in text
    assert "Secret Name" not in text


def test_ical_for_one_session_and_for_the_event_parse_back(client, programme_event):
    from icalendar import Calendar

    session = programme_event.sessions.get(title="Opening of the workshop")
    one = Calendar.from_ical(client.get(reverse("registration:session-ical", args=[programme_event.slug, session.pk])).content)
    events = list(one.walk("VEVENT"))
    assert len(events) == 1 and "Opening of the workshop" in str(events[0]["summary"])
    assert events[0].decoded("dtstart") == datetime.datetime(2007, 3, 25, 9, 0, tzinfo=programme_event.tzinfo)
    whole = Calendar.from_ical(client.get(reverse("public:event-ical", args=[programme_event.slug])).content)
    assert len(list(whole.walk("VEVENT"))) == 2
    assert b"Secret Name" not in whole.to_ical()


def test_programme_editor_is_for_the_secretariat_only(client, programme_event, focal_point):
    url = reverse("registration:programme-editor", args=[programme_event.slug])
    assert client.get(url).status_code == 302
    client.force_login(focal_point)
    assert client.get(url).status_code == 403


def test_secretariat_adds_an_overlapping_session_with_htmx_and_sees_the_warning(client, programme_event, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("registration:session-new", args=[programme_event.slug]), {
        "date": "2007-03-25", "start_time": "09:15", "end_time": "10:00", "title": "Clashing panel", "kind": "panel",
        "room": "", "description": ""}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="programme-editor"' in html and "<html" not in html
    assert "“Clashing panel”" in html and 'data-code="room_overlap"' not in html  # rooms empty: no room clash
    session = programme_event.sessions.get(title="Clashing panel")
    response = client.post(reverse("registration:session-person-add", args=[session.pk]), {
        "person_name": "laura  thompson", "role": "speaker", "organization_name": "IOM"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'data-code="speaker_double_booked"' in html and "Laura Thompson is booked in" in html
    assert SessionParticipant.objects.filter(session=session, person__name="Laura Thompson").exists()


def test_session_ending_before_it_starts_is_refused_with_a_message(client, programme_event, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("registration:session-new", args=[programme_event.slug]), {
        "date": "2007-03-25", "start_time": "11:00", "end_time": "10:00", "title": "Backwards", "kind": "panel"},
        HTTP_HX_REQUEST="true")
    assert "cannot end before it starts" in response.content.decode()
    assert not programme_event.sessions.filter(title="Backwards").exists()


def test_secretariat_uploads_a_restricted_background_paper_for_a_session(client, programme_event, secretariat):
    client.force_login(secretariat)
    session = programme_event.sessions.first()
    response = client.post(reverse("registration:materials", args=[programme_event.slug]), {
        "title": "Background paper on diaspora", "doc_type": "background_paper", "language": "fr",
        "access": "restricted", "session": session.pk,
        "file": SimpleUploadedFile("paper.pdf", b"%PDF-1.4 test", content_type="application/pdf")})
    assert response.status_code == 302
    doc = programme_event.documents.get()
    assert (doc.session, doc.language, doc.access, doc.doc_type) == (session, "fr", "restricted", "background_paper")
    assert len(doc.sha256) == 64


@pytest.fixture
def approved(reg_event, secretariat, make_government, make_organization):
    """Ghana (2 people, one not consenting), IOM (1), an NGO applicant (1)."""
    def reg(org, people, **kw):
        r = Registration.objects.create(event=reg_event, organization=org, organization_name=org.name,
                                        category=org.category, country=org.country, contact_email="x@example.org",
                                        state="approved", **kw)
        for i, (name, consent) in enumerate(people):
            Participant.objects.create(registration=r, name=name, consents_to_publication=consent, order=i,
                                       interpretation_language="es" if i == 0 else "")
        return r

    reg(make_government("GHA"), [("Kwame Public", True), ("Akosua Private", False)])
    reg(make_organization(name="International Organization for Migration"), [("Ivan Iom", True)])
    reg(make_organization(name="Caritas", category="ngos", country="CHE"), [("Nora Ngo", True)])
    return reg_event


@pytest.mark.slow
def test_public_list_of_participants_leaves_out_those_who_did_not_consent(client, approved, secretariat):
    text = pdf_text(client.get(reverse("registration:participants-pdf", args=[approved.slug])).content)
    assert "Kwame Public" in text and "Nora Ngo" in text
    assert "Akosua Private" not in text
    csv_text = client.get(reverse("registration:participants-csv", args=[approved.slug])).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert "Akosua Private" not in csv_text
    # grouped by category (reports' order), then country/organization, then name
    assert [line.split(",")[2] for line in lines[1:]] == ["Kwame Public", "Ivan Iom", "Nora Ngo"]
    assert lines[1].startswith("Governments (Member and observer States),Ghana,")
    client.force_login(secretariat)
    full = client.get(reverse("registration:participants-csv", args=[approved.slug]) + "?version=full")
    assert "Akosua Private" in full.content.decode("utf-8-sig")


def test_full_list_of_participants_is_refused_to_focal_points(client, approved, focal_point):
    client.force_login(focal_point)
    assert client.get(reverse("registration:participants-pdf", args=[approved.slug]) + "?version=full").status_code == 403


def test_event_page_panel_shows_the_sentence_tables_and_charts(client, approved):
    html = client.get(approved.get_absolute_url()).content.decode()
    # reg_event is upcoming: its approved participants are registered, not yet attended (issue 17, problem 3)
    assert ("4 participants are registered for the workshop representing a government, an international "
            "organization and a non-governmental organization.") in html
    assert "was attended" not in html
    assert 'id="chart-categories"' in html and "<svg" in html and "By region (UN M49)" in html


def test_event_with_imported_totals_shows_them_as_reported(client, make_event):
    event = make_event(participants_total=120, participants_reported="120")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "The workshop was attended by 120 participants (as reported)." in html
    table = html[html.index('id="reported-totals"'):]
    assert "<caption>Participants (as reported)</caption>" in table and "<td>120</td>" in table
    assert 'id="chart-reported"' in table and ">120</text>" in table


@pytest.mark.slow
def test_exports_and_badges_for_the_secretariat(client, approved, secretariat, focal_point):
    from openpyxl import load_workbook

    url_csv = reverse("registration:registrations-export", args=[approved.slug, "csv"])
    client.force_login(focal_point)
    assert client.get(url_csv).status_code == 403
    client.force_login(secretariat)
    csv_text = client.get(url_csv).content.decode("utf-8-sig")
    assert "Akosua Private" in csv_text and csv_text.count("\n") == 5
    wb = load_workbook(io.BytesIO(client.get(reverse("registration:registrations-export", args=[approved.slug, "xlsx"])).content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][0] == "registration_id" and len(rows) == 5
    badges = pdf_text(client.get(reverse("registration:badges", args=[approved.slug])).content)
    assert "Akosua Private" in badges and "GOVERNMENTS" in badges.upper()


def test_interpretation_planning_warns_about_a_requested_language_that_is_not_booked(client, approved, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("registration:registrations", args=[approved.slug])).content.decode()
    assert "Spanish is requested by 3 participants but not booked." in html


def test_csv_export_neutralises_formulas():
    from colloquy.registration.exports import to_csv

    assert to_csv(["a"], [["=HYPERLINK(1)"]]).decode("utf-8-sig").splitlines()[1] == "'=HYPERLINK(1)"


def test_focal_point_registers_through_the_form(client, reg_event, focal_point, ghana):
    client.force_login(focal_point)
    url = reverse("registration:register", args=[reg_event.slug])
    assert "delegation of <strong>Ghana</strong>" in client.get(url).content.decode()
    response = client.post(url, {
        "contact_email": "felix@ghana.example", "note": "",
        "p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "60",
        "p-0-name": "Ama Mensah", "p-0-role": "head_of_delegation", "p-0-attendance": "in_person",
        "p-0-interpretation_language": "fr", "p-0-consents_to_publication": "on",
        "p-1-name": "Kofi Boateng", "p-1-role": "adviser", "p-1-attendance": "remote"})
    reg = Registration.objects.get(event=reg_event)
    assert response.status_code == 302 and reg.state == "pending"
    assert list(reg.participants.values_list("name", "role")) == [("Ama Mensah", "head_of_delegation"), ("Kofi Boateng", "adviser")]


def test_secretariat_approves_with_htmx_and_the_panel_comes_back(client, reg_event, secretariat, focal_point, ghana, submit):
    reg = submit(reg_event, focal_point, organization=ghana)
    client.force_login(secretariat)
    response = client.post(reverse("registration:registration-state", args=[reg.pk]), {"state": "approved"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="registrations-panel"' in response.content.decode()
    assert Registration.objects.get(pk=reg.pk).state == "approved"


def test_approval_beyond_capacity_shows_the_reason(client, reg_event, secretariat, focal_point, ghana, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=0)
    reg = submit(reg_event, focal_point, organization=ghana)
    client.force_login(secretariat)
    response = client.post(reverse("registration:registration-state", args=[reg.pk]), {"state": "approved"},
                           HTTP_HX_REQUEST="true")
    assert "Not enough places" in response.content.decode()


def test_focal_point_sees_and_withdraws_own_registration_but_not_others(client, reg_event, focal_point, outsider, ghana, submit):
    reg = submit(reg_event, focal_point, organization=ghana)
    client.force_login(outsider)
    assert client.get(reverse("registration:registration-detail", args=[reg.pk])).status_code == 404
    client.force_login(focal_point)
    assert client.get(reverse("registration:registration-detail", args=[reg.pk])).status_code == 200
    client.post(reverse("registration:registration-withdraw", args=[reg.pk]))
    assert Registration.objects.get(pk=reg.pk).state == "withdrawn"
    assert services.capacity_of(reg_event).taken == 0


def test_anyone_may_apply_individually_with_their_organizations_category(client, reg_event):
    url = reverse("registration:register", args=[reg_event.slug])
    assert "Individual application" in client.get(url).content.decode()
    response = client.post(url, {
        "organization_name": "Migration Research Centre", "category": "academia", "country": "SEN",
        "contact_email": "ana@mrc.example", "note": "",
        "p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "60",
        "p-0-name": "Ana Diallo", "p-0-role": "participant", "p-0-attendance": "in_person"})
    assert response.status_code == 302
    reg = Registration.objects.get(event=reg_event)
    assert (reg.kind, reg.category, reg.country, reg.submitted_by) == ("individual", "academia", "SEN", None)


def test_individual_form_offers_only_ngo_academia_and_private_sector(client, reg_event):
    html = client.get(reverse("registration:register", args=[reg_event.slug])).content.decode()
    assert 'value="academia"' in html and 'value="governments"' not in html


def test_event_without_figures_programme_or_registration_gets_no_panel(client, make_event):
    event = make_event()
    assert 'id="participation"' not in client.get(event.get_absolute_url()).content.decode()


def test_navigation_offers_the_desk_to_the_secretariat_and_registering_to_focal_points(client, secretariat, focal_point):
    client.force_login(secretariat)
    assert 'href="/desk/"' in client.get("/").content.decode()
    client.force_login(focal_point)
    html = client.get("/").content.decode()
    assert 'href="/register/"' in html and 'href="/desk/"' not in html


def test_nomination_letter_is_private_and_streamed_only_to_secretariat_and_registrant(
        client, reg_event, focal_point, observer, secretariat, ghana, submit, settings):
    from pathlib import Path

    letter = SimpleUploadedFile("nv-ghana.pdf", b"%PDF-1.4 note verbale", content_type="application/pdf")
    reg = submit(reg_event, focal_point, organization=ghana, nomination_letter=letter)
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / reg.nomination_letter.name
    assert stored.read_bytes() == b"%PDF-1.4 note verbale"
    assert not str(stored).startswith(str(settings.MEDIA_ROOT))
    url = reverse("registration:nomination-letter", args=[reg.pk])
    client.force_login(observer)
    assert client.get(url).status_code == 404
    for user in (focal_point, secretariat):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 note verbale"


def test_waitlisted_registrant_sees_their_place_in_line(client, reg_event, secretariat, focal_point, ghana,
                                                         make_government, submit):
    first = submit(reg_event, secretariat, organization=make_government("KEN"))
    mine = submit(reg_event, focal_point, organization=ghana)
    services.registration_waitlist(actor=secretariat, registration=first)
    services.registration_waitlist(actor=secretariat, registration=mine)
    client.force_login(focal_point)
    assert "Number 2 in line" in client.get(reverse("registration:registration-detail", args=[mine.pk])).content.decode()


def test_secretariat_registers_a_delegation_on_an_organizations_behalf(client, reg_event, secretariat, ghana):
    client.force_login(secretariat)
    url = reverse("registration:register", args=[reg_event.slug])
    assert "on an organization" in client.get(url).content.decode()
    response = client.post(url, {
        "organization": ghana.pk, "contact_email": "mission@ghana.example", "note": "",
        "p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "60",
        "p-0-name": "Ama Mensah", "p-0-role": "head_of_delegation", "p-0-attendance": "in_person"})
    assert response.status_code == 302
    reg = Registration.objects.get(event=reg_event)
    assert (reg.kind, reg.organization, reg.submitted_by, reg.contact_email) == (
        "delegation", ghana, secretariat, "mission@ghana.example")


def test_registrant_changes_the_list_while_pending_but_not_after_approval(client, reg_event, focal_point, secretariat,
                                                                           ghana, submit):
    from colloquy.audit.models import AuditEntry

    reg = submit(reg_event, focal_point, organization=ghana, people=1)
    client.force_login(focal_point)
    url = reverse("registration:registration-edit", args=[reg.pk])
    assert 'value="Person 0"' in client.get(url).content.decode()
    form = {"p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "60",
            "p-0-name": "Ama Mensah", "p-0-role": "head_of_delegation", "p-0-attendance": "in_person",
            "p-1-name": "Kofi Boateng", "p-1-role": "adviser", "p-1-attendance": "remote"}
    assert client.post(url, form).status_code == 302
    assert list(reg.participants.values_list("name", flat=True)) == ["Ama Mensah", "Kofi Boateng"]
    entry = AuditEntry.objects.for_object(reg).get(action="registration.participants")
    assert [p["name"] for p in entry.before["participants"]] == ["Person 0"]
    services.registration_approve(actor=secretariat, registration=reg)
    response = client.post(url, form, follow=True)
    assert "can no longer be changed" in response.content.decode()


def test_interpretation_planning_counts_live_registrations_only_including_open_offers(
        reg_event, secretariat, make_government, submit):
    from colloquy.registration.interpretation import interpretation_plan, interpretation_warnings

    states = {"GHA": "pending", "KEN": "offered", "SEN": "approved", "MLI": "rejected", "NER": "withdrawn"}
    for country, state in states.items():
        reg = submit(reg_event, secretariat, organization=make_government(country))
        Registration.objects.filter(pk=reg.pk).update(state=state)
        reg.participants.update(interpretation_language="ar")
    plan = {row.code: (row.requested, row.booked) for row in interpretation_plan(reg_event)}
    assert plan == {"en": (0, True), "fr": (0, True), "ar": (3, False)}
    assert interpretation_warnings(reg_event) == ["Arabic is requested by 3 participants but not booked."]


def test_badges_carry_the_category_colour_and_label_for_each_in_person_participant(approved):
    from django.template.loader import render_to_string

    from colloquy.registration import pdf

    Participant.objects.filter(name="Ivan Iom").update(attendance="remote")  # remote people get no badge
    badges = pdf.badges(approved)
    assert {b["name"]: (b["category"], b["colour"]) for b in badges} == {
        "Kwame Public": ("Governments", pdf.CATEGORY_COLOURS["governments"]),
        "Akosua Private": ("Governments", pdf.CATEGORY_COLOURS["governments"]),
        "Nora Ngo": ("Non-governmental and civil society organizations", pdf.CATEGORY_COLOURS["ngos"]),
    }
    assert pdf.CATEGORY_COLOURS["governments"] != pdf.CATEGORY_COLOURS["ngos"]
    html = render_to_string("registration_app/pdf/badges.html", {"event": approved, "badges": badges})
    assert html.count(f'style="background: {pdf.CATEGORY_COLOURS["governments"]}"') == 2
    text = pdf_text(pdf.badges_pdf(approved))
    assert "Nora Ngo" in text and "Ivan Iom" not in text


def test_registration_window_is_read_in_the_time_zone_the_desk_names(client, reg_event, secretariat):
    client.force_login(secretariat)
    client.cookies["tz"] = "Europe/Zurich"
    url = reverse("registration:registrations", args=[reg_event.slug])
    assert "your time zone, <strong>Europe/Zurich</strong>" in client.get(url).content.decode()
    response = client.post(reverse("registration:settings-save", args=[reg_event.slug]), {
        "opens_at": "2031-04-02T09:00", "closes_at": "2031-04-30T17:00", "capacity": "10", "offer_days": "3",
        "waitlist_enabled": "on", "individual_applications": "on", "booked_languages": ["en"]})
    assert response.status_code == 302
    settings = RegistrationSettings.objects.get(event=reg_event)
    assert settings.opens_at == datetime.datetime(2031, 4, 2, 7, 0, tzinfo=datetime.UTC)  # 09:00 CEST
    assert settings.closes_at == datetime.datetime(2031, 4, 30, 15, 0, tzinfo=datetime.UTC)


def test_a_refused_htmx_decision_is_shown_as_an_alert_and_changes_nothing(client, reg_event, secretariat, focal_point,
                                                                          ghana, submit):
    RegistrationSettings.objects.filter(event=reg_event).update(capacity=0)
    reg = submit(reg_event, focal_point, organization=ghana)
    client.force_login(secretariat)
    response = client.post(reverse("registration:registration-state", args=[reg.pk]), {"state": "approved"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and response["HX-Retarget"] == "#page-alerts"
    assert "Not enough places" in response.content.decode()
    assert Registration.objects.get(pk=reg.pk).state == "pending"


def test_a_refused_withdrawal_goes_back_to_the_registration_page_with_the_reason(client, reg_event, focal_point,
                                                                                 ghana, submit):
    reg = submit(reg_event, focal_point, organization=ghana)
    services.registration_withdraw(actor=focal_point, registration=reg)
    client.force_login(focal_point)
    detail = reverse("registration:registration-detail", args=[reg.pk])
    response = client.post(reverse("registration:registration-withdraw", args=[reg.pk]),
                           HTTP_REFERER=f"http://testserver{detail}")
    assert response.status_code == 302 and response["Location"] == f"http://testserver{detail}"
    assert "Cannot change status from Withdrawn to Withdrawn" in client.get(detail).content.decode()


def test_a_refused_settings_change_names_the_problem_on_the_desk(client, reg_event, secretariat):
    client.force_login(secretariat)
    desk = reverse("registration:registrations", args=[reg_event.slug])
    response = client.post(reverse("registration:settings-save", args=[reg_event.slug]), {
        "opens_at": "2031-05-01T10:00", "closes_at": "2031-04-01T10:00", "offer_days": "3"},
        HTTP_REFERER=f"http://testserver{desk}", follow=True)
    assert response.redirect_chain[-1][0] == f"http://testserver{desk}"
    assert "close after it opens" in response.content.decode()


def test_a_participant_added_by_mistake_can_be_removed(client, reg_event, focal_point, ghana, submit):
    """Issue 17, problem 9: participants could be added but not removed."""
    reg = submit(reg_event, focal_point, organization=ghana, people=1)
    client.force_login(focal_point)
    url = reverse("registration:registration-edit", args=[reg.pk])
    assert "Remove this participant" in client.get(url).content.decode()
    form = {"p-TOTAL_FORMS": "2", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "60",
            "p-0-name": "Ama Mensah", "p-0-role": "head_of_delegation", "p-0-attendance": "in_person",
            "p-1-name": "Kofi Boateng", "p-1-role": "adviser", "p-1-attendance": "remote", "p-1-DELETE": "on"}
    assert client.post(url, form).status_code == 302
    assert list(reg.participants.values_list("name", flat=True)) == ["Ama Mensah"]
    everyone_removed = dict(form, **{"p-0-DELETE": "on"})
    assert client.post(url, everyone_removed).status_code == 200  # at least one participant stays
    assert list(reg.participants.values_list("name", flat=True)) == ["Ama Mensah"]
