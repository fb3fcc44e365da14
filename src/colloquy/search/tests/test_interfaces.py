"""The same search through the page (full and htmx partial), the REST API and the CLI."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_search_page_shows_highlighted_passages_linking_to_the_paragraph(archive, client):
    doc = archive["docs"]["diaspora"]
    response = client.get("/search/", {"q": "diaspora bonds", "kind": "passage"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/documents/{doc.pk}/#p-1"' in html
    assert "<mark>diaspora</mark>" in html.lower() or "<mark>Diaspora</mark>" in html
    assert 'id="search-form"' in html and "htmx" in html


def test_header_search_box_lands_on_full_text_search(archive, client):
    from django.urls import reverse

    assert reverse("public:search") == "/search/"
    response = client.get(reverse("public:search"), {"q": "desertification"})
    assert "Environmental change and human mobility" in response.content.decode()


def test_htmx_request_returns_only_the_form_contents(archive, client):
    response = client.get("/search/", {"q": "workers", "year_from": "2006", "year_to": "2006"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'id="search-results"' in html
    assert 'data-facet="year"' in html


def test_page_url_carries_every_filter(archive, client):
    response = client.get("/search/?q=workers&doc_type=workshop_report&doc_type=discussion_note&year_from=2007")
    html = response.content.decode()
    assert 'value="workshop_report" checked' in html and 'value="discussion_note" checked' in html
    assert 'value="2007"' in html


def test_invalid_year_is_reported_not_fatal(archive, client):
    response = client.get("/search/", {"q": "workers", "year_from": "2OO7"})
    assert response.status_code == 200
    assert "must be a year" in response.content.decode()


def test_grouped_results_show_each_record_type(archive, client):
    html = client.get("/search/", {"q": "recruitment", "group": "1"}).content.decode()
    assert html.count('class="result-group"') >= 2


def test_document_page_has_paragraph_anchors(archive, client):
    doc = archive["docs"]["climate"]
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    assert 'id="p-1"' in html and 'id="p-2"' in html
    assert "Related documents" in html


def test_api_returns_hits_facets_and_total(archive, client):
    response = client.get("/api/search", {"q": "workers", "kind": "passage", "year_from": 2007, "year_to": 2007})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == len(data["hits"]) > 0
    assert {h["year"] for h in data["hits"]} == {2007}
    assert all(h["url"].startswith("/documents/") and "#p-" in h["url"] for h in data["hits"])
    assert any(f["name"] == "doc_type" for f in data["facets"])


def test_api_hides_restricted_documents_from_anonymous_callers(archive, client):
    assert client.get("/api/search", {"q": "quota"}).json()["total"] == 0


def test_cli_prints_json(archive):
    out = StringIO()
    call_command("search", "remittance fees", "--json", "--kind", "passage", stdout=out)
    data = json.loads(out.getvalue())
    assert data["hits"][0]["id"] == archive["docs"]["remittances"].pk
    assert data["hits"][0]["anchor"].startswith("para")


def test_cli_reports_a_query_with_nothing_to_search(archive):
    with pytest.raises(CommandError, match="cannot only exclude"):
        call_command("search", "--", "-asia", stdout=StringIO())


def test_cli_searches_as_the_named_user(archive, make_user):
    user = make_user()
    out = StringIO()
    call_command("search", "quota", "--json", "--as", user.username, stdout=out)
    assert json.loads(out.getvalue())["total"] == 0


def test_recommendation_panel_hook_renders_the_related_box(archive, rf):
    from django.contrib.auth.models import AnonymousUser

    from colloquy.core.hooks import panels

    request = rf.get("/")
    request.user = AnonymousUser()
    html = "".join(panels("recommendation", request, archive["recommendation"]))
    assert "Related documents" in html


def test_related_api_needs_a_document_or_recommendation(archive, client):
    from colloquy.search import semantic

    if not semantic.available():
        assert client.get("/api/search/related").json()["semantic"] is False
    else:
        assert client.get("/api/search/related").status_code == 400
