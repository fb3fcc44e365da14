"""Business rules for theme selection. Views, the API and the CLI call these; nothing else writes."""

from colloquy.ballots.services.ballots import (  # noqa: F401
    BALLOT_TRANSITIONS,
    ballot_cancel,
    ballot_close,
    ballot_close_due,
    ballot_create,
    ballot_open,
    ballot_update,
)
from colloquy.ballots.services.casting import ballot_cast, normalize_choices  # noqa: F401
from colloquy.ballots.services.consultations import (  # noqa: F401
    consultation_close,
    consultation_create,
    consultation_link_meeting,
    proposal_carry_over,
    proposal_create,
    suggestion_decline,
    suggestion_merge,
    suggestion_submit,
)
from colloquy.ballots.services.decisions import ballot_decide  # noqa: F401
from colloquy.ballots.services.reminders import ballot_send_reminders  # noqa: F401
