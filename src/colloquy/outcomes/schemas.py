"""The request and response shapes of the outcomes API (api.py)."""

import datetime
import decimal

from ninja import Field, Schema

from colloquy.core.apischema import Id, Year
from colloquy.outcomes.models import ReportStatus


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
