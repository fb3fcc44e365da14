"""Ballot and consultation pages. Views parse input and call the services; colloquy.core.web guards them.

Secretariat screens are `secretariat_required`. A refused service call reaches the user through
`domain_errors`, except where the error belongs beside a form that is shown again with its input (creating a
ballot or a consultation, recording a decision, casting without htmx): those views catch it to bind it there.

Action URLs (the POST targets of the buttons on a ballot or consultation page) answer a GET with a redirect to
the page they act on: `domain_errors` sends a refused POST back to its own URL with the message, and the login
page returns to the URL it was sent from, so both land on the page instead of a 405.
"""

from colloquy.ballots.views.ballots import (  # noqa: F401
    ballot_cancel,
    ballot_cast,
    ballot_close,
    ballot_create,
    ballot_decide,
    ballot_detail,
    ballot_head,
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
    proposal_carry_over,
    proposal_create,
    suggestion_decline,
    suggestion_merge,
    suggestion_submit,
)
