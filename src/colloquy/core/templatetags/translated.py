"""{% translated obj "title" %}: the active language's version of a record's text, or the English original
marked "(in English)" in the reader's language, with lang="en" on the English words (core/translated.py)."""

from django import template
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from colloquy.core.translated import version

register = template.Library()


def _marked(text: str, lang: str):
    return format_html('<span lang="{}">{}</span> <small class="fallback">{}</small>', lang, text, _("(in English)"))


@register.simple_tag
def translated(obj, field, words=None):
    """Inline text (titles, and list entries cut to `words` words): the version, and the marker when it is the
    English fallback."""
    found = version(obj, field)
    text = Truncator(found.text).words(int(words)) if words else found.text
    return _marked(text, found.fallback) if found.fallback else text


@register.simple_tag
def fallback_lang(obj, field):
    """"en" when the page shows the English original of obj.<field> instead of the active language's own, else ""
    (for block text: `{% fallback_lang event "description" as lang %}<div{% if lang %} lang="{{ lang }}"…`)."""
    return version(obj, field).fallback


@register.inclusion_tag("core/fallback_marker.html")
def fallback_marker(lang):
    return {"lang": lang}
