"""The registration API's input and output shapes (`api.py` mounts them at /api/registration)."""

import datetime

from ninja import Field, Schema


class ParticipantIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    honorific: str = ""
    title: str = ""
    gender: str = Field("", description="female, male, other or empty")
    role: str = Field("delegate", description="head_of_delegation, delegate, adviser, speaker, participant")
    attendance: str = Field("in_person", description="in_person or remote")
    interpretation_language: str = Field("", description="en, fr, es, ar, ru, zh or empty")
    accessibility_needs: str = ""
    email: str = ""
    consents_to_publication: bool = False


class FileIn(Schema):
    filename: str = Field(..., max_length=200)
    content_base64: str


class RegistrationIn(Schema):
    kind: str = Field("delegation", description="delegation (focal point) or individual")
    organization: str = Field("", description="Secretariat only: slug of the organization whose delegation "
                                              "is registered on its behalf")
    contact_email: str = ""
    note: str = ""
    organization_name: str = Field("", description="Individual applications only")
    category: str = Field("", description="Individual applications only: ngos, academia or private_sector")
    country: str = Field("", description="Individual applications only: ISO 3166-1 alpha-3")
    participants: list[ParticipantIn]
    nomination_letter: FileIn | None = None


class ParticipantOut(Schema):
    name: str
    honorific: str
    title: str
    gender: str
    role: str
    attendance: str
    interpretation_language: str
    accessibility_needs: str
    consents_to_publication: bool


class RegistrationOut(Schema):
    id: int
    event: str
    kind: str
    state: str
    organization_name: str
    category: str
    country: str
    contact_email: str
    created_at: datetime.datetime
    state_changed_at: datetime.datetime
    decision_note: str
    offer_expires_at: datetime.datetime | None = Field(None, description="Deadline of the open offer of a place")
    has_nomination_letter: bool
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_event(obj):
        return obj.event.slug

    @staticmethod
    def resolve_offer_expires_at(obj):
        return obj.offer_expires_at if obj.state == "offered" else None

    @staticmethod
    def resolve_has_nomination_letter(obj):
        return bool(obj.nomination_letter)

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())


class StateIn(Schema):
    state: str = Field(..., description="approved, rejected, waitlisted, offered, withdrawn or attended")
    note: str = ""


class OfferDeclineIn(Schema):
    stay_on_waitlist: bool = Field(False, description="Go back to the end of the waitlist instead of withdrawing")


class SettingsOut(Schema):
    event: str
    is_open: bool
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    capacity: int | None
    places_taken: int
    places_left: int | None
    waitlist_enabled: bool
    note_verbale_required: bool
    individual_applications: bool
    booked_languages: list[str]


class StatisticsRowOut(Schema):
    """One row of a statistics table (a stakeholder category or a region)."""

    key: str
    label: str
    organizations: int
    persons: int


class StatisticsOut(Schema):
    source: str = Field(..., description="registrations, reported (imported totals) or none")
    sentence: str
    persons: int
    persons_reported: str
    in_person: int
    remote: int
    categories: list[StatisticsRowOut]
    regions: list[StatisticsRowOut]
    speakers_total: int
    speakers_women: int
    speakers_men: int
    speakers_unknown: int
    speakers_text: str
    rounded: bool = Field(False, description="Whether the sentence states the total rounded, as the reports do")
