"""GCM-objective and SDG-target tag suggestions: keyword rules plus (when the optional model loads) embedding similarity."""

from colloquy.outcomes.tagging.ranking import (
    Suggestion,
    SuggestionResult,
    suggest,
    suggest_for,
    suggest_sdg,
    suggest_sdg_for,
)

__all__ = ["Suggestion", "SuggestionResult", "suggest", "suggest_for", "suggest_sdg", "suggest_sdg_for"]
