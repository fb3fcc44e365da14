"""Record versions in French and Spanish, read through django-modeltranslation (docs/translation.md).

`<field>` on a registered model reads the active language's version and falls back to English, the original.
`version()` tells a page whether it got the active language's own version or the fallback, so the page can
mark the fallback (templatetags/translated.py). `keep_original_in_english` keeps the original column (the one
modeltranslation leaves in place) equal to the English version, for code that reads it without the rewrite.
"""

import copy
from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import pre_save
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _lazy
from modeltranslation import manager as mt_manager
from modeltranslation import translator as mt_translator
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.translator import NotRegistered, translator

ORIGINAL = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
LANGUAGES = tuple(settings.MODELTRANSLATION_LANGUAGES)


@dataclass(frozen=True)
class Version:
    text: str
    fallback: str = ""  # the language of `text` when it is not the active language's own version, else ""


def translated_fields(model) -> tuple[str, ...]:
    try:
        return tuple(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return ()


def active_language() -> str:
    return (translation.get_language() or ORIGINAL).split("-")[0]


def version(obj, field: str) -> Version:
    """The active language's version of `obj.<field>`, or the original one marked as a fallback."""
    lang = active_language()
    if field not in translated_fields(type(obj)):
        return Version(str(getattr(obj, field) or ""))
    own = getattr(obj, f"{field}_{lang}", None)
    if own:
        return Version(own)
    original = getattr(obj, f"{field}_{ORIGINAL}", None) or ""
    return Version(original, ORIGINAL if original and lang != ORIGINAL else "")


def keep_original_in_english(sender, instance, raw=False, **kwargs):
    for field in translated_fields(sender):
        english = getattr(instance, f"{field}_{ORIGINAL}", None)
        if english is not None:
            instance.__dict__[field] = english


class OriginalWrites(TranslationFieldDescriptor):
    """`record.title = x` writes the English original, whatever the request's language (modeltranslation's own
    descriptor writes the active language's version). Reading still gives the active language's version. French
    and Spanish are written by name (`title_fr`), from the three-language forms: code that predates translation
    (services, importers, the demo) cannot put English words in the French column, nor leave English empty."""

    def __set__(self, instance, value):
        with translation.override(ORIGINAL):
            super().__set__(instance, value)


def _in_english(rewrite):
    """modeltranslation rewrites the plain name in lookups, updates, ordering and constructors (`filter(title=x)`,
    `update(title=x)`, `order_by("title")`, `Event(title=x)`, `save(update_fields=["title"])`) to the active
    language's column. Here they all mean the English original, as before translation: a query or an import gives
    the same answer on a French page as on an English one, and `Event(title=x)` fills `title_en`. Reading values
    (`values_list("title")`) still gives the active language's version with the English fallback."""

    def rewrite_lookup_key(model, lookup_key):
        with translation.override(ORIGINAL):
            return rewrite(model, lookup_key)

    rewrite_lookup_key.english = True
    return rewrite_lookup_key


def connect() -> None:
    if not getattr(mt_manager.rewrite_lookup_key, "english", False):
        mt_manager.rewrite_lookup_key = mt_translator.rewrite_lookup_key = _in_english(mt_manager.rewrite_lookup_key)
    for model in translator.get_registered_models(abstract=False):
        for name in translated_fields(model):
            if name in model.__dict__ and type(model.__dict__[name]) is TranslationFieldDescriptor:
                own = model.__dict__[name]
                setattr(model, name, OriginalWrites(own.field, fallback_languages=own.fallback_languages,
                                                    fallback_value=own.fallback_value,
                                                    fallback_undefined=own.fallback_undefined))
        pre_save.connect(keep_original_in_english, sender=model,
                         dispatch_uid=f"colloquy.core.translated.keep_original_in_english.{model._meta.label}")


# --- writes and forms ---------------------------------------------------------------------------------------------

OTHER_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != ORIGINAL)


def explicit_versions(model, fields: dict) -> dict:
    """`fields` with each translated `<f>` named `<f>_en`, and empty French or Spanish versions as NULL (an empty
    input leaves the record untranslated in that language), ready for a model's constructor or setattr."""
    out = dict(fields)
    for name in translated_fields(model):
        if name in out:
            out[f"{name}_{ORIGINAL}"] = out.pop(name)
        for lang in OTHER_LANGUAGES:
            key = f"{name}_{lang}"
            if key in out:
                out[key] = (out[key] or "").strip() or None
    return out


LANGUAGE_LABELS = {"en": _lazy("English"), "fr": _lazy("French"), "es": _lazy("Spanish")}


def add_version_fields(form, names) -> None:
    """Give a form `<name>_fr` and `<name>_es` beside each `<name>` (the English original), optional, of the same
    kind, marked with their language (spell checkers, screen readers)."""
    for name in names:
        original = form.fields[name]
        original.widget.attrs.setdefault("lang", ORIGINAL)
        for lang in OTHER_LANGUAGES:
            field = copy.deepcopy(original)
            field.required = False
            field.label = format_lazy("{} ({})", original.label, LANGUAGE_LABELS[lang])
            field.help_text = ""
            field.widget.attrs.update({"lang": lang})
            field.widget.attrs.pop("autofocus", None)
            form.fields[f"{name}_{lang}"] = field


def version_groups(form, names) -> list[dict]:
    """Each translated name's bound fields, English first, with their language's name, for a template to show
    side by side (core/templates/core/_versions.html)."""
    return [{"legend": form.fields[name].label, "name": name,
             "fields": [(LANGUAGE_LABELS[ORIGINAL], form[name]),
                        *((LANGUAGE_LABELS[lang], form[f"{name}_{lang}"]) for lang in OTHER_LANGUAGES)]}
            for name in names if name in form.fields]


def version_field_names(names) -> set[str]:
    return {f"{name}_{lang}" for name in names for lang in settings.MODELTRANSLATION_LANGUAGES} | set(names)


def version_initial(record, names) -> dict:
    """A form's initial values for the versions of `record` (the English original under the plain name)."""
    out = {}
    for name in names:
        out[name] = getattr(record, f"{name}_{ORIGINAL}", None) or ""
        for lang in OTHER_LANGUAGES:
            out[f"{name}_{lang}"] = getattr(record, f"{name}_{lang}", None) or ""
    return out


def versions_of(record, names) -> dict:
    """The French and Spanish versions held by `record` (an admin form's unsaved object), for a creating service."""
    return {f"{name}_{lang}": getattr(record, f"{name}_{lang}", None) for name in names for lang in OTHER_LANGUAGES}
