"""Issue 17, problem 12: axe-core runs in every browser test; this proves the check can fail."""

import pytest

from colloquy.testing import AXE, axe_violations

pytestmark = pytest.mark.e2e


@pytest.mark.skipif(not AXE.exists(), reason="the vendored axe-core (tests/fixtures/axe-core) is absent")
def test_axe_reports_a_critical_violation_and_a_clean_page_has_none(browser, live_server, db):
    browser.get(live_server.url + "/")
    assert axe_violations(browser) == []
    browser.execute_script(
        "document.getElementById('main').insertAdjacentHTML('beforeend', '<a href=\"#x\" aria-pressed=\"true\">x</a>')")
    found = axe_violations(browser)
    assert [v["id"] for v in found] == ["aria-allowed-attr"] and found[0]["impact"] == "critical"
    browser.refresh()  # the page as served again, for the check every browser test ends with
