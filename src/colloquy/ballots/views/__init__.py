from colloquy.ballots.views.ballots import (  # noqa: F401
    ballot_cancel,
    ballot_cast,
    ballot_close,
    ballot_create,
    ballot_decide,
    ballot_detail,
    ballot_list,
    ballot_log,
    ballot_open,
    ballot_receipt,
    ballot_results_page,
)
from colloquy.ballots.views.consultations import (  # noqa: F401
    consultation_create,
    consultation_detail,
    consultation_toggle,
    meeting_link,
    proposal_create,
    suggestion_decline,
    suggestion_merge,
    suggestion_submit,
)
