import datetime

import pytest

from colloquy.dialogues.models import EventFunding, SessionKind, SessionParticipant
from colloquy.outcomes.models import GoodPractice, KeyMessage, Recommendation
from colloquy.registration.models import Participant, Registration

KEY_MESSAGES = [
    "Participants agreed that fair recruitment starts with transparent fees.",
    "Data on labour migration should be shared between countries of origin and destination.",
    "Migrant workers need access to justice wherever they work.",
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def recorded_event(db, make_event, make_cycle, make_session, make_person, make_government, make_organization, media):
    """A held workshop with registrations, a programme (one speaker without consent in the migrants' voices
    session), three key messages in order, two recommendations to two addressees, a practice and a donor."""
    event = make_event(cycle=make_cycle(year=2027), title="Workshop on fair recruitment", kind="workshop", start_date=datetime.date(2027, 4, 20),
                       end_date=datetime.date(2027, 4, 21), city="Geneva", country="CHE")
    ghana, mexico = make_government("GHA", name="Ghana (delegation)"), make_government("MEX", name="Mexico (delegation)")
    ngo = make_organization(name="Migrant Rights Network", category="ngos")
    for org, people in ((ghana, 2), (mexico, 2), (ngo, 1)):
        reg = Registration.objects.create(event=event, organization=org, organization_name=org.name,
                                          category=org.category, country=org.country, contact_email="a@example.org",
                                          state="approved")
        for i in range(people):
            Participant.objects.create(registration=reg, name=f"{org.name} delegate {i}")
    panel = make_session(event, title="Session 1: Recruitment fees", start_time=datetime.time(10, 0),
                         end_time=datetime.time(11, 30))
    chair = make_person(name="Amina Mensah", honorific="Ms.")
    speaker = make_person(name="Carlos Ruiz", honorific="Mr.")
    SessionParticipant.objects.create(session=panel, person=chair, role="chair", organization=ghana)
    SessionParticipant.objects.create(session=panel, person=speaker, role="speaker", organization=mexico)
    voices = make_session(event, title="Migrants' voices", kind=SessionKind.MIGRANTS_VOICES,
                          start_time=datetime.time(14, 0), end_time=datetime.time(15, 0))
    hidden = make_person(name="Secret Witness", consents_to_publication=False, anonymous_label="a domestic worker")
    SessionParticipant.objects.create(session=voices, person=hidden, role="speaker")
    for order, text in enumerate(KEY_MESSAGES):
        KeyMessage.objects.create(event=event, text=text, order=order)
    Recommendation.objects.create(event=event, text="States should cap recruitment fees.", addressee="states", order=0)
    Recommendation.objects.create(event=event, text="Civil society should monitor recruiters.", addressee="civil_society",
                                  order=1)
    GoodPractice.objects.create(event=event, title="Zero-fee recruitment pilot", country="PHL", actor="Department of Labor")
    donor = make_organization(name="Swiss Agency for Development and Cooperation", category="governments", country="CHE")
    EventFunding.objects.create(event=event, donor=donor)
    return event
