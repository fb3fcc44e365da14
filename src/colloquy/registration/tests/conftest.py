import datetime

import pytest


@pytest.fixture
def reg_event(make_event, make_cycle, forum):
    """A planned IDM workshop in the future with registration open and 10 in-person seats."""
    from colloquy.dialogues.models import EventStatus
    from colloquy.registration.models import RegistrationSettings

    event = make_event(cycle=make_cycle(forum=forum), title="Workshop on Migration and Health",
                       start_date=datetime.date(2031, 5, 6), end_date=datetime.date(2031, 5, 7),
                       status=EventStatus.PLANNED, kind="workshop")
    RegistrationSettings.objects.create(event=event, capacity=10, booked_languages=["en", "fr"])
    return event


@pytest.fixture
def person_row():
    def make(name="Ama Mensah", **kw):
        row = {"name": name, "role": "delegate", "attendance": "in_person"}
        row.update(kw)
        return row

    return make


@pytest.fixture
def submit(person_row):
    """Submit a registration through the service (as the secretariat by default)."""
    from colloquy.registration import services

    def make(event, actor, organization=None, people=1, remote=0, **kw):
        rows = [person_row(f"Person {i}") for i in range(people)]
        rows += [person_row(f"Remote {i}", attendance="remote") for i in range(remote)]
        kw.setdefault("contact_email", "focal@example.org")
        return services.registration_submit(actor=actor, event=event, organization=organization,
                                            participants=rows, **kw)

    return make


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Nomination letters go to a per-test directory, never to the real private store."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
