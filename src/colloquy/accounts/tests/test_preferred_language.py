"""A person's preferred language: set on their security page, it drives their e-mails (password reset included)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from colloquy.accounts.preferences import user_set_language
from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def interface_language_reset():
    """The test client runs requests in this thread, and LocaleMiddleware leaves their language active."""
    yield
    translation.deactivate()


def test_focal_point_chooses_french_on_the_security_page(client, focal_point):
    client.force_login(focal_point)
    page = client.get(reverse("accounts:security")).content.decode()
    assert '<option value="fr">Français</option>' in page and '<option value="es">Español</option>' in page
    response = client.post(reverse("accounts:language"), {"language": "fr"})
    assert response.status_code == 302
    focal_point.refresh_from_db()
    assert focal_point.language == "fr" and focal_point.email_language() == "fr"
    assert response.cookies["django_language"].value == "fr"
    assert AuditEntry.objects.filter(action="user.language", actor=focal_point).exists()


def test_an_unknown_language_is_refused(client, focal_point):
    client.force_login(focal_point)
    client.post(reverse("accounts:language"), {"language": "xx"})
    focal_point.refresh_from_db()
    assert focal_point.language == ""


def test_nobody_sets_another_persons_language(focal_point, secretariat):
    with pytest.raises(DomainError):
        user_set_language(user=focal_point, language="es", actor=secretariat)


def test_password_reset_email_is_in_the_recipients_language(client, focal_point):
    focal_point.email, focal_point.language = "felix@example.org", "es"
    focal_point.save()
    client.post(reverse("accounts:password_reset"), {"email": "felix@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Colloquy: elija una nueva contraseña"  # not the page's English
