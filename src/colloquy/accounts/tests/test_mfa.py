"""The second factor at sign-in (accounts/mfa.py): setting it up, the code after the password, recovery codes,
the secretariat's reset, "required" for secretariat staff, and API sessions held to the same gate."""

import time

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from colloquy.audit.models import AuditEntry


def code_for(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def next_code(device):
    """A code of the next 30-second step: the one used at setup cannot be replayed (django-otp keeps the last
    step used), and the next step's code is within the accepted drift of one step."""
    return code_for(device, offset=device.step)


def sign_in(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": user.raw_password})
    assert response.status_code == 302
    return response


def enable(client, user):
    """Set up the authenticator through the pages; returns the device and the recovery codes."""
    client.force_login(user)
    assert client.get(reverse("accounts:mfa-setup")).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:mfa-setup"), {"code": code_for(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    client.logout()
    return device, codes


def test_the_setup_page_shows_a_qr_code_and_the_key_and_confirms_with_a_first_code(client, focal_point):
    client.force_login(focal_point)
    page = client.get(reverse("accounts:mfa-setup"))
    assert "<svg" in page.text and "otpauth" not in page.text  # the URI is in the QR code, not printed
    device = TOTPDevice.objects.get(user=focal_point)
    key = page.context["secret"].replace(" ", "")
    assert key and device.confirmed is False
    wrong = client.post(reverse("accounts:mfa-setup"), {"code": "000000" if code_for(device) != "000000" else "1"})
    assert wrong.status_code == 400 and "not the one the app shows" in wrong.text
    device.refresh_from_db()
    assert device.confirmed is False

    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(reverse("accounts:mfa-setup"), {"code": code_for(device)})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="mfa.enabled", actor=focal_point).count() == 1


def test_a_password_alone_opens_nothing_once_the_second_factor_is_on(client, focal_point):
    device, _ = enable(client, focal_point)
    sign_in(client, focal_point)
    desk = client.get(reverse("accounts:desk"))
    assert desk.status_code == 302
    assert desk.url.startswith(reverse("accounts:mfa-verify"))
    assert client.get(reverse("accounts:security")).status_code == 302

    # the session API is held too (a bearer token is a separate credential)
    api = client.get("/api/ballots/")
    assert api.status_code == 401 and api.json()["detail"] == "Second factor required."

    verified = client.post(reverse("accounts:mfa-verify") + "?next=" + reverse("accounts:desk"),
                           {"code": next_code(device)})
    assert verified.status_code == 302 and verified.url == reverse("accounts:desk")
    assert client.get(reverse("accounts:desk")).status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_codes_slow_down_after_it(client, focal_point):
    device, _ = enable(client, focal_point)
    sign_in(client, focal_point)
    right = next_code(device)
    wrong = "111111" if right != "111111" else "222222"
    refused = client.post(reverse("accounts:mfa-verify"), {"code": wrong})
    assert refused.status_code == 400
    assert "That code is not right" in refused.text
    # right away, even the right code waits: django-otp's throttle doubles after each failure
    throttled = client.post(reverse("accounts:mfa-verify"), {"code": right})
    assert throttled.status_code == 400 and "Too many wrong codes" in throttled.text
    with time_machine.travel(time.time() + device.step, tick=False):
        ok = client.post(reverse("accounts:mfa-verify"), {"code": code_for(device)})
    assert ok.status_code == 302


def test_a_recovery_code_signs_in_once(client, focal_point):
    _, codes = enable(client, focal_point)
    sign_in(client, focal_point)
    assert client.post(reverse("accounts:mfa-verify"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("accounts:desk")).status_code == 200
    assert AuditEntry.objects.filter(action="mfa.recovery-code-used").count() == 1

    client.logout()
    sign_in(client, focal_point)
    again = client.post(reverse("accounts:mfa-verify"), {"code": codes[0]})
    assert again.status_code == 400
    assert StaticToken.objects.filter(device__user=focal_point).count() == 9


def test_required_for_the_secretariat_sends_staff_to_set_it_up_before_anything_else(client, secretariat,
                                                                                    focal_point):
    with override_settings(COLLOQUY_MFA_SECRETARIAT="required"):
        sign_in(client, secretariat)
        home = client.get("/")
        assert home.status_code == 302 and home.url.startswith(reverse("accounts:mfa-setup"))
        assert client.get(reverse("accounts:mfa-setup")).status_code == 200
        # a focal point is not held
        client.logout()
        sign_in(client, focal_point)
        assert client.get(reverse("accounts:desk")).status_code == 200


def test_required_staff_cannot_turn_it_off_but_others_can(client, secretariat, focal_point):
    device, _ = enable(client, focal_point)
    client.force_login(focal_point)
    client.post(reverse("accounts:mfa-verify"), {"code": next_code(device)})
    client.post(reverse("accounts:mfa-disable"))
    assert not TOTPDevice.objects.filter(user=focal_point).exists()
    assert AuditEntry.objects.filter(action="mfa.disabled").count() == 1

    with override_settings(COLLOQUY_MFA_SECRETARIAT="required"):
        staff_device, _ = enable(client, secretariat)
        client.force_login(secretariat)
        client.post(reverse("accounts:mfa-verify"), {"code": next_code(staff_device)})
        response = client.post(reverse("accounts:mfa-disable"), follow=True)
        assert "must keep a second factor" in response.text
        assert TOTPDevice.objects.filter(user=secretariat, confirmed=True).exists()


def test_the_secretariat_resets_a_lost_second_factor_audited(client, focal_point, secretariat):
    enable(client, focal_point)
    with pytest.raises(CommandError, match="secretariat"):
        call_command("mfa-reset", focal_point.username, "--as", focal_point.username)
    call_command("mfa-reset", focal_point.username, "--as", secretariat.username)
    assert not TOTPDevice.objects.filter(user=focal_point).exists()
    entry = AuditEntry.objects.get(action="mfa.reset")
    assert entry.actor == secretariat
    sign_in(client, focal_point)
    assert client.get(reverse("accounts:desk")).status_code == 200


def test_an_idle_session_ends_and_says_why(client, focal_point):
    with override_settings(COLLOQUY_SESSION_IDLE_MINUTES=30):
        sign_in(client, focal_point)
        assert client.get(reverse("accounts:desk")).status_code == 200
        with time_machine.travel(time.time() + 31 * 60, tick=False):
            response = client.get(reverse("accounts:desk"), follow=True)
        assert "without activity" in response.text
        assert "_auth_user_id" not in client.session


def test_an_active_session_still_ends_at_its_absolute_lifetime(client, focal_point):
    with override_settings(COLLOQUY_SESSION_IDLE_MINUTES=60, COLLOQUY_SESSION_MAX_HOURS=2):
        start = time.time()
        sign_in(client, focal_point)
        for minutes in (50, 100):
            with time_machine.travel(start + minutes * 60, tick=False):
                assert client.get(reverse("accounts:desk")).status_code == 200
        with time_machine.travel(start + 125 * 60, tick=False):
            response = client.get(reverse("accounts:desk"), follow=True)
        assert "signed in too long ago" in response.text


def test_a_password_change_keeps_this_session_and_ends_the_others(client, focal_point, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(focal_point)
    client.force_login(focal_point)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": focal_point.raw_password, "new_password1": "a new long passphrase 42",
        "new_password2": "a new long passphrase 42"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:desk")).status_code == 200
    assert other.get(reverse("accounts:desk")).status_code == 302
    wrong = client.post(reverse("accounts:password_change"), {
        "old_password": "not it", "new_password1": "x", "new_password2": "y"})
    assert wrong.status_code == 200 and "incorrectly" in wrong.text
