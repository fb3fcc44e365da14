"""The printed outputs follow the event's working language, or the language asked for with ?lang=."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from colloquy.registration.pdf import pdf_language

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def event(make_event, make_cycle, forum):
    return make_event(cycle=make_cycle(forum=forum), title="Atelier sur la mobilité", start_date=datetime.date(2031, 9, 8),
                      end_date=datetime.date(2031, 9, 8), kind="seminar", working_language="fr")


def test_the_list_of_participants_is_printed_in_the_events_working_language(client, event):
    text = pdf_text(client.get(reverse("registration:participants-pdf", args=[event.slug])).content)
    assert "Aucun participant à faire figurer." in text
    assert "No participants to list." not in text


def test_lang_in_the_url_overrides_the_working_language(client, event):
    text = pdf_text(client.get(reverse("registration:participants-pdf", args=[event.slug]), {"lang": "en"}).content)
    assert "No participants to list." in text


def test_badges_follow_lang_on_the_desk(client, secretariat, event):
    client.force_login(secretariat)
    text = pdf_text(client.get(reverse("registration:badges", args=[event.slug]), {"lang": "es"}).content)
    assert "Aún no hay participantes presenciales aprobados." in text


def test_without_a_working_language_the_readers_language_is_used(event):
    event.working_language = ""
    with translation.override("es"):
        assert pdf_language(event) == "es"
        assert pdf_language(event, "xx") == "es"  # an unknown ?lang= is ignored
