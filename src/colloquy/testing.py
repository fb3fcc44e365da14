"""Test helpers shared by every app's tests: factories (callables, Indico style) and named actors.

Named actors (Healthchecks style):
- `secretariat`: Sofia, secretariat officer (Secretariat group, staff)
- `focal_point`: Felix, focal point of Ghana (a member State of the forum)
- `observer`: Olga, focal point of an observer organization
- `outsider`: Oscar, focal point of an organization with no membership
- anonymous visitors use the plain `client`
"""

import contextlib
import datetime
import itertools
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation

from colloquy.accounts.models import User
from colloquy.core.access import SECRETARIAT_GROUP
from colloquy.dialogues.models import Cycle, CycleState, Event, EventStatus, Forum, Session
from colloquy.directory.models import Affiliation, Membership, MembershipStatus, Organization, Person

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (fragments and pages of one test must not carry into the next) and
    in the default language: Django's test client leaves the last request's language active in the thread, so a
    French request in one test made the next test's messages French."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def n() -> int:
    return next(_counter)


@pytest.fixture
def make_forum(db):
    def make(**kw):
        i = n()
        kw.setdefault("name", f"Forum {i}")
        kw.setdefault("slug", f"forum-{i}")
        kw.setdefault("acronym", f"F{i}")
        return Forum.objects.create(**kw)

    return make


@pytest.fixture
def make_organization(db):
    def make(**kw):
        i = n()
        kw.setdefault("name", f"Organization {i}")
        kw.setdefault("category", "international_organizations")
        return Organization.objects.create(**kw)

    return make


@pytest.fixture
def make_government(make_organization):
    def make(country="GHA", **kw):
        # pycountry only for the country fixtures
        import pycountry

        kw.setdefault("name", pycountry.countries.get(alpha_3=country).name)
        return make_organization(category="governments", country=country, **kw)

    return make


@pytest.fixture
def make_cycle(db, make_forum):
    def make(forum=None, **kw):
        kw.setdefault("year", 2000 + n() % 90)
        kw.setdefault("state", CycleState.ACTIVE)
        return Cycle.objects.create(forum=forum or make_forum(), **kw)

    return make


@pytest.fixture
def make_event(db, make_cycle):
    def make(cycle=None, **kw):
        kw.setdefault("title", f"Workshop {n()}")
        kw.setdefault("start_date", datetime.date(2007, 3, 25))
        kw.setdefault("end_date", kw["start_date"])
        kw.setdefault("status", EventStatus.HELD)
        kw.setdefault("city", "Geneva")
        kw.setdefault("country", "CHE")
        return Event.objects.create(cycle=cycle or make_cycle(), **kw)

    return make


@pytest.fixture
def make_person(db):
    def make(organization=None, title="", **kw):
        kw.setdefault("name", f"Person {n()}")
        person = Person.objects.create(**kw)
        if organization is not None:
            Affiliation.objects.create(person=person, organization=organization, title=title)
        return person

    return make


@pytest.fixture
def make_session(db):
    def make(event, **kw):
        kw.setdefault("title", f"Session {n()}")
        kw.setdefault("date", event.start_date)
        kw.setdefault("start_time", datetime.time(10, 0))
        kw.setdefault("end_time", datetime.time(11, 30))
        return Session.objects.create(event=event, **kw)

    return make


@pytest.fixture
def make_user(db):
    def make(username=None, password="correct horse battery staple", **kw):
        user = User.objects.create_user(username=username or f"user{n()}", password=password, **kw)
        user.raw_password = password
        return user

    return make


@pytest.fixture
def forum(make_forum):
    return make_forum(name="International Dialogue on Migration", slug="idm", acronym="IDM")


@pytest.fixture
def ghana(make_government, forum):
    org = make_government("GHA", name="Ghana")
    Membership.objects.create(organization=org, forum=forum, status=MembershipStatus.MEMBER_STATE)
    return org


@pytest.fixture
def observer_org(make_organization, forum):
    org = make_organization(name="Observer Foundation", category="ngos")
    Membership.objects.create(organization=org, forum=forum, status=MembershipStatus.OBSERVER_ORGANIZATION)
    return org


@pytest.fixture
def secretariat(make_user):

    user = make_user("sofia", is_staff=True, email="sofia@secretariat.example")
    user.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    return user


@pytest.fixture
def focal_point(make_user, ghana):
    return make_user("felix", organization=ghana, email="felix@ghana.example")


@pytest.fixture
def observer(make_user, observer_org):
    return make_user("olga", organization=observer_org, email="olga@observer.example")


@pytest.fixture
def outsider(make_user, make_organization):
    return make_user("oscar", organization=make_organization(name="Unaffiliated Institute", category="academia"))


@pytest.fixture(scope="module")
def demo_archive(django_db_setup, django_db_blocker):
    """The demo archive, loaded once for a whole test module (it takes seconds) and rolled back after its
    last test, as Django's TestCase.setUpTestData does: one transaction holds the module, each test runs in
    a savepoint inside it (the `db` fixture), so a test's own writes still vanish after it.

    For modules whose tests only read the demo; a module that uses it should use it in every test (the
    data stays until the module ends). Not for `transactional_db` or `live_server` tests: they need
    committed data."""
    # loaded only by the tests that ask for the demo
    from django.db import transaction

    from colloquy.demo.loader import load_demo

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            data = load_demo()
        except BaseException:
            outer.__exit__(None, None, None)
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- Browser (real headless Chromium via Selenium) -------------------------------------------

CHROMIUM = os.environ.get("COLLOQUY_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("COLLOQUY_CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian Chromium. Skips locally when it is not installed; fails in CI (CI=true)."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        if os.environ.get("CI"):
            pytest.fail("Chromium and chromedriver are required in CI (apt-get install chromium chromium-driver)")
        pytest.skip("headless Chromium is not installed (apt-get install chromium chromium-driver)")
    # loaded only by the browser tests and the fixtures that need it
    from selenium import webdriver

    # loaded only by the browser tests and the fixtures that need it
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    # The console log, so tests can assert that no Content-Security-Policy violation was reported.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


_EXTERNAL_ASSET = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def external_assets(html: str) -> list[str]:
    """Scripts, stylesheets, images and frames a page loads from another host (a CDN): there must be none.
    (Searching the page for "cdn" failed when a random CSRF token happened to contain those letters.)"""
    return [m.group(0) for m in _EXTERNAL_ASSET.finditer(html)]


def wait_for(driver, condition, timeout=10):
    """Wait until `condition(driver)` is truthy. An element that htmx swaps out while the condition reads
    it raises StaleElementReferenceException, or, when the swap lands between Chromium finding the node
    and reading it, a WebDriverException "Node with given id does not belong to the document" (seen
    once in a fresh clone's run); both mean "not yet", so the wait polls again."""
    # loaded only by the browser tests and the fixtures that need it
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    # loaded only by the browser tests and the fixtures that need it
    from selenium.webdriver.support.ui import WebDriverWait

    def polled(d):
        try:
            return condition(d)
        except StaleElementReferenceException:
            return False
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return False
            raise

    return WebDriverWait(driver, timeout).until(polled)


def click(driver, by, value, timeout=10):
    """Click the element as soon as it is there. If htmx swaps it out between finding and clicking
    (stale element), find it again: the click is retried, never lost."""

    def attempt(d):
        found = d.find_elements(by, value)
        if not found:
            return False
        found[0].click()
        return True

    return wait_for(driver, attempt, timeout)


# axe-core from the npm registry (`npm pack axe-core@4.14.1`, axe.min.js and its LICENSE kept), for the tests
# only: it is injected into the page under test, never served by the product.
AXE = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "axe-core" / "axe.min.js"
AXE_FAILING_IMPACTS = ("serious", "critical")
# Pages the project does not write: django-ninja's bundled Swagger UI (its own markup and colours).
AXE_NOT_OURS = ("/api/docs",)
_AXE_RUN = """const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(r => done(r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))
  .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));"""


def axe_violations(driver) -> list[dict]:
    """Serious and critical axe-core violations on the page the driver shows (an empty list when clean)."""
    if urlsplit(driver.current_url).path.startswith(AXE_NOT_OURS):
        return []
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(30)
    found = driver.execute_async_script(_AXE_RUN)
    url = driver.current_url
    return [dict(v, url=url) for v in found if v["impact"] in AXE_FAILING_IMPACTS]


@pytest.fixture(autouse=True)
def browser_without_cookies(request):
    """Browser tests share one Chromium: its cookies (a `django_language` set to French, a session) are cleared
    after each test, or the next test's pages come out in French for a visitor who never chose it."""
    yield
    if "browser" in request.fixturenames:
        request.getfixturevalue("browser").execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture(autouse=True)
def axe_on_every_page(request):
    """Every browser test: axe checks each page it opens with `browser.get` and the page it ends on; a serious
    or critical violation fails the test. Skipped when the vendored axe-core is absent."""
    if "browser" not in request.fixturenames or not AXE.exists():
        yield
        return
    driver = request.getfixturevalue("browser")
    found, original_get = [], driver.get

    def get_and_check(url):
        original_get(url)
        found.extend(axe_violations(driver))

    driver.get = get_and_check
    try:
        yield
        found.extend(axe_violations(driver))
    finally:
        driver.get = original_get
    seen = {(v["id"], v["url"]): v for v in found}
    assert not seen, "axe-core: " + "; ".join(f"{v['impact']} {v['id']} on {v['url']}: {v['help']} {v['nodes']}"
                                             for v in seen.values())


@contextlib.contextmanager
def phone_viewport(browser, width=390, height=844):
    """The page as a phone shows it (390×844 CSS px, touch, mobile layout), then the desktop window again."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    try:
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def browser_login(browser, live_server, user):
    """Log a user in through the real login form."""
    # loaded only by the browser tests and the fixtures that need it
    from selenium.webdriver.common.by import By

    browser.delete_all_cookies()
    browser.get(live_server.url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys(user.username)
    browser.find_element(By.ID, "id_password").send_keys(user.raw_password)
    browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
    wait_for(browser, lambda d: "/accounts/login/" not in d.current_url)
