"""Issue 17, problem 9: the login keeps the username, `next` is never nested, a password is reset by e-mail."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_a_wrong_password_keeps_the_username(client, make_user):
    make_user("alice")
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="alice"' in response.content.decode()


def test_the_login_link_on_the_login_page_does_not_nest_next(client):
    html = client.get("/accounts/login/?next=/events/").content.decode()
    links = re.findall(r'href="([^"]*/accounts/login/[^"]*)"', html)
    assert links and all(link.count("login") == 1 for link in links)


def test_a_forgotten_password_is_reset_through_the_link_in_the_email(client, make_user):
    user = make_user("alice", email="alice@example.org")
    assert 'id="forgot-password"' in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/password-reset/", {"email": "alice@example.org"})
    assert response.status_code == 302 and response.url == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1 and "alice" in mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session one, then shows the form
    response = client.post(form_url, {"new_password1": "a much longer new secret 42",
                                       "new_password2": "a much longer new secret 42"})
    assert response.status_code == 302 and response.url == "/accounts/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password("a much longer new secret 42")


def test_password_reset_requests_are_limited_per_address_and_say_so(client, make_user, settings):
    settings.COLLOQUY_RATE_LIMITS = {**settings.COLLOQUY_RATE_LIMITS, "password-reset": 3}
    make_user("alice", email="alice@example.org")
    answers = [client.post("/accounts/password-reset/", {"email": "Alice@example.org"}) for _ in range(5)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429, 429]
    assert "Too many reset requests" in answers[-1].content.decode()
    assert len(mail.outbox) == 3


def test_a_reset_link_works_once_and_an_unknown_address_gets_the_same_answer_and_no_mail(client, make_user):
    make_user("alice", email="alice@example.org")
    unknown = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert unknown.status_code == 302 and unknown.url == "/accounts/password-reset/sent/"  # nothing tells who exists
    assert mail.outbox == []
    client.post("/accounts/password-reset/", {"email": "alice@example.org"})
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    mismatch = client.post(form_url, {"new_password1": "a much longer new secret 42", "new_password2": "another one 43"})
    assert mismatch.status_code == 200 and 'id="password-set-form"' in mismatch.content.decode()
    client.post(form_url, {"new_password1": "a much longer new secret 42", "new_password2": "a much longer new secret 42"})
    again = client.get(link, follow=True).content.decode()
    assert "This link was already used or has expired." in again and 'id="password-set-form"' not in again
