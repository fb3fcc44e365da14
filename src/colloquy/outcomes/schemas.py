"""The request and response shapes of the outcomes API (api.py)."""

import datetime
import decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from colloquy.core.apischema import Id, Year
from colloquy.outcomes.models import Addressee, OutcomeState, ReportStatus, ResponsePosition


class Filters(Schema):
    forum: str | None = None
    year: Year | None = None
    objective: Id | None = None
    country: str | None = None
    region: str | None = None
    status: str | None = None


class RecommendationRow(Schema):
    id: int
    url: str
    state: str
    text: str
    addressee: str
    addressee_detail: str
    category: str
    forum: str
    year: int | None
    event: str
    event_date: str
    session: str
    gcm_objectives: list[int]
    sdg_targets: list[str]
    sources: list[str]
    addressed_organizations: list[str]
    n_not_started: int
    n_in_progress: int
    n_implemented: int
    n_not_applicable: int
    n_no_report: int


class PracticeRow(Schema):
    id: int
    url: str
    state: str
    title: str
    description: str
    country: str
    actor: str
    presenter: str
    forum: str
    year: int | None
    event: str
    event_date: str
    session: str
    gcm_objectives: list[int]
    sdg_targets: list[str]
    sources: list[str]


class CommitmentRow(Schema):
    id: int
    url: str
    organization: str
    country: str
    text: str
    target_date: str
    forum: str
    year: int | None
    event: str
    event_date: str
    session: str
    gcm_objectives: list[int]
    sdg_targets: list[str]
    sources: list[str]
    latest_status: str
    latest_version: int | None
    latest_report_date: str


class StatusRow(Schema):
    kind: str
    record_id: int
    url: str
    organization: str
    country: str
    region: str
    year: int | None
    gcm_objectives: list[int]
    status: str
    version: int | None
    submitted_at: str
    indicator_label: str
    indicator_value: str
    narrative: str
    response: str = Field(description="The addressee's formal response (supported, noted, under_consideration) or empty")
    responsible_institution: str


class EvidenceOut(Schema):
    url: str
    file: str | None
    label: str


class ReportOut(Schema):
    id: int
    kind: str
    target_id: int
    organization: str
    organization_id: int
    state: str
    version: int | None
    status: str
    narrative: str
    indicator_label: str
    indicator_value: decimal.Decimal | None
    indicator_id: int | None
    submitted_at: datetime.datetime | None
    evidence: list[EvidenceOut]


class ReportIn(Schema):
    recommendation_id: Id | None = None
    commitment_id: Id | None = None
    organization_id: Id | None = Field(None, description="Secretariat only: the member reported for. Focal points: omit.")
    status: ReportStatus
    narrative: str = ""
    evidence_links: list[str] = []
    indicator_label: str = ""
    indicator_value: decimal.Decimal | None = None
    indicator_id: Id | None = Field(None, description="An indicator of this recommendation and organization: submitting sets its current value to indicator_value")
    submit: bool = Field(True, description="False saves a private draft")


class RoundOut(Schema):
    id: int
    title: str
    state: str
    deadline: datetime.date
    addressed: int
    responded: int
    partial: int
    response_rate: float


class ResponseRow(Schema):
    id: int
    recommendation_id: int
    url: str
    organization: str
    country: str
    position: str
    responded_on: str
    responsible_institution: str
    text: str


class IndicatorRow(Schema):
    id: int
    recommendation_id: int
    url: str
    organization: str
    country: str
    label: str
    unit: str
    baseline: str
    target: str
    target_date: str
    current_value: str
    current_as_of: str
    percent_of_target: int


class ClusterRow(Schema):
    id: int
    url: str
    title: str
    note: str
    recommendation_ids: list[int]


Amount = Annotated[decimal.Decimal, Field(max_digits=16, decimal_places=2)]


class ResponseIn(Schema):
    recommendation_id: Id
    organization_id: Id | None = Field(None, description="Secretariat only: the addressee answered for. Focal points: omit.")
    position: ResponsePosition
    responded_on: datetime.date
    text: str = Field("", max_length=20000)
    responsible_institution: str = Field("", max_length=300)


class IndicatorIn(Schema):
    recommendation_id: Id
    organization_id: Id | None = Field(None, description="Secretariat only: the addressee. Focal points: omit.")
    label: str = Field(min_length=1, max_length=200)
    unit: str = Field("", max_length=40)
    baseline: Amount
    target: Amount
    target_date: datetime.date
# --- the rapporteur's desk (secretariat) ------------------------------------------------------------------------

DeskKind = Literal["message", "recommendation", "practice"]
Direction = Literal["up", "down"]


class DeskItemOut(Schema):
    kind: DeskKind
    id: int
    event: str = Field(description="The event's slug")
    state: OutcomeState
    order: int
    text: str = Field(description="A key message's or recommendation's text; a practice's title")
    description: str
    addressee: str
    addressee_detail: str
    category: str
    country: str
    actor: str
    session_id: int | None
    speaker_id: int | None
    gcm_objectives: list[int]


class DeskItemIn(Schema):
    kind: DeskKind
    event: str = Field(..., min_length=1, max_length=110, description="The event's slug")
    text: str = Field(..., min_length=1, max_length=5000,
                      description="A key message's or recommendation's text; a practice's title (up to 300 characters)")
    description: str = Field("", max_length=5000, description="Practices only")
    addressee: Addressee = Field(Addressee.STATES, description="Recommendations only")
    addressee_detail: str = Field("", max_length=200, description="Recommendations only")
    category: str = Field("", max_length=200, description="Recommendations only")
    country: str = Field("", max_length=3, description="Practices only: ISO3 code")
    actor: str = Field("", max_length=300, description="Practices only: who runs the practice")
    speaker_id: Id | None = Field(None, description="The session participant it came from (sets the session)")
    session_id: Id | None = None
    gcm_objectives: list[Annotated[int, Field(ge=1, le=23)]] = Field([], max_length=23)
    state: OutcomeState = Field(OutcomeState.DRAFT, description="New desk items are drafts unless said otherwise")


class TransitionIn(Schema):
    target: OutcomeState


class MoveIn(Schema):
    direction: Direction
class TagSuggestionOut(Schema):
    code: str = Field(description='GCM objective number ("20") or SDG target code ("10.c")')
    title: str
    score: float
    method: str = Field(description="keywords, embedding or both")
    keywords: list[str]


class TagSuggestionsOut(Schema):
    semantic: bool = Field(description="False when the language model is unavailable: keyword rules only")
    notice: str
    gcm: list[TagSuggestionOut]
    sdg: list[TagSuggestionOut]
