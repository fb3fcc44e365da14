"""French and Spanish versions of key messages, recommendations and good-practice titles (docs/translation.md)."""

from modeltranslation.translator import TranslationOptions, register

from colloquy.outcomes.models import GoodPractice, KeyMessage, Recommendation


@register(KeyMessage)
class KeyMessageTranslation(TranslationOptions):
    fields = ("text",)
    empty_values = None


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)
    empty_values = None


@register(GoodPractice)
class GoodPracticeTranslation(TranslationOptions):
    fields = ("title",)
    empty_values = None
