"""Demonstration records for the running parts of Colloquy: outcomes with follow-up, an upcoming event open
for registration. These are NOT historical facts: every such record says "demonstration" in its text.
(The historical archive itself comes from shared/reference facts; see loader.py.)

Idempotent: natural keys are looked up before anything is created; services write the audit trail.
"""

import datetime

from django.utils import timezone

from colloquy.ballots.models import Ballot
from colloquy.ballots.services.ballots import ballot_create, ballot_open
from colloquy.ballots.services.consultations import consultation_create, proposal_create
from colloquy.core.access import SYSTEM
from colloquy.dialogues.models import Cycle, CycleState, Event, EventKind, EventStatus, Forum
from colloquy.directory.models import Organization
from colloquy.outcomes.models import (
    Commitment,
    FollowUpRound,
    GoodPractice,
    KeyMessage,
    ProgressReport,
    Recommendation,
)
from colloquy.outcomes.services import (
    commitment_report_progress,
    good_practice_create,
    key_message_create,
    recommendation_address,
    recommendation_create,
    recommendation_report_progress,
    round_launch,
)
from colloquy.reference.models import GcmObjective, SdgTarget
from colloquy.registration.models import RegistrationSettings

DEMO = "Demonstration record"

KEY_MESSAGES = [
    "Labour mobility arrangements work best when countries of origin and destination exchange information on "
    "labour supply and demand.",
    "Protecting the rights of migrant workers is a precondition for the development benefits of labour migration.",
]
RECOMMENDATIONS = [
    ("states", "Labour migration arrangements",
     "Spell out the conditions of entry, stay, work and return in bilateral labour migration agreements.", [5, 6], ["8.8", "10.7"]),
    ("international_organizations", "Capacity building",
     "Support countries of origin in building capacity to manage labour migration, including pre-departure training.",
     [18], ["10.7"]),
    ("states", "Remittances",
     "Lower the cost of sending remittances and encourage their productive investment.", [20], ["10.c"]),
]


def _tags(obj, objectives, targets):
    obj.gcm_objectives.set(GcmObjective.objects.filter(number__in=objectives))
    obj.sdg_targets.set(SdgTarget.objects.filter(code__in=targets))


def load_outcomes() -> dict:
    event = Event.objects.get(title="Key Migration Issues: Labour Migration (with ILO)")
    for order, text in enumerate(KEY_MESSAGES):
        if not KeyMessage.objects.filter(event=event, text=text).exists():
            key_message_create(actor=SYSTEM, event=event, text=text, order=order)
    members = list(Organization.objects.filter(memberships__forum__slug="idm", category="governments").distinct())
    recommendations = []
    for order, (addressee, category, text, objectives, targets) in enumerate(RECOMMENDATIONS):
        rec = Recommendation.objects.filter(event=event, text=text).first()
        if rec is None:
            rec = recommendation_create(actor=SYSTEM, event=event, text=text, addressee=addressee, category=category,
                                        order=order)
            _tags(rec, objectives, targets)
            if addressee == "states":
                recommendation_address(recommendation=rec, organizations=members, actor=SYSTEM)
        recommendations.append(rec)
    practice_title = "Seasonal agricultural workers programme (Mexico–Canada)"
    if not GoodPractice.objects.filter(event=event, title=practice_title).exists():
        practice = good_practice_create(
            actor=SYSTEM, event=event, title=practice_title, country="MEX",
            practice_actor="Mexican Ministry of Labour and Social Security with Canadian employers",
            description="A bilateral arrangement in place since 1974 that matches seasonal demand in Canadian "
                        "agriculture with Mexican workers; employers provide housing and medical care.")
        _tags(practice, [5, 6], ["8.8"])
    ghana = Organization.objects.get(category="governments", country="GHA")
    commitment, created = Commitment.objects.get_or_create(
        organization=ghana, text=f"{DEMO}: publish an implementation plan for the national labour migration policy.",
        defaults={"target_date": datetime.date(2027, 6, 30), "event": event, "cycle": event.cycle},
    )
    if created:
        _tags(commitment, [6], ["10.7"])
        commitment_report_progress(commitment=commitment, status="in_progress", actor=SYSTEM,
                                   narrative=f"{DEMO}: a draft plan is under inter-ministerial review.")
    # The round opens first, so the demonstration reports below count towards its response rate.
    title = f"{DEMO}: follow-up on the 2006 labour migration workshop"
    if not FollowUpRound.objects.filter(title=title).exists():
        round_launch(title=title, recommendations=[recommendations[0], recommendations[2]], organizations=members,
                     deadline=timezone.localdate() + datetime.timedelta(days=60), actor=SYSTEM,
                     forum=Forum.objects.get(slug="idm"), notify=False)
    first = recommendations[0]
    if not ProgressReport.objects.filter(recommendation=first, organization=ghana).exists():
        recommendation_report_progress(recommendation=first, organization=ghana, status="implemented", actor=SYSTEM,
                                       narrative=f"{DEMO}: model clauses on entry, stay, work and return are used in new agreements.",
                                       evidence_links=["https://example.org/demo-evidence"])
    philippines = Organization.objects.get(category="governments", country="PHL")
    if not ProgressReport.objects.filter(recommendation=recommendations[2], organization=philippines).exists():
        recommendation_report_progress(recommendation=recommendations[2], organization=philippines, status="in_progress",
                                       actor=SYSTEM, narrative=f"{DEMO}: a remittance price comparison service is being piloted.")
    if not ProgressReport.objects.filter(recommendation=first, organization=philippines).exists():
        recommendation_report_progress(recommendation=first, organization=philippines, status="in_progress", actor=SYSTEM,
                                       narrative=f"{DEMO}: bilateral agreements are being reviewed against the model clauses.")
    return {"recommendations": len(recommendations)}


def load_upcoming_event() -> Event:
    """An upcoming IDM workshop, open for registration (demonstration)."""
    idm = Forum.objects.get(slug="idm")
    today = timezone.localdate()
    year = today.year + 1
    cycle, _ = Cycle.objects.get_or_create(forum=idm, year=year, defaults={"state": CycleState.THEME_SELECTION})
    title = "Demonstration workshop: migration data for policy"
    event = Event.objects.filter(cycle=cycle, title=title).first()
    if event is None:
        start = datetime.date(year, 3, 16)
        event = Event.objects.create(
            cycle=cycle, title=title, kind=EventKind.WORKSHOP, status=EventStatus.CONFIRMED, start_date=start,
            end_date=start + datetime.timedelta(days=1), city="Geneva", country="CHE", timezone="Europe/Zurich",
            venue="Palais des Nations", interpretation_languages=["en", "fr", "es"],
            description=f"{DEMO}: an upcoming workshop to try registration of delegations.",
        )
    RegistrationSettings.objects.get_or_create(
        event=event, defaults={"capacity": 150, "booked_languages": ["en", "fr", "es"],
                               "closes_at": datetime.datetime(year, 3, 1, 16, 0, tzinfo=datetime.UTC)},
    )
    return event


THEME_PROPOSALS = [
    ("Migration data for evidence-based policy", "Demonstration proposal: how States collect, share and use migration data.", [1]),
    ("Regular pathways and skills mobility", "Demonstration proposal: labour mobility, skills recognition and fair recruitment.", [5, 6, 18]),
    ("Human mobility and climate change", "Demonstration proposal: displacement and migration in the context of climate change.", [2]),
]


def load_theme_ballot(event) -> None:
    """A consultation and an open ballot on next year's overarching theme (demonstration)."""
    cycle = event.cycle
    title = f"{DEMO}: overarching theme of IDM {cycle.year}"
    if Ballot.objects.filter(title=title).exists():
        return
    consultation = consultation_create(actor=SYSTEM, cycle=cycle, title=f"{DEMO}: informal consultations on the {cycle.year} theme")
    for name, rationale, objectives in THEME_PROPOSALS:
        proposal_create(actor=SYSTEM, consultation=consultation, title=name, rationale=rationale,
                        gcm_objectives=GcmObjective.objects.filter(number__in=objectives))
    ballot = ballot_create(actor=SYSTEM, cycle=cycle, title=title, method="single", consultation=consultation,
                           closes_at=timezone.now() + datetime.timedelta(days=14))
    ballot_open(actor=SYSTEM, ballot=ballot)
