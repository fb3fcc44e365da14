"""French and Spanish versions of a theme proposal's title, rationale and guiding questions (docs/translation.md)."""

from modeltranslation.translator import TranslationOptions, register

from colloquy.ballots.models import Proposal


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = ("title", "rationale", "guiding_questions")
    empty_values = None
