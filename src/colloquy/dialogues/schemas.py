"""The record API's output shapes (`api.py` mounts them at /api)."""

import datetime

from ninja import Field, Schema

from colloquy.dialogues.models import in_programme_order


class ForumOut(Schema):
    name: str
    acronym: str
    slug: str


class CycleOut(Schema):
    id: int
    forum: str
    year: int
    overarching_theme: str
    state: str

    @staticmethod
    def resolve_forum(obj):
        return obj.forum.slug


class DonorOut(Schema):
    """A donor named for an event (amounts: /api/funding/pledges, for who may see them)."""

    id: int
    name: str
    url: str

    @staticmethod
    def resolve_id(obj):
        return obj.donor_id

    @staticmethod
    def resolve_name(obj):
        return obj.donor.name

    @staticmethod
    def resolve_url(obj):
        return obj.donor.get_absolute_url()


class EventOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    status: str
    forum: str
    year: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    timezone: str
    city: str
    country: str
    venue: str
    participants_total: int | None
    participants_reported: str
    interpretation_languages: list[str]
    working_language: str
    funding_status: str
    donors: list[DonorOut]
    url: str

    @staticmethod
    def resolve_forum(obj):
        return obj.cycle.forum.slug

    @staticmethod
    def resolve_year(obj):
        return obj.cycle.year

    @staticmethod
    def resolve_donors(obj):
        return list(obj.funding.all())

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class PersonRefOut(Schema):
    role: str
    name: str
    affiliation: str


class SessionOut(Schema):
    id: int
    date: datetime.date | None
    # Local wall-clock times at the event (its time zone is the event's `timezone`), "HH:MM:SS". A plain string,
    # not JSON Schema's `format: time`, which demands a UTC offset that a programme's local time does not have.
    start_time: str | None = Field(None, pattern=r"^\d{2}:\d{2}:\d{2}$")
    end_time: str | None = Field(None, pattern=r"^\d{2}:\d{2}:\d{2}$")
    title: str
    kind: str
    room: str
    people: list[PersonRefOut]

    @staticmethod
    def resolve_start_time(obj):
        return obj.start_time.isoformat(timespec="seconds") if obj.start_time else None

    @staticmethod
    def resolve_end_time(obj):
        return obj.end_time.isoformat(timespec="seconds") if obj.end_time else None

    @staticmethod
    def resolve_people(obj):
        return [
            {"role": p.role, "name": p.person.public_name,
             "affiliation": p.affiliation_text if p.person.consents_to_publication else ""}
            for p in in_programme_order(obj.participants.all())
        ]


class EventDetailOut(EventOut):
    sessions: list[SessionOut]

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.prefetch_related("participants__person", "participants__organization"))


class DocumentVersionOut(Schema):
    id: int = Field(alias="pk")
    language: str
    language_name: str = Field(description="The language named in itself (Français, Español)")
    title: str
    url: str


class DocumentOut(Schema):
    id: int
    title: str
    symbol: str
    date: datetime.date | None
    language: str
    doc_type: str
    access: str
    event_id: int | None
    cycle_id: int | None
    versions: list[DocumentVersionOut] = Field(
        default_factory=list, description="The same document (same symbol) in other languages, visible to the caller")

    @staticmethod
    def resolve_versions(obj):
        return [v for v in getattr(obj, "language_versions", []) if v.language != obj.language]
