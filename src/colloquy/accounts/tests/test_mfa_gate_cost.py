"""The second-factor gate on every signed-in request (accounts/middleware.py) asks for devices in one query, not
at all once the session is verified, and caches nothing: a change made in one session gates the others at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from colloquy.accounts import mfa
from colloquy.accounts.tests.test_mfa import code_for, enable, next_code, sign_in

pytestmark = pytest.mark.django_db


def device_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries.captured_queries if "otp_" in q["sql"]]


def test_is_enabled_counts_confirmed_devices_of_any_kind_and_only_the_persons_own(focal_point, secretariat):
    assert not mfa.is_enabled(focal_point)
    TOTPDevice.objects.create(user=focal_point, name="pending", confirmed=False)
    assert not mfa.is_enabled(focal_point)
    StaticDevice.objects.create(user=secretariat, name="codes", confirmed=True)
    assert not mfa.is_enabled(focal_point) and mfa.is_enabled(secretariat)
    StaticDevice.objects.create(user=focal_point, name="codes", confirmed=True)
    assert mfa.is_enabled(focal_point)
    StaticDevice.objects.filter(user=focal_point).delete()
    TOTPDevice.objects.filter(user=focal_point).update(confirmed=True)
    assert mfa.is_enabled(focal_point)


def test_without_a_device_one_query_and_once_verified_none_beyond_django_otps_own(client, focal_point):
    client.force_login(focal_point)
    client.get(reverse("accounts:desk"))
    response, queries = device_queries(client, reverse("accounts:desk"))
    assert response.status_code == 200 and len(queries) == 1

    device, _ = enable(client, focal_point)
    sign_in(client, focal_point)
    client.post(reverse("accounts:mfa-verify"), {"code": next_code(device)})
    response, queries = device_queries(client, reverse("accounts:desk"))
    assert response.status_code == 200
    assert len(queries) == 1 and "otp_totp_totpdevice" in queries[0]  # the session's device, loaded by django-otp


def test_a_device_set_up_in_another_session_gates_this_one_on_its_next_request(client, focal_point):
    sign_in(client, focal_point)
    assert client.get(reverse("accounts:desk")).status_code == 200
    other = Client()
    other.force_login(focal_point)
    other.get(reverse("accounts:mfa-setup"))
    device = TOTPDevice.objects.get(user=focal_point, confirmed=False)
    assert other.post(reverse("accounts:mfa-setup"), {"code": code_for(device)}).status_code == 200

    gated = client.get(reverse("accounts:desk"))
    assert gated.status_code == 302 and gated.url.startswith(reverse("accounts:mfa-verify"))


def test_a_verified_session_loses_its_pass_when_the_device_is_reset(client, focal_point, secretariat, settings):
    device, _ = enable(client, focal_point)
    sign_in(client, focal_point)
    client.post(reverse("accounts:mfa-verify"), {"code": next_code(device)})
    assert client.get(reverse("accounts:desk")).status_code == 200
    mfa.mfa_reset(user=focal_point, actor=secretariat)
    TOTPDevice.objects.create(user=focal_point, name="new phone", confirmed=True)  # set up again elsewhere

    gated = client.get(reverse("accounts:desk"))
    assert gated.status_code == 302 and gated.url.startswith(reverse("accounts:mfa-verify"))
