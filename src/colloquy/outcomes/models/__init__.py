"""Outcome records (records.py), follow-up (followup.py), tracker-style responses, indicators and clusters (tracking.py) and tag decisions (tagging.py)."""

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
from colloquy.outcomes.models.tracking import (
    AddresseeResponse,
    Indicator,
    RecommendationCluster,
    ResponsePosition,
)

__all__ = [
    "Addressee",
    "AddresseeResponse",
    "Commitment",
    "Evidence",
    "FollowUpRound",
    "GoodPractice",
    "Indicator",
    "KeyMessage",
    "OutcomeBase",
    "OutcomeQuerySet",
    "OutcomeState",
    "ProgressReport",
    "Recommendation",
    "RecommendationCluster",
    "ReminderLog",
    "ReportState",
    "ReportStatus",
    "ResponsePosition",
    "RoundState",
    "TagDecision",
    "TagDecisionKind",
]
