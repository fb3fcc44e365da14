"""API shapes for calls and answers. Every string in an input has a bound (the model's column length)."""

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import AwareDatetime, Field

from colloquy.calls.models import CallKind, ResponseStatus
from colloquy.core.apischema import Id


class CallOut(Schema):
    id: int
    kind: str
    title: str
    description: str
    event_id: int | None
    cycle_id: int | None
    deadline: datetime.datetime
    state: str
    accepting: bool


class CallDeadlineIn(Schema):
    deadline: AwareDatetime
    note: Annotated[str, Field(max_length=2000)] = ""


class CallIn(Schema):
    kind: CallKind
    title: Annotated[str, Field(min_length=1, max_length=300)]
    description: Annotated[str, Field(max_length=10_000)] = ""
    event_id: Id | None = None
    cycle_id: Id | None = None
    deadline: AwareDatetime = Field(description="With its UTC offset, e.g. 2027-03-01T17:00:00+01:00")


class CallResponseIn(Schema):
    name: Annotated[str, Field(max_length=200)] = ""
    email: Annotated[str, Field(max_length=254)] = ""
    affiliation: Annotated[str, Field(max_length=300)] = ""
    title: Annotated[str, Field(max_length=300)] = ""
    country: Annotated[str, Field(max_length=3)] = ""
    summary: Annotated[str, Field(max_length=20_000)] = ""


class CallResponseOut(Schema):
    id: int
    call_id: int
    organization: str
    organization_id: int
    status: str
    name: str
    affiliation: str
    title: str
    country: str
    summary: str
    has_file: bool
    created_at: datetime.datetime
    session_participant_id: int | None
    good_practice_id: int | None
    consent: str


class CallDecisionIn(Schema):
    status: ResponseStatus
    note: Annotated[str, Field(max_length=2000)] = ""
    session_id: Id | None = Field(None, description="Accepting a speaker: the session of the call's event")
    role: Annotated[str, Field(max_length=20)] = "speaker"
