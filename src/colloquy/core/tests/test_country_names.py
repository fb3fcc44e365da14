"""Pages name countries in the reader's language (pycountry's shipped ISO 3166 translations); the API and the
exports keep the stable English names."""

import pytest
from django.template import Context, Template
from django.utils import translation

from colloquy.core.countries import country_choices


@pytest.mark.parametrize(("language", "expected"), [("en", "Switzerland"), ("fr", "Suisse"), ("es", "Suiza")])
def test_the_country_filter_follows_the_active_language(language, expected):
    with translation.override(language):
        assert Template("{% load countries %}{{ code|country }}").render(Context({"code": "CHE"})) == expected


def test_country_choices_are_named_and_sorted_in_the_active_language():
    with translation.override("fr"):
        names = [name for _, name in country_choices()]
        assert "Suisse" in names and "Switzerland" not in names
        assert names.index("Égypte") < names.index("Espagne")  # accents sort with their letter
    with translation.override("en"):
        assert "Switzerland" in dict(country_choices()).values()


@pytest.mark.django_db
def test_an_event_page_in_spanish_names_its_country_in_spanish_and_english_stays_english(client, make_event):
    event = make_event(country="CHE")
    assert "Suiza</a>)" in client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Switzerland</a>)" in client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
