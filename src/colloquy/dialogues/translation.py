"""French and Spanish versions of the record titles and texts people read (docs/translation.md).

django-modeltranslation adds `<field>_en`, `<field>_fr` and `<field>_es` columns; `<field>` reads the active
language's version and falls back to English, the original. An untranslated version is NULL (not ""), so that
Forum.name stays unique among the forums that have a French or Spanish name.
"""

from modeltranslation.translator import TranslationOptions, register

from colloquy.dialogues.models import Cycle, Event, Forum, Session, Theme


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None


@register(Cycle)
class CycleTranslation(TranslationOptions):
    fields = ("overarching_theme",)
    empty_values = None


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("title",)
    empty_values = None


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")
    empty_values = None


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title",)
    empty_values = None
