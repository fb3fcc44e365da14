"""Anonymous pages come from the cache until anything is written; a write shows on the next request, whichever
way it was made (a service, the admin, a bulk update without signals, raw SQL, another process). CSRF tokens are
never shared between visitors."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from colloquy.core import records
from colloquy.dialogues import services
from colloquy.dialogues.models import Event

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def event(make_event):
    return make_event(title="Labour mobility workshop")


def visit(client, url):
    """(queries run, body) of an anonymous GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_repeated_anonymous_visit_is_served_from_the_cache(client, event):
    first, _ = visit(client, "/events/")
    again, cached = visit(client, "/events/")
    assert first > 1
    assert again == 1  # the record version, nothing else
    assert "Labour mobility workshop" in cached
    assert client.head("/events/")["Content-Length"] == str(len(cached.encode()))


def test_a_write_through_a_service_shows_on_the_next_request(client, event, secretariat):
    visit(client, "/events/")
    services.event_update(actor=secretariat, event=event, title="Skills partnerships workshop")
    queries, body = visit(client, "/events/")
    assert queries > 1
    assert "Skills partnerships workshop" in body


def test_a_write_through_the_admin_shows_on_the_next_request(client, event, secretariat):
    page = event.get_absolute_url()
    visit(client, page)
    admin = Client()
    admin.force_login(secretariat)
    url = reverse("admin:dialogues_event_change", args=[event.pk])
    context = admin.get(url).context
    form = context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data.update({k: "" for k in form.fields if k not in data and k not in ("co_organizers", "interpretation_languages")})
    for inline in context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({f"{inline.formset.prefix}-{k}": v for k, v in management.initial.items()})
    data["title_en"] = "Retitled in the admin"  # the admin edits each language (docs/translation.md)
    answer = admin.post(url, data)
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    assert Event.objects.get(pk=event.pk).title == "Retitled in the admin"
    assert "Retitled in the admin" in visit(client, page)[1]


def test_a_bulk_update_without_signals_shows_on_the_next_request(client, event):
    visit(client, "/events/")
    Event.objects.filter(pk=event.pk).update(title="Updated in bulk")
    assert "Updated in bulk" in visit(client, "/events/")[1]


def test_raw_sql_shows_on_the_next_request(client, event):
    visit(client, "/events/")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Event._meta.db_table} SET title_en = %s WHERE id = %s", ["Updated by hand", event.pk])
    assert "Updated by hand" in visit(client, "/events/")[1]


@pytest.mark.django_db(transaction=True)
def test_a_committed_write_in_another_process_moves_the_shared_version(client, event, monkeypatch):
    """Another process's writes reach this one only through the database counter: this process's own counter
    stands still here, as it would for a write made elsewhere."""
    visit(client, "/events/")
    before = records.version()
    monkeypatch.setattr(records, "_local", iter(lambda: records._local_value, None))
    Event.objects.filter(pk=event.pk).update(title="Written elsewhere")
    assert records.version() != before
    assert "Written elsewhere" in visit(client, "/events/")[1]


def test_writes_are_told_from_reads_by_their_statement():
    assert records.is_write("UPDATE dialogues_event SET title = 'x'")
    assert records.is_write("WITH e AS (INSERT INTO ballots_castlog VALUES (1) RETURNING id) SELECT id FROM e")
    assert not records.is_write("SELECT id FROM ballots_ballot WHERE id = 1 FOR UPDATE")
    assert not records.is_write('UPDATE "django_session" SET "expire_date" = 1')


def test_visitors_never_share_a_csrf_token(event):
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_page = alice.get("/events/").content.decode()
    bob_page = bob.get("/events/").content.decode()  # from the cache
    alice_token, bob_token = TOKEN.search(alice_page).group(1), TOKEN.search(bob_page).group(1)
    assert alice_token != bob_token
    assert bob.cookies["csrftoken"].value != alice.cookies["csrftoken"].value
    for visitor, token in ((alice, alice_token), (bob, bob_token)):
        response = visitor.post(reverse("set_language"), {"language": "fr", "next": "/events/",
                                                          "csrfmiddlewaretoken": token})
        assert response.status_code == 302
    assert bob.post(reverse("set_language"), {"language": "es", "csrfmiddlewaretoken": alice_token}).status_code == 403


def test_the_language_is_part_of_the_key(client, event):
    english = client.get("/events/", headers={"accept-language": "en"}).content.decode()
    french = client.get("/events/", headers={"accept-language": "fr"}).content.decode()
    assert 'lang="fr"' in french and 'lang="en"' in english


def test_signed_in_visitors_are_never_served_from_the_cache(client, event, focal_point):
    visit(client, "/events/")
    client.force_login(focal_point)
    queries, body = visit(client, "/events/")
    assert queries > 1
    assert "felix" in body
    client.logout()
    client.cookies.clear()
    assert "felix" not in visit(client, "/events/")[1]


def test_templates_are_compiled_once_per_process_by_the_cached_loader():
    """Django wraps the loaders in its cached loader when `loaders` is not set; the settings must keep it so."""
    from django.template import engines  # the configured engine, read at test time

    engine = engines["django"].engine
    assert [type(loader).__module__ for loader in engine.template_loaders] == ["django.template.loaders.cached"]
