"""Request and response schemas of the ballots API (api.py)."""

import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AwareDatetime

from colloquy.ballots.models import BallotMethod, Eligibility, ResultsVisibility, Secrecy
from colloquy.core.apischema import Id
from colloquy.dialogues.models import ThemeLevel


class OptionOut(Schema):
    id: int
    label: str
    description: str
    order: int


class BallotOut(Schema):
    id: int
    title: str
    description: str
    forum: str
    year: int
    level: str
    method: str
    max_choices: int
    seats: int
    eligibility: str
    secrecy: str
    results_visibility: str
    quorum_percent: int
    state: str
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime
    accepting: bool
    options: list[OptionOut]

    @staticmethod
    def resolve_forum(obj):
        return obj.cycle.forum.slug

    @staticmethod
    def resolve_year(obj):
        return obj.cycle.year

    @staticmethod
    def resolve_accepting(obj):
        return obj.is_accepting()

    @staticmethod
    def resolve_options(obj):
        return list(obj.options.all())


class BallotIn(Schema):
    cycle_id: Id
    title: str
    description: str = ""
    method: BallotMethod
    options: list[str] = Field(default_factory=list, description="Option labels; empty = the consultation's proposals")
    consultation_id: Id | None = None
    max_choices: Annotated[int, Field(ge=1, le=1000)] = 1
    level: ThemeLevel = ThemeLevel.OVERARCHING
    seats: Annotated[int, Field(ge=1, le=1000)] = 1
    eligibility: Eligibility = Eligibility.MEMBER_STATES
    secrecy: Secrecy = Secrecy.CONFIDENTIAL
    results_visibility: ResultsVisibility = ResultsVisibility.AFTER_CLOSE
    quorum_percent: Annotated[int, Field(ge=0, le=100)] = 50
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime


class BallotPatch(Schema):
    title: str | None = None
    description: str | None = None
    method: BallotMethod | None = None
    max_choices: Annotated[int, Field(ge=1, le=1000)] | None = None
    eligibility: Eligibility | None = None
    secrecy: Secrecy | None = None
    results_visibility: ResultsVisibility | None = None
    quorum_percent: Annotated[int, Field(ge=0, le=100)] | None = None
    opens_at: datetime.datetime | None = None
    closes_at: datetime.datetime | None = None


class ConsultationIn(Schema):
    cycle_id: Id
    title: str
    level: ThemeLevel = ThemeLevel.OVERARCHING
    description: str = ""
    deadline: AwareDatetime | None = Field(None, description="Suggestions close at this moment (with its UTC offset)")


class ConsultationOut(Schema):
    id: int
    cycle_id: Id
    title: str
    level: str
    state: str
    deadline: datetime.datetime | None = None


class ProposalIn(Schema):
    title: str
    rationale: str = ""
    guiding_questions: list[str] = Field(default_factory=list)
    gcm_objectives: list[Id] = Field(default_factory=list, description="GCM objective numbers (1-23)")
    document_ids: list[Id] = Field(default_factory=list)


class ProposalOut(Schema):
    id: int
    title: str
    rationale: str
    guiding_questions: list[str]
    gcm_objectives: list[int]
    documents: list[int]
    carried_from_id: int | None = None

    @staticmethod
    def resolve_guiding_questions(obj):
        return obj.questions

    @staticmethod
    def resolve_gcm_objectives(obj):
        return sorted(o.number for o in obj.gcm_objectives.all())

    @staticmethod
    def resolve_documents(obj):
        return sorted(d.pk for d in obj.documents.all())


class DeclineIn(Schema):
    reason: str


class MergeIn(Schema):
    into_proposal_id: Id | None = Field(None, description="Empty: the suggestion becomes a new proposal")


class CastIn(Schema):
    choices: list[Id] = Field(description="Option ids; in order of preference for ranked ballots")


class ReceiptOut(Schema):
    ballot: int
    organization: str
    seq: int
    receipt: str = Field(description="The log entry hash")
    choice_digest: str
    cast_at: datetime.datetime
    cast_by: str
    choices: list[int]


class CancelIn(Schema):
    reason: str


class DecisionIn(Schema):
    rationale: str
    adopt: bool = True
    options: list[Id] | None = None


class DecisionOut(Schema):
    ballot: int
    outcome: str
    rationale: str
    quorum_met: bool
    adopted: list[str]
    themes: list[int]


class ResultRowOut(Schema):
    """One line of a results breakdown (turnout, a region, a membership status)."""

    label: str
    eligible: int
    cast: int
    percent: float


class CountOut(Schema):
    option: int
    label: str
    votes: int


class TallyRoundOut(Schema):
    number: int
    counts: dict[str, int]
    exhausted: int
    eliminated: str
    winner: str
    tie_break: str


class ResultsOut(Schema):
    ballot: int
    state: str
    method: str
    counts: list[CountOut]
    winner: str | None
    tied: list[str]
    rounds: list[TallyRoundOut]
    turnout: ResultRowOut
    by_region: list[ResultRowOut]
    by_status: list[ResultRowOut]
    quorum_needed: int
    quorum_met: bool


class VerifyOut(Schema):
    ballot: int
    ok: bool
    entries: int
    casts: int
    refusals: int
    problems: list[str]


class SuggestionIn(Schema):
    text: str
    title: str = ""
    proposal_id: Id | None = None


class SuggestionOut(Schema):
    id: int
    kind: str
    status: str
    organization: str

    @staticmethod
    def resolve_organization(obj):
        return str(obj.organization)


class MemoryOut(Schema):
    """A theme proposed in an earlier cycle (or not selected in this one), with its votes (ballots/memory.py)."""
    proposal_id: int
    title: str
    rationale: str
    forum: str
    cycle_year: int
    selected: bool
    total_votes: int
    score: float = Field(description="Similarity to the title asked about (0-1); 0 for a cycle's not-selected list")
    matched_on: str = Field(description='"title" (fuzzy), "meaning" (semantic), or "" for a not-selected list')


class CarryOverIn(Schema):
    source_proposal_id: Id = Field(description="The earlier cycle's proposal to carry over")
    into_proposal_id: Id | None = Field(None, description="A proposal of this consultation to link it to instead")
    suggestion_id: Id | None = Field(None, description="A member's pending suggestion to merge into the new proposal")
