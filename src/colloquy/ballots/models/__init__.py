"""Theme selection: consultations with proposals and suggestions, ballots with a hash-chained cast log, decisions."""

from colloquy.ballots.models.attempts import RefusedAttempt  # noqa: F401
from colloquy.ballots.models.ballots import (  # noqa: F401
    Ballot,
    BallotMethod,
    BallotOption,
    BallotReminder,
    BallotState,
    CastKind,
    CastLog,
    CurrentBallot,
    Eligibility,
    EligibleOrganization,
    ResultsVisibility,
    Secrecy,
)
from colloquy.ballots.models.consultations import (  # noqa: F401
    Consultation,
    ConsultationMeeting,
    ConsultationState,
    Proposal,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
)
from colloquy.ballots.models.decisions import Decision, DecisionOutcome  # noqa: F401
