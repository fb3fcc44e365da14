"""Login lockouts (issue 15, finding 3): wrong passwords and wrong API tokens stop working after the limit,
lockouts are audited, and the secretariat lifts them."""

from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from colloquy.accounts.models import ApiToken
from colloquy.audit.models import AuditEntry

WRONG = "not the password"


def _fail(client, url, username, times):
    for _ in range(times):
        client.post(url, {"username": username, "password": WRONG})


def test_fifty_wrong_passwords_then_the_right_one_is_locked_out(client, focal_point):
    url = reverse("accounts:login")
    _fail(client, url, "felix", 50)
    response = client.post(url, {"username": "felix", "password": focal_point.raw_password})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_login_is_locked_out_too(client, secretariat):
    url = reverse("admin:login")
    _fail(client, url, "sofia", 50)
    response = client.post(url, {"username": "sofia", "password": secretariat.raw_password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_audited_once(client, focal_point):
    _fail(client, reverse("accounts:login"), "felix", 30)
    entries = AuditEntry.objects.filter(action="login.locked-out")
    assert entries.count() == 1
    assert "felix" in entries.get().note


def test_a_few_wrong_passwords_do_not_lock_out(client, focal_point):
    url = reverse("accounts:login")
    _fail(client, url, "felix", 3)
    response = client.post(url, {"username": "felix", "password": focal_point.raw_password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(focal_point.pk)


def test_the_secretariat_lifts_a_lockout_with_the_unlock_command(client, focal_point, secretariat):
    url = reverse("accounts:login")
    _fail(client, url, "felix", 50)
    assert client.post(url, {"username": "felix", "password": focal_point.raw_password}).status_code == 429
    call_command("unlock", "felix", "--as", "sofia")
    call_command("unlock", "127.0.0.1", "--as", "sofia")  # the test client's address was locked as well
    response = client.post(url, {"username": "felix", "password": focal_point.raw_password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(focal_point.pk)
    lifted = AuditEntry.objects.filter(action="login.unlocked")
    assert lifted.count() == 2
    assert {entry.actor for entry in lifted} == {secretariat}


def test_a_focal_point_cannot_lift_a_lockout(client, focal_point):
    _fail(client, reverse("accounts:login"), "felix", 50)
    try:
        call_command("unlock", "felix", "--as", "felix")
    except CommandError as exc:
        assert "secretariat" in str(exc)
    else:
        raise AssertionError("a focal point lifted a lockout")
    assert not AuditEntry.objects.filter(action="login.unlocked").exists()


def test_the_secretariat_lifts_a_lockout_in_the_admin(client, focal_point, secretariat):
    _fail(client, reverse("accounts:login"), "felix", 50)
    assert AccessAttempt.objects.exists()
    officer = client.__class__()
    officer.force_login(secretariat)
    ids = [str(pk) for pk in AccessAttempt.objects.values_list("pk", flat=True)]
    response = officer.post(reverse("admin:axes_accessattempt_changelist"),
                            {"action": "lift_lockout", "_selected_action": ids})
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.filter(action="login.unlocked", actor=secretariat).count() == len(ids)
    response = client.post(reverse("accounts:login"), {"username": "felix", "password": focal_point.raw_password})
    assert response.status_code == 302


def test_wrong_api_tokens_lock_out_the_address_even_for_a_right_token(client, focal_point):
    _, key = ApiToken.issue(user=focal_point)
    for _ in range(50):
        client.get("/api/ballots/1/receipt", headers={"authorization": "Bearer cq_wrong"})
    response = client.get("/api/ballots/", headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 429
    assert response.json()["code"] == "locked-out"
    assert AuditEntry.objects.filter(action="login.locked-out").count() == 1
    call_command("unlock", "127.0.0.1")
    assert client.get("/api/ballots/", headers={"authorization": f"Bearer {key}"}).status_code == 200
