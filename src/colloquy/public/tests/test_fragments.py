"""Signed-in pages: their expensive parts come from the fragment cache (core/fragments.py), per audience. Each
visitor sees their own panels; visitors of one audience share fragments but never CSRF tokens or names; a write
by anyone shows on the next request."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from colloquy.core.access import SYSTEM, audience
from colloquy.dialogues import services
from colloquy.dialogues.models import EventStatus
from colloquy.funding.services import pledge_create

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # the forms' and htmx's masked CSRF tokens
DRAFTING_FORM = 'class="drafting-actions"'


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def visit(client, url) -> tuple[int, str]:
    """(queries run, body) of a GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.fixture
def event(make_event):
    return make_event(title="Labour mobility workshop")


def test_the_audience_is_the_role_and_the_organization(secretariat, focal_point, observer, make_user, ghana):
    colleague = make_user("gina", organization=ghana)
    assert audience(secretariat) == audience(SYSTEM) == "secretariat"
    assert audience(focal_point) == audience(colleague) == f"organization:{ghana.pk}"
    assert audience(observer) != audience(focal_point)
    assert audience(make_user("nobody")) == "signed-in"
    assert audience(None) == "anonymous"


def test_a_repeated_signed_in_visit_comes_from_the_fragment_cache(focal_point, event):
    client = signed_in(focal_point)
    for url in (event.get_absolute_url(), "/events/", "/countries/GHA/", "/outcomes/", "/", "/search/?q=labour"):
        first, body = visit(client, url)
        again, cached = visit(client, url)
        assert again < first, url
        assert ANY_TOKEN.sub("", cached) == ANY_TOKEN.sub("", body), url


def test_focal_points_of_two_organizations_each_see_their_own_pledges(focal_point, observer, secretariat, event, ghana):
    pledge_create(actor=secretariat, donor=ghana, amount=Decimal("5000"), currency="CHF", event=event,
                  purpose="Interpretation for Ghana's delegation")
    page = event.get_absolute_url()
    ghana_client, observer_client = signed_in(focal_point), signed_in(observer)
    assert "Interpretation for Ghana&#x27;s delegation" in visit(ghana_client, page)[1]
    assert "Interpretation for Ghana" not in visit(observer_client, page)[1]
    assert "Interpretation for Ghana&#x27;s delegation" in visit(ghana_client, page)[1]


def test_the_secretariat_and_a_focal_point_each_see_their_own_panels_and_lists(secretariat, focal_point, make_event):
    event = make_event(title="Planning meeting", status=EventStatus.PROPOSED)
    published = make_event(title="Open workshop")
    staff, member = signed_in(secretariat), signed_in(focal_point)
    assert "Planning meeting" in visit(staff, "/events/")[1]
    assert "Planning meeting" not in visit(member, "/events/")[1]
    assert DRAFTING_FORM in visit(staff, published.get_absolute_url())[1]
    assert DRAFTING_FORM not in visit(member, published.get_absolute_url())[1]
    assert member.get(event.get_absolute_url()).status_code == 404


def test_one_audience_shares_fragments_but_each_visitor_gets_their_own_csrf_tokens_and_name(secretariat, make_user,
                                                                                                event):
    colleague = make_user("samuel")
    colleague.groups.set(secretariat.groups.all())
    first, second = signed_in(secretariat), signed_in(colleague)
    _, body = visit(first, event.get_absolute_url())
    _, cached = visit(second, event.get_absolute_url())
    assert DRAFTING_FORM in cached
    assert 'id="account-link"' in cached and ">samuel</a>" in cached and ">sofia</a>" not in cached
    mine, theirs = second.cookies["csrftoken"].value, first.cookies["csrftoken"].value
    tokens = TOKEN.findall(cached)
    assert len(tokens) >= 2  # the drafting panel's form (from the cache) and the page's own forms
    assert {_unmask_cipher_token(t) for t in tokens} == {mine}
    assert mine != theirs and not set(TOKEN.findall(body)) & set(tokens)


def test_a_write_by_one_user_shows_on_the_next_signed_in_request_of_another(focal_point, secretariat, event, ghana):
    page = event.get_absolute_url()
    member = signed_in(focal_point)
    visit(member, page)
    visit(member, "/events/")
    services.event_update(actor=secretariat, event=event, title="Skills partnerships workshop")
    pledge_create(actor=secretariat, donor=ghana, amount=Decimal("700"), currency="USD", event=event,
                  purpose="Travel of two experts")
    _, body = visit(member, page)
    assert "Skills partnerships workshop" in body
    assert "Travel of two experts" in body
    assert "Skills partnerships workshop" in visit(member, "/events/")[1]


def test_a_raw_sql_write_shows_on_the_next_signed_in_request(focal_point, event):
    member = signed_in(focal_point)
    assert "Labour mobility workshop" in visit(member, "/events/")[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE dialogues_event SET title = %s, title_en = %s WHERE id = %s",
                       ["Renamed in SQL", "Renamed in SQL", event.pk])
    assert "Renamed in SQL" in visit(member, "/events/")[1]


def test_the_navigation_follows_each_visitors_audience(secretariat, focal_point, make_user, ghana):
    funding, followup = reverse("funding:home"), reverse("outcomes:followup")
    newcomer = make_user("nadia")
    assert f'href="{funding}"' in visit(signed_in(secretariat), "/")[1]
    member_page = visit(signed_in(focal_point), "/")[1]
    assert f'href="{funding}"' not in member_page and f'href="{followup}"' in member_page
    client = signed_in(newcomer)
    assert f'href="{followup}"' not in visit(client, "/")[1]
    newcomer.organization = ghana
    newcomer.save()
    assert f'href="{followup}"' in visit(client, "/")[1]
