"""End to end in headless Chromium: a focal point registers, the secretariat approves, the count goes up."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.testing import browser_login, click
from colloquy.testing import wait_for as _wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def wait_for(driver, condition):
    """The shared wait, with room for a loaded machine (2 cores shared by several suites): a page load or an
    htmx swap that takes longer than 10 s there is slow, not wrong."""
    return _wait_for(driver, condition, timeout=30)


def _count(browser):
    found = browser.find_elements(By.CSS_SELECTOR, "#participant-count strong")
    return int(found[0].text) if found else 0


def test_focal_point_registers_secretariat_approves_and_the_event_count_goes_up(
        browser, live_server, reg_event, focal_point, secretariat, ghana):
    event_url = live_server.url + reg_event.get_absolute_url()
    browser_login(browser, live_server, focal_point)
    browser.get(event_url)
    assert _count(browser) == 0
    browser.find_element(By.LINK_TEXT, "Register the delegation of Ghana").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "registration-form"))
    browser.find_element(By.ID, "id_p-0-name").send_keys("Ama Mensah")
    Select(browser.find_element(By.ID, "id_p-0-role")).select_by_value("head_of_delegation")
    browser.find_element(By.ID, "add-participant").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "id_p-1-name"))
    browser.find_element(By.ID, "id_p-1-name").send_keys("Kofi Boateng")
    Select(browser.find_element(By.ID, "id_p-1-attendance")).select_by_value("remote")
    browser.find_element(By.CSS_SELECTOR, "#registration-form button[type=submit]").click()
    state = wait_for(browser, lambda d: d.find_elements(By.ID, "registration-state"))[0]
    assert state.text == "Pending"

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{reg_event.slug}/registrations/")
    row = browser.find_element(By.CSS_SELECTOR, "#registrations tbody tr")
    assert "Ghana" in row.text and "Pending" in row.text
    row.find_element(By.CSS_SELECTOR, "button[value=approved]").click()  # htmx swaps the panel
    wait_for(browser, lambda d: "Approved" in d.find_element(By.CSS_SELECTOR, "#registrations tbody tr").text)
    assert "2 in-person seats taken" not in browser.page_source  # one remote participant takes no seat
    assert "1</strong> in-person seat taken" in browser.page_source

    browser.get(event_url)
    assert _count(browser) == 2
    assert "representing a government" in browser.find_element(By.ID, "participation-sentence").text


def test_secretariat_builds_the_programme_and_sees_a_room_clash_warning(
        browser, live_server, make_event, make_session, secretariat):
    import datetime

    event = make_event(title="Seminar on Data", start_date=datetime.date(2030, 6, 3), end_date=datetime.date(2030, 6, 3))
    make_session(event, title="Opening", room="Room A", start_time=datetime.time(9), end_time=datetime.time(10))
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{event.slug}/programme/")
    assert "No conflicts" in browser.find_element(By.ID, "programme-warnings").text
    form = browser.find_element(By.ID, "new-session-form")
    browser.execute_script(
        "const f = arguments[0]; f.querySelector('[name=date]').value = '2030-06-03';"
        "f.querySelector('[name=start_time]').value = '09:30'; f.querySelector('[name=end_time]').value = '10:30';", form)
    form.find_element(By.NAME, "title").send_keys("Data panel")
    form.find_element(By.NAME, "room").send_keys("Room A")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    warning = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-code=room_overlap]"))[0]
    assert "“Opening”" in warning.text and "“Data panel”" in warning.text
    session_card = browser.find_elements(By.CSS_SELECTOR, ".session-card")[1]
    session_card.find_element(By.TAG_NAME, "summary").click()
    session_card.find_element(By.NAME, "person_name").send_keys("Maria Lopez")
    session_card.find_element(By.NAME, "consents_to_publication").click()  # does not consent
    session_card.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for(browser, lambda d: "public: a migrant representative" in d.find_element(By.ID, "programme-editor").text)
    browser.get(live_server.url + event.get_absolute_url())
    assert "Data panel" in browser.page_source and "Maria Lopez" not in browser.page_source


def test_secretariat_uploads_material_and_sets_registration_rules(browser, live_server, reg_event, secretariat, tmp_path,
                                                                   ghana, submit):
    from colloquy.dialogues.models import Document
    from colloquy.registration.models import RegistrationSettings

    submit(reg_event, secretariat, organization=ghana, people=1)
    reg_event.registrations.first().participants.update(interpretation_language="ar")
    paper = tmp_path / "background.pdf"
    paper.write_bytes(b"%PDF-1.4 background paper")
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{reg_event.slug}/materials/")
    browser.find_element(By.ID, "id_title").send_keys("Background paper: health")
    Select(browser.find_element(By.ID, "id_doc_type")).select_by_value("background_paper")
    Select(browser.find_element(By.ID, "id_language")).select_by_value("fr")
    Select(browser.find_element(By.ID, "id_access")).select_by_value("restricted")
    browser.find_element(By.ID, "id_file").send_keys(str(paper))
    browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
    wait_for(browser, lambda d: "attached" in d.find_element(By.CSS_SELECTOR, ".messages").text)
    assert "Background paper: health" in browser.find_element(By.CSS_SELECTOR, "table.data").text
    assert Document.objects.get(event=reg_event).access == "restricted"

    browser.get(live_server.url + f"/desk/events/{reg_event.slug}/registrations/")
    assert "Arabic is requested by 1 participant but not booked." in browser.page_source
    capacity = browser.find_element(By.ID, "id_capacity")
    capacity.clear()
    capacity.send_keys("25")
    browser.find_element(By.CSS_SELECTOR, "input[name=booked_languages][value=ar]").click()
    browser.find_element(By.CSS_SELECTOR, "form[action$='/settings/'] button[type=submit]").click()
    wait_for(browser, lambda d: "Registration settings saved." in d.page_source)
    assert "but not booked" not in browser.page_source
    settings = RegistrationSettings.objects.get(event=reg_event)
    assert settings.capacity == 25 and sorted(settings.booked_languages) == ["ar", "en", "fr"]


def test_focal_point_accepts_an_offered_place_and_the_event_count_goes_up(
        browser, live_server, reg_event, focal_point, secretariat, ghana, make_government, submit):
    from colloquy.registration import services
    from colloquy.registration.models import RegistrationSettings

    RegistrationSettings.objects.filter(event=reg_event).update(capacity=1)
    holder = submit(reg_event, secretariat, organization=make_government("KEN"))
    mine = submit(reg_event, focal_point, organization=ghana, people=1)
    services.registration_approve(actor=secretariat, registration=holder)
    services.registration_waitlist(actor=secretariat, registration=mine)
    services.registration_withdraw(actor=secretariat, registration=holder)  # the place is offered to Ghana

    event_url = live_server.url + reg_event.get_absolute_url()
    browser_login(browser, live_server, focal_point)
    browser.get(event_url)
    assert _count(browser) == 0  # an offer holds a seat but is not yet a participant
    browser.get(live_server.url + f"/registrations/{mine.pk}/")
    offer = browser.find_element(By.ID, "offer")
    assert "A place is offered to you until" in offer.text and "(Europe/Zurich)" in offer.text
    offer.find_element(By.ID, "accept-offer").click()
    state = wait_for(browser, lambda d: [e for e in d.find_elements(By.ID, "registration-state")
                                         if e.text == "Approved"])[0]
    assert state.text == "Approved"
    assert not browser.find_elements(By.ID, "offer")
    browser.get(event_url)
    assert _count(browser) == 1


def test_a_person_from_an_ngo_applies_on_their_own_and_the_secretariat_rejects_with_an_email(
        browser, live_server, reg_event, secretariat):
    from django.core import mail

    from colloquy.registration.models import Registration

    browser.delete_all_cookies()  # an anonymous visitor
    browser.get(live_server.url + f"/events/{reg_event.slug}/register/")
    wait_for(browser, lambda d: d.find_elements(By.ID, "registration-form"))
    categories = [o.get_attribute("value") for o in Select(browser.find_element(By.ID, "id_category")).options]
    assert sorted(categories) == ["academia", "ngos", "private_sector"]
    browser.find_element(By.ID, "id_organization_name").send_keys("Migrant Rights Network")
    Select(browser.find_element(By.ID, "id_category")).select_by_value("ngos")
    Select(browser.find_element(By.ID, "id_country")).select_by_value("KEN")
    browser.find_element(By.ID, "id_contact_email").send_keys("nora@mrn.example")
    browser.find_element(By.ID, "id_p-0-name").send_keys("Nora Wanjiku")
    Select(browser.find_element(By.ID, "id_p-0-attendance")).select_by_value("remote")
    assert not browser.find_elements(By.ID, "add-participant")  # one person per individual application
    browser.find_element(By.CSS_SELECTOR, "#registration-form button[type=submit]").click()
    wait_for(browser, lambda d: "received and is pending review" in " ".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, ".messages")))
    registration = Registration.objects.get(event=reg_event)
    assert (registration.kind, registration.category, registration.country) == ("individual", "ngos", "KEN")

    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{reg_event.slug}/registrations/")
    row = browser.find_element(By.ID, f"reg-{registration.pk}")
    assert "Individual application" in row.text and "Non-governmental" in row.text
    mail.outbox.clear()
    row.find_element(By.CSS_SELECTOR, "button[value=rejected]").click()  # htmx swaps the panel
    wait_for(browser, lambda d: "Rejected" in d.find_element(By.ID, f"reg-{registration.pk}").text)
    assert wait_for(browser, lambda d: [m for m in mail.outbox if m.subject.startswith("Registration not accepted")])
    assert mail.outbox[-1].to == ["nora@mrn.example"]


def test_secretariat_reorders_speakers_and_the_event_page_follows(
        browser, live_server, make_event, make_session, make_person, secretariat):
    import datetime

    from colloquy.dialogues.models import SessionParticipant

    event = make_event(title="Briefing on Returns", start_date=datetime.date(2030, 6, 3), kind="briefing")
    session = make_session(event, title="Panel on reintegration")
    for i, name in enumerate(["Ana First", "Ben Second", "Cleo Third"]):
        SessionParticipant.objects.create(session=session, person=make_person(name=name), role="speaker", order=i)
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/desk/events/{event.slug}/programme/")

    def names(d):
        card = d.find_element(By.ID, f"session-{session.pk}")
        return [e.text for e in card.find_elements(By.CSS_SELECTOR, "li em")]

    assert wait_for(browser, names) == ["Ana First", "Ben Second", "Cleo Third"]
    click(browser, By.CSS_SELECTOR, "button[aria-label='Move Cleo Third up']", timeout=30)  # htmx swap
    wait_for(browser, lambda d: names(d) == ["Ana First", "Cleo Third", "Ben Second"])
    click(browser, By.CSS_SELECTOR, "button[aria-label='Remove Ana First']", timeout=30)  # in the swapped editor
    wait_for(browser, lambda d: names(d) == ["Cleo Third", "Ben Second"])
    browser.get(live_server.url + event.get_absolute_url())
    speakers = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".speakers li"))
    assert [e.text for e in speakers] == ["Cleo Third", "Ben Second"]


def test_focal_point_changes_the_list_while_pending_then_withdraws_and_the_place_goes_to_the_waitlist(
        browser, live_server, reg_event, focal_point, secretariat, ghana, make_government, submit):
    from colloquy.registration import services
    from colloquy.registration.models import RegistrationSettings

    RegistrationSettings.objects.filter(event=reg_event).update(capacity=2)
    mine = submit(reg_event, focal_point, organization=ghana, people=1)
    services.registration_approve(actor=secretariat, registration=submit(reg_event, secretariat,
                                                                         organization=make_government("SEN")))
    kenya = submit(reg_event, secretariat, organization=make_government("KEN"), people=1)

    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + f"/registrations/{mine.pk}/")
    browser.find_element(By.LINK_TEXT, "Change the list of participants").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "id_p-0-name"))
    browser.find_element(By.ID, "add-participant").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "id_p-1-name"))
    browser.find_element(By.ID, "id_p-1-name").send_keys("Efua Adviser")
    Select(browser.find_element(By.ID, "id_p-1-role")).select_by_value("adviser")
    Select(browser.find_element(By.ID, "id_p-1-attendance")).select_by_value("remote")
    browser.find_element(By.CSS_SELECTOR, "#registration-form button[type=submit]").click()
    wait_for(browser, lambda d: "Efua Adviser" in d.find_element(By.TAG_NAME, "table").text)
    assert [p.name for p in mine.participants.all()] == ["Person 0", "Efua Adviser"]

    services.registration_approve(actor=secretariat, registration=mine)  # the room is now full
    services.registration_waitlist(actor=secretariat, registration=kenya)
    browser.get(live_server.url + f"/registrations/{mine.pk}/")
    assert browser.find_element(By.ID, "registration-state").text == "Approved"
    browser.find_element(By.CSS_SELECTOR, "form[action$='/withdraw/'] button[type=submit]").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "registration-state").text == "Withdrawn")
    kenya.refresh_from_db()
    assert kenya.state == "offered"  # the freed seat went to the first in line
