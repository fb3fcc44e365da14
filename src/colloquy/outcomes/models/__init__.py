"""Outcome records (records.py), follow-up (followup.py) and tag decisions (tagging.py)."""

from colloquy.outcomes.models.followup import (
    Evidence,
    FollowUpRound,
    ProgressReport,
    ReminderLog,
    ReportState,
    ReportStatus,
    RoundState,
)
from colloquy.outcomes.models.records import (
    Addressee,
    Commitment,
    GoodPractice,
    KeyMessage,
    OutcomeBase,
    OutcomeQuerySet,
    OutcomeState,
    Recommendation,
)
from colloquy.outcomes.models.tagging import TagDecision, TagDecisionKind

__all__ = [
    "Addressee",
    "Commitment",
    "Evidence",
    "FollowUpRound",
    "GoodPractice",
    "KeyMessage",
    "OutcomeBase",
    "OutcomeQuerySet",
    "OutcomeState",
    "ProgressReport",
    "Recommendation",
    "ReminderLog",
    "ReportState",
    "ReportStatus",
    "RoundState",
    "TagDecision",
    "TagDecisionKind",
]
