import datetime

import pytest
from django.core import mail
from selenium.webdriver.common.by import By

from colloquy.testing import browser_login, click, phone_viewport, wait_for


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_focal_point_answers_a_call_for_speakers_and_the_speaker_lands_in_the_programme(
        browser, live_server, secretariat, focal_point, workshop, make_session):
    make_session(workshop, title="Panel: recruitment costs", start_time=datetime.time(10), end_time=datetime.time(11))

    # The secretariat opens the call from the form.
    browser_login(browser, live_server, secretariat)
    browser.get(live_server.url + f"/calls/new/?event={workshop.pk}")
    form = wait_for(browser, lambda d: d.find_element(By.ID, "call-form"))
    form.find_element(By.CSS_SELECTOR, 'select[name=kind] option[value="speakers"]').click()
    form.find_element(By.NAME, "title").send_keys("Speakers on recruitment costs")
    browser.execute_script("arguments[0].querySelector('[name=deadline]').value = '2099-03-01T17:00';", form)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "call-deadline"))
    call_url = browser.current_url

    # The focal point finds it on the desk and answers, on a phone.
    browser_login(browser, live_server, focal_point)
    browser.get(live_server.url + "/accounts/desk/")
    with phone_viewport(browser):
        click(browser, By.LINK_TEXT, "Speakers on recruitment costs")
        form = wait_for(browser, lambda d: d.find_element(By.ID, "answer-form"))
        form.find_element(By.NAME, "name").send_keys("Ama Mensah")
        form.find_element(By.NAME, "email").send_keys("ama@example.org")
        form.find_element(By.NAME, "affiliation").send_keys("Director, Ghana Immigration Service")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        answer = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#responses .response"))[0]
        assert "Ama Mensah" in answer.text and "Submitted" in answer.text
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 390

    # The secretariat shortlists, then accepts into the session.
    browser_login(browser, live_server, secretariat)
    browser.get(call_url)
    click(browser, By.CSS_SELECTOR, '#responses button[value="shortlisted"]')
    wait_for(browser, lambda d: "Shortlisted" in d.find_element(By.ID, "responses").text)
    answer = browser.find_element(By.CSS_SELECTOR, "#responses .response")
    answer.find_element(By.XPATH, './/select[@name="session"]/option[contains(., "recruitment costs")]').click()
    click(browser, By.CSS_SELECTOR, '#responses button[value="accepted"]')
    wait_for(browser, lambda d: "In the programme" in d.find_element(By.ID, "responses").text)
    assert mail.outbox[-1].to == ["ama@example.org"]

    # In the programme editor, unpublished until she consents.
    browser.get(live_server.url + f"/desk/events/{workshop.slug}/programme/")
    editor = wait_for(browser, lambda d: d.find_element(By.ID, "programme-editor"))
    assert "Ama Mensah" in editor.text and "Director, Ghana Immigration Service" in editor.text
    browser.get(live_server.url + workshop.get_absolute_url())
    assert "Panel: recruitment costs" in browser.page_source and "Ama Mensah" not in browser.page_source

    # She follows the e-mailed link and consents; the public programme names her.
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/calls/consent/" in line)
    browser.delete_all_cookies()
    browser.get(live_server.url + link[link.index("/calls/consent/"):])
    click(browser, By.CSS_SELECTOR, '#consent-form button[value="yes"]')
    wait_for(browser, lambda d: d.find_elements(By.ID, "consent-answer"))
    browser.get(live_server.url + workshop.get_absolute_url())
    programme = wait_for(browser, lambda d: d.find_element(By.ID, "programme-h").find_element(By.XPATH, ".."))
    assert "Ama Mensah" in programme.text
