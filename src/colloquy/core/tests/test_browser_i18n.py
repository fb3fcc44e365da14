"""In headless Chromium: representative pages, in French and in Spanish, as an anonymous visitor, Felix the focal
point of Ghana and Sofia of the secretariat, show no English interface word.

Record data (titles, names) is chosen free of the words looked for, and a guard checks that it is, so any word
found comes from the interface. Each page must also carry its language in <html lang> and show a word of it.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from selenium.webdriver.common.by import By

from colloquy.ballots import services as ballots
from colloquy.dialogues.models import EventStatus
from colloquy.registration import services as registration
from colloquy.registration.models import RegistrationSettings
from colloquy.testing import browser_login, wait_for

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

# Interface words that read the same in no other of the three languages (so "Programme", "Participants",
# "Documents", "Quorum", "Vote" or "Total", which French shares, are not listed). Case-sensitive, whole words.
ENGLISH = ["Ballots", "Ballot", "Outcomes", "Register", "Registration", "Registrations", "Apply", "deadline",
           "Deadline", "Approved", "Pending", "Search", "Events", "Event", "Organizations", "Organization",
           "Status", "Submit", "Waitlist", "Results", "Follow-up", "My desk", "My follow-up", "From year",
           "To year", "Log out", "Log in", "Archive", "Download", "Sessions", "Date to be confirmed",
           "Time zone", "Recommendations", "Commitments", "Filters", "Clear", "Dashboard", "Country",
           "Year", "Kind", "Next", "Previous", "Materials", "Checks", "Opens", "Closes", "Method", "Who votes",
           "Decision", "Place", "Dates", "Open", "Closed", "Draft", "Planned", "Member State",
           "Save", "Add", "Edit", "Remove", "Language", "Title", "Name", "Role", "Attendance", "None", "Yes",
           "Review queue", "Events desk", "Upload", "Export", "Settings", "remote", "in person",
           "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(ENGLISH, key=len, reverse=True))
                     + r")(?![\w-])")
# A word each language's pages always show (the navigation), proving the page really rendered translated.
NATIVE = {"fr": "Archives", "es": "Archivo"}


@pytest.fixture
def crawl_world(forum, ghana, focal_point, secretariat, make_cycle, make_event, make_session):
    cycle = make_cycle(forum=forum, year=2031, state="theme_selection")
    event = make_event(cycle=cycle, title="Migration and health 2031", start_date=datetime.date(2031, 7, 6),
                       end_date=datetime.date(2031, 7, 7), status=EventStatus.PLANNED, kind="workshop",
                       city="Accra", country="GHA", timezone="Africa/Accra")
    make_session(event, title="Opening words", room="Room A")
    make_session(event, title="Health of migrants", room="Room A", start_time=datetime.time(14),
                 end_time=datetime.time(15))
    RegistrationSettings.objects.create(event=event, capacity=20, booked_languages=["en", "fr", "es"])
    reg = registration.registration_submit(actor=focal_point, event=event, organization=ghana,
                                           contact_email="felix@ghana.example",
                                           participants=[{"name": "Ama Mensah", "role": "delegate",
                                                          "attendance": "in_person"}])
    ballot = ballots.ballot_create(actor=secretariat, cycle=cycle, title="Overarching theme 2031",
                                   method="single", options=("Migration and health", "Climate and mobility"),
                                   closes_at=timezone.now() + datetime.timedelta(days=14))
    ballot = ballots.ballot_open(actor=secretariat, ballot=ballot)
    records = [forum.name, cycle.__str__(), event.title, "Opening words", "Health of migrants", "Room A", "Accra",
               "Ghana", "Ama Mensah", ballot.title, "Migration and health", "Climate and mobility",
               "felix", "sofia", "Africa/Accra"]
    return {"event": event, "ballot": ballot, "registration": reg, "records": records, "cycle": cycle, "ghana": ghana}


def _pages(world):
    event, ballot, reg = world["event"], world["ballot"], world["registration"]
    anonymous = [reverse("public:home"), reverse("public:events"), event.get_absolute_url(),
                 reverse("public:organizations"), reverse("public:search") + "?q=migration",
                 reverse("outcomes:dashboard"), reverse("registration:open-events"), reverse("accounts:login"),
                 world["cycle"].get_absolute_url(), world["ghana"].get_absolute_url(), reverse("public:people"),
                 reverse("public:country", args=["GHA"]), reverse("outcomes:recommendations"),
                 reverse("outcomes:practices"), reverse("outcomes:commitments"), reverse("ballots:log", args=[ballot.pk])]
    focal = [reverse("accounts:desk"), reverse("ballots:list"), reverse("ballots:detail", args=[ballot.pk]),
             reverse("registration:register", args=[event.slug]),
             reverse("registration:registration-detail", args=[reg.pk]), reverse("outcomes:followup")]
    staff = [reverse("registration:desk"), reverse("registration:programme-editor", args=[event.slug]),
             reverse("registration:registrations", args=[event.slug]),
             reverse("registration:materials", args=[event.slug]), reverse("ballots:detail", args=[ballot.pk]),
             reverse("outcomes:rounds"), reverse("ingest:queue"), reverse("ballots:create"),
             reverse("ballots:consultation_create"), reverse("outcomes:round_new"), reverse("outcomes:tag_queue")]
    return {"anonymous": anonymous, "focal point": focal, "secretariat": staff}


def _visible_text(browser) -> str:
    # What a reader sees, plus the tab title. Left out: the language menu (each language named in itself, by
    # design) and content the templates mark as another language (lang="en": English-only reference data such as
    # the GCM objectives' titles, which are records, not interface).
    return browser.title + "\n" + browser.execute_script(
        "const b = document.body.cloneNode(true);"
        "b.querySelectorAll('#lang-select, script, style, [lang]:not([lang=\"' + document.documentElement.lang + '\"])')"
        ".forEach(e => e.remove()); return b.innerText;")


def test_the_record_data_of_the_crawl_contains_none_of_the_english_words(crawl_world):
    # Guard: a record title with an interface word would make the crawl below blame the interface.
    assert [r for r in crawl_world["records"] if PATTERN.search(r)] == []


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pages_show_no_english_interface_word_in_french_and_spanish(
        lang, browser, live_server, crawl_world, focal_point, secretariat):
    found = {}
    for who, urls in _pages(crawl_world).items():
        if who == "anonymous":
            browser.delete_all_cookies()
            browser.get(live_server.url + "/accounts/login/")
        else:
            browser_login(browser, live_server, focal_point if who == "focal point" else secretariat)
        browser.add_cookie({"name": "django_language", "value": lang})
        for url in urls:
            browser.get(live_server.url + url)
            wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "footer.site-footer"), timeout=30)
            assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang, url
            text = _visible_text(browser)
            assert NATIVE[lang] in text, f"{url} did not render in {lang}"
            words = sorted(set(PATTERN.findall(text)))
            if words:
                found[f"{who} {url}"] = words
    assert found == {}, f"English interface words in {lang}: {found}"


def test_the_language_menu_names_each_language_in_itself(browser, live_server, crawl_world):
    browser.delete_all_cookies()
    browser.get(live_server.url + "/")
    browser.add_cookie({"name": "django_language", "value": "fr"})
    browser.get(live_server.url + "/")
    options = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "#lang-select option")]
    assert options == ["English", "Français", "Español"]


def test_french_dates_use_lower_case_month_names_and_spanish_dates_read_de(browser, live_server, crawl_world):
    url = live_server.url + crawl_world["event"].get_absolute_url()
    expected = {"fr": ["6 juillet 2031", "Heure (Africa/Accra)"], "es": ["6 de julio de 2031", "Hora (Africa/Accra)"]}
    for lang, phrases in expected.items():
        browser.delete_all_cookies()
        browser.get(live_server.url + "/accounts/login/")
        browser.add_cookie({"name": "django_language", "value": lang})
        browser.get(url)
        text = _visible_text(browser)
        for phrase in phrases:
            assert phrase in text, (lang, phrase)
