"""Bearer-token authentication: one statement loads the token, its user and the user's organization."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from colloquy.accounts.auth import TokenAuth, token_with_user
from colloquy.accounts.models import ApiToken


def test_a_token_brings_its_user_and_organization_in_one_statement(focal_point, ghana, django_assert_num_queries):
    token, key = ApiToken.issue(user=focal_point, name="script")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    with django_assert_num_queries(1):
        found = token_with_user(key)
        assert found.pk == token.pk
        assert found.user == focal_point
        assert found.user.organization == ghana
        assert found.user.organization.name == ghana.name
    assert timezone.is_aware(found.last_used_at)
    assert found.created_at == token.created_at


def test_a_user_without_organization_is_found_with_none(secretariat):
    _, key = ApiToken.issue(user=secretariat)
    assert token_with_user(key).user.organization is None


def test_unknown_and_revoked_tokens_find_nobody(focal_point):
    token, key = ApiToken.issue(user=focal_point)
    assert token_with_user(key + "x") is None
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert token_with_user(key) is None


def test_an_inactive_user_is_not_authenticated(focal_point):
    _, key = ApiToken.issue(user=focal_point)
    focal_point.is_active = False
    focal_point.save()
    assert TokenAuth().authenticate(RequestFactory().get("/"), key) is None


def test_use_is_recorded_at_most_once_a_minute(focal_point):
    token, key = ApiToken.issue(user=focal_point)
    request = RequestFactory().get("/")
    assert TokenAuth().authenticate(request, key) == focal_point
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    TokenAuth().authenticate(request, key)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    TokenAuth().authenticate(request, key)
    token.refresh_from_db()
    assert token.last_used_at > first


@pytest.mark.django_db(transaction=True)
def test_recording_use_outside_a_transaction_updates_the_token_and_leaves_the_session_durable(focal_point):
    from django.db import connection

    from colloquy.accounts.auth import record_use

    token, _ = ApiToken.issue(user=focal_point)
    now = timezone.now()
    record_use(token, now)
    token.refresh_from_db()
    assert token.last_used_at == now
    if connection.vendor == "postgresql":  # the no-flush-wait setting was local to that one statement
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone()[0] == "on"
