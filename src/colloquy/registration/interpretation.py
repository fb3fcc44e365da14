"""Interpretation planning: languages requested by registrants against languages booked."""

from collections import Counter
from dataclasses import dataclass

from colloquy.dialogues.models import LANGUAGE_CHOICES
from colloquy.registration.models import Participant, RegistrationSettings, RegistrationState

# Live registrations: every one of them may still be in the room (an open offer holds its seats).
ACTIVE = (RegistrationState.PENDING, RegistrationState.WAITLISTED, RegistrationState.OFFERED,
          RegistrationState.APPROVED, RegistrationState.ATTENDED)


@dataclass
class LanguageRow:
    code: str
    label: str
    requested: int
    booked: bool

    @property
    def missing(self) -> bool:
        return self.requested > 0 and not self.booked


def booked_languages(event) -> list[str]:
    settings = RegistrationSettings.objects.filter(event=event).first()
    if settings and settings.booked_languages:
        return list(settings.booked_languages)
    return list(event.interpretation_languages or [])


def interpretation_plan(event) -> list[LanguageRow]:
    """One row per language requested or booked; requests count persons in live registrations."""
    requested = Counter(
        Participant.objects.filter(registration__event=event, registration__state__in=ACTIVE)
        .exclude(interpretation_language="").values_list("interpretation_language", flat=True)
    )
    booked = set(booked_languages(event))
    labels = dict(LANGUAGE_CHOICES)
    codes = [c for c, _ in LANGUAGE_CHOICES if c in booked or c in requested]
    return [LanguageRow(c, labels[c], requested.get(c, 0), c in booked) for c in codes]


def interpretation_warnings(event) -> list[str]:
    return [f"{row.label} is requested by {row.requested} participant{'s' if row.requested != 1 else ''} "
            f"but not booked." for row in interpretation_plan(event) if row.missing]
