"""Issue 17: empty results have words; public pages carry no command or package names."""

import pytest
from django.test import override_settings

# The demo archive is loaded once for the module (testing.demo_archive), not once per test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_archive")]


@pytest.mark.parametrize(("url", "words"), [
    ("/events/?q=zzzz", ["0 events", "No event matches these filters."]),
    ("/organizations/?q=zzzz", ["0 organizations", "No organization matches these filters."]),
    ("/people/?q=zzzz", ["0 people", "Nobody matches this name."]),
])
def test_a_list_with_no_match_says_so(client, url, words):
    html = client.get(url).content.decode()
    for text in words:
        assert text in html


def test_search_with_no_result_says_so_and_shows_no_pager(client):
    html = client.get("/search/?q=zzzzqqq").content.decode()
    assert "Nothing matched" in html
    assert "Page 1 of 1" not in html


def test_an_unknown_search_mode_is_named(client):
    html = client.get("/search/?q=migration&mode=fuzzy").content.decode()
    assert "There is no search mode &#x27;fuzzy&#x27;" in html


DEVELOPER_WORDS = ("semantic extra", "[semantic]", "colloquy ballot-verify", "import-events", "pip install",
                   "not installed on this server")


@override_settings(DEBUG=False)
def test_public_pages_carry_no_command_or_package_names(client):
    from colloquy.ballots.models import Ballot
    from colloquy.dialogues.models import Event
    from colloquy.outcomes.models import Recommendation

    ballot = Ballot.objects.exclude(state="draft").first()
    urls = ["/events/", "/search/?q=migration", "/search/?q=migration&mode=hybrid", f"/ballots/{ballot.pk}/log/",
            Event.objects.first().get_absolute_url(),
            Recommendation.objects.first().get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [w for w in DEVELOPER_WORDS if w in html], url


def test_a_recommendation_is_found_by_the_country_it_is_addressed_to(client):
    from colloquy.outcomes.models import Recommendation

    rec = Recommendation.objects.filter(text__icontains="remittance",
                                        addressed_organizations__country="GHA").first()
    assert rec is not None
    html = client.get("/search/", {"q": "remittances Ghana"}).content.decode()
    assert "0 results" not in html and rec.get_absolute_url() in html
