"""{{ code|country }}: a country's name in the page's language ("Suiza", "Suisse"), from pycountry's shipped ISO
3166 translations. Pages use it; data outputs (API, exports) keep the stable English names."""

from django import template

from colloquy.core.countries import country_name_in_language

register = template.Library()


@register.filter
def country(code):
    return country_name_in_language(code)
