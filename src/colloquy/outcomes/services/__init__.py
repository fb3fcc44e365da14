"""Business rules for outcomes and follow-up. Views, the API and the CLI call these and nothing else writes."""

from colloquy.outcomes.services.records import (
    good_practice_create,
    good_practice_move,
    good_practice_transition,
    key_message_create,
    key_message_move,
    key_message_transition,
    outcome_move,
    outcome_transition,
    outcome_update,
    outcomes_bulk_transition,
    recommendation_address,
    recommendation_create,
    recommendation_move,
    recommendation_transition,
)
from colloquy.outcomes.services.reports import (
    commitment_report_progress,
    recommendation_report_progress,
    report_add_evidence,
    report_discard,
    report_submit,
)
from colloquy.outcomes.services.rounds import round_close, round_launch, round_reopen, round_send_reminders
from colloquy.outcomes.services.tags import tag_accept, tag_add, tag_reject, tag_remove

__all__ = [
    "commitment_report_progress",
    "good_practice_create",
    "good_practice_move",
    "good_practice_transition",
    "key_message_create",
    "key_message_move",
    "key_message_transition",
    "outcome_move",
    "outcome_transition",
    "outcome_update",
    "outcomes_bulk_transition",
    "recommendation_address",
    "recommendation_create",
    "recommendation_move",
    "recommendation_report_progress",
    "recommendation_transition",
    "report_add_evidence",
    "report_discard",
    "report_submit",
    "round_close",
    "round_launch",
    "round_reopen",
    "round_send_reminders",
    "tag_accept",
    "tag_add",
    "tag_reject",
    "tag_remove",
]
