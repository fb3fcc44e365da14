"""In headless Chromium, in French and in Spanish: Felix, focal point of Ghana, does the four member tasks end to end
in one session — the desk, casting a ballot, registering the delegation, reporting follow-up progress (issue 16).

Each page must be in the language (a string looked up in the catalogue, not written here) and show none of the
English interface words of test_browser_i18n; each step must leave its row in the database.
"""

import datetime
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from colloquy.ballots import services as ballots
from colloquy.ballots.models import CastLog
from colloquy.core.tests.test_browser_i18n import PATTERN, _visible_text
from colloquy.dialogues.models import EventStatus
from colloquy.outcomes.models import ProgressReport, Recommendation
from colloquy.outcomes.services.rounds import round_launch
from colloquy.registration.models import Registration, RegistrationSettings
from colloquy.testing import browser_login, click, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def _catalogue(lang):
    entries = {e.msgid: e.msgstr for e in polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
               if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    return lambda msgid: entries[msgid]  # a KeyError here: the string is not translated


@pytest.fixture
def member_world(forum, ghana, secretariat, make_cycle, make_event):
    # Record data free of the English words looked for (checked below), so any found comes from the interface.
    cycle = make_cycle(forum=forum, year=2031, state="theme_selection")
    event = make_event(cycle=cycle, title="Migration and health 2031", start_date=datetime.date(2031, 7, 6),
                       end_date=datetime.date(2031, 7, 7), status=EventStatus.PLANNED, kind="workshop",
                       city="Accra", country="GHA", timezone="Africa/Accra")
    RegistrationSettings.objects.create(event=event, capacity=20, booked_languages=["en", "fr", "es"])
    ballot = ballots.ballot_create(actor=secretariat, cycle=cycle, title="Overarching theme 2031",
                                   method="single", options=("Migration and health", "Climate and mobility"),
                                   closes_at=timezone.now() + datetime.timedelta(days=14))
    ballot = ballots.ballot_open(actor=secretariat, ballot=ballot)
    rec = Recommendation.objects.create(text="States should train consular staff to assist nationals.", event=event)
    rec.addressed_organizations.set([ghana])
    followup_round = round_launch(title="Consular round 2031", recommendations=[rec], organizations=[ghana],
                                  deadline=timezone.localdate() + datetime.timedelta(days=30), actor=secretariat,
                                  notify=False)
    records = [forum.name, str(cycle), event.title, "Accra", "Ghana", ballot.title, "Migration and health",
               "Climate and mobility", rec.text, followup_round.title, "Kwame Asante", "felix"]
    return {"event": event, "ballot": ballot, "rec": rec, "round": followup_round, "records": records}


def test_the_record_data_of_the_member_flows_contains_none_of_the_english_words(member_world):
    assert [r for r in member_world["records"] if PATTERN.search(r)] == []


def _check_page(browser, lang, expected):
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "footer.site-footer"), timeout=30)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang, browser.current_url
    text = _visible_text(browser)
    assert expected in text, (browser.current_url, expected)
    assert sorted(set(PATTERN.findall(text))) == [], browser.current_url


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_focal_point_does_the_member_tasks_end_to_end(lang, browser, live_server, member_world, focal_point,
                                                        ghana):
    t = _catalogue(lang)
    browser_login(browser, live_server, focal_point)
    browser.add_cookie({"name": "django_language", "value": lang})

    # 1. The member desk.
    browser.get(live_server.url + reverse("accounts:desk"))
    _check_page(browser, lang, t("Desk of %(org)s") % {"org": ghana.name})
    assert browser.find_element(By.TAG_NAME, "h1").text == t("Desk of %(org)s") % {"org": ghana.name}

    # 2. The open ballot: choose, cast, see the receipt.
    ballot = member_world["ballot"]
    browser.get(live_server.url + reverse("ballots:detail", args=[ballot.pk]))
    wait_for(browser, lambda d: d.find_elements(By.ID, "cast-form"), timeout=30)
    _check_page(browser, lang, ballot.title)
    option = ballot.options.get(label="Climate and mobility")
    click(browser, By.ID, f"option-{option.pk}", timeout=30)
    click(browser, By.CSS_SELECTOR, "#cast-form button[type=submit]", timeout=30)
    receipt = wait_for(browser, lambda d: d.find_elements(By.ID, "receipt-hash"), timeout=30)[0]
    entry = CastLog.objects.get(ballot=ballot)
    assert receipt.text == entry.entry_hash and entry.choices == [option.pk]
    _check_page(browser, lang, t("Ballot of %(org)s recorded") % {"org": ghana.name})
    assert browser.find_element(By.ID, "receipt-h").text == t("Receipt")

    # 3. The registration form: the delegation, submitted, confirmed.
    event = member_world["event"]
    browser.get(live_server.url + reverse("registration:register", args=[event.slug]))
    wait_for(browser, lambda d: d.find_elements(By.ID, "registration-form"), timeout=30)
    _check_page(browser, lang, event.title)
    browser.find_element(By.ID, "id_p-0-name").send_keys("Kwame Asante")
    Select(browser.find_element(By.ID, "id_p-0-role")).select_by_value("head_of_delegation")
    click(browser, By.CSS_SELECTOR, "#registration-form button[type=submit]", timeout=30)
    state = wait_for(browser, lambda d: d.find_elements(By.ID, "registration-state"), timeout=30)[0]
    registration = Registration.objects.get(event=event, organization=ghana)
    assert [p.name for p in registration.participants.all()] == ["Kwame Asante"]
    assert state.text == t("Pending")
    _check_page(browser, lang, t("Thank you: your registration has been received and is pending review."))

    # 4. The follow-up report of the open round: a status on its recommendation, submitted, saved.
    rec = member_world["rec"]
    browser.get(live_server.url + reverse("outcomes:followup"))
    _check_page(browser, lang, t("Open follow-up rounds"))
    click(browser, By.CSS_SELECTOR, f'a[href="{reverse("outcomes:report_recommendation", args=[rec.pk])}"]',
          timeout=30)
    wait_for(browser, lambda d: d.find_elements(By.ID, "id_narrative"), timeout=30)
    _check_page(browser, lang, t("Progress report for %(org)s") % {"org": ghana.name})
    click(browser, By.CSS_SELECTOR, 'input[name="status"][value="in_progress"]', timeout=30)
    browser.find_element(By.ID, "id_narrative").send_keys("Forty consular officers trained in 2031.")
    click(browser, By.CSS_SELECTOR, 'button[name="submit"]', timeout=30)
    wait_for(browser, lambda d: d.current_url.endswith(rec.get_absolute_url()), timeout=30)
    report = ProgressReport.objects.get(recommendation=rec, organization=ghana)
    assert (report.state, report.status, report.version) == ("submitted", "in_progress", 1)
    _check_page(browser, lang, t("Your progress report was submitted. It is now public on the timeline."))
