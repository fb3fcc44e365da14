"""Issue 17, problem 10: the small things a first visit meets."""

import pytest

# The demo archive is loaded once for the module (testing.demo_archive), not once per test.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_archive")]


def test_favicon_ico_is_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_an_anonymous_visitor_is_not_told_their_organization_is_not_eligible(client):
    html = client.get("/ballots/").content.decode()
    assert "Not eligible" not in html and "Your organization" not in html
    assert "Who votes" in html


def test_the_home_page_lists_unitar_once(client):
    html = client.get("/").content.decode()
    assert html.count(">UNITAR<") + html.count(">UNITAR </") == 0
    assert "UNITAR Migration and Development Series" in html
    from colloquy.dialogues.models import Forum

    assert list(Forum.objects.filter(name__startswith="UNITAR").values_list("name", flat=True)) == [
        "UNITAR Migration and Development Series"]
