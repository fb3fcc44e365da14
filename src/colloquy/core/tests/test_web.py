"""The web edge (core/web.py): the secretariat guard, and refused operations reaching the user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory

from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.core.web import HtmxErrorMiddleware, domain_errors, secretariat_required

pytestmark = pytest.mark.django_db


def _request(method="get", path="/ballots/5/close/", user=None, htmx=False, **headers):
    if htmx:
        headers["HTTP_HX_REQUEST"] = "true"
    request = getattr(RequestFactory(), method)(path, **headers)
    request.user = user or AnonymousUser()
    request._messages = CookieStorage(request)
    return request


@secretariat_required
def _desk(request):
    return HttpResponse("desk")


def _refusing(exc):
    @domain_errors
    def view(request):
        raise exc

    return view


def test_an_anonymous_visitor_is_sent_to_log_in_from_a_secretariat_screen():
    response = _desk(_request(path="/desk/"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/desk/")


def test_a_focal_point_gets_403_and_the_secretariat_gets_the_screen(focal_point, secretariat):
    with pytest.raises(DjangoPermissionDenied):
        _desk(_request(path="/desk/", user=focal_point))
    assert _desk(_request(path="/desk/", user=secretariat)).content == b"desk"


def test_a_refusal_to_htmx_is_an_alert_swapped_into_the_page_alerts(secretariat):
    response = _refusing(DomainError("Choose at least one option."))(_request("post", user=secretariat, htmx=True))
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#page-alerts" and response["HX-Reswap"] == "innerHTML"
    assert 'role="alert"' in response.content.decode() and "Choose at least one option." in response.content.decode()


def test_a_refused_post_returns_to_the_page_the_form_was_on_with_the_message(secretariat):
    request = _request("post", user=secretariat, HTTP_REFERER="http://testserver/ballots/5/")
    response = _refusing(DomainError("The ballot is closed."))(request)
    assert response.status_code == 302 and response["Location"] == "http://testserver/ballots/5/"
    assert [m.message for m in get_messages(request)] == ["The ballot is closed."]


def test_a_refused_post_never_follows_a_referer_to_another_host(secretariat):
    request = _request("post", user=secretariat, HTTP_REFERER="https://evil.example/phish")
    response = _refusing(DomainError("No."))(request)
    assert response["Location"] == "/ballots/5/close/"


def test_a_refused_get_shows_the_message_on_an_error_page(secretariat):
    response = _refusing(DomainError("Unknown mode 'x'."))(_request(user=secretariat))
    response.render()
    assert response.status_code == 400 and "Unknown mode &#x27;x&#x27;." in response.content.decode()


def test_a_permission_refusal_is_a_403_page(focal_point):
    response = _refusing(PermissionDenied("Only secretariat staff can do this."))(_request("post", user=focal_point))
    response.render()
    assert response.status_code == 403 and "Only secretariat staff can do this." in response.content.decode()


def test_other_4xx_answers_to_htmx_become_alerts_and_full_pages_are_left_alone():
    middleware = HtmxErrorMiddleware(lambda request: HttpResponseNotFound("<html>not found</html>"))
    alert = middleware(_request(htmx=True))
    assert alert.status_code == 404 and alert["HX-Retarget"] == "#page-alerts"
    assert "no longer exists" in alert.content.decode()
    page = middleware(_request())
    assert "HX-Retarget" not in page and page.content == b"<html>not found</html>"
