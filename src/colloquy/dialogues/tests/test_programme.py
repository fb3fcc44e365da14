import datetime

from colloquy.dialogues.services.sessions import event_programme_warnings, programme_warnings


def _codes(warnings):
    return sorted(w.code for w in warnings)


def test_overlapping_sessions_in_one_room_are_warned_about(make_event, make_session):
    event = make_event(start_date=datetime.date(2007, 3, 25), end_date=datetime.date(2007, 3, 26))
    a = make_session(event, title="Panel A", room="Room XVIII", start_time=datetime.time(10), end_time=datetime.time(11))
    make_session(event, title="Panel B", room="room xviii", start_time=datetime.time(10, 30), end_time=datetime.time(12))
    make_session(event, title="Panel C", room="Room XVIII", start_time=datetime.time(11), end_time=datetime.time(12),
                 date=datetime.date(2007, 3, 26))
    make_session(event, title="Elsewhere", room="Room XIX", start_time=datetime.time(10), end_time=datetime.time(11))
    warnings = event_programme_warnings(event)
    assert _codes(warnings) == ["room_overlap"]
    assert "“Panel A”" in warnings[0].message and "“Panel B”" in warnings[0].message
    assert a.pk in warnings[0].session_ids


def test_back_to_back_sessions_and_coffee_breaks_are_not_conflicts(make_event, make_session):
    event = make_event()
    make_session(event, title="Morning", room="R1", start_time=datetime.time(9), end_time=datetime.time(10))
    make_session(event, title="Late morning", room="R1", start_time=datetime.time(10), end_time=datetime.time(11))
    make_session(event, title="Coffee", kind="break", room="R1", start_time=datetime.time(9, 30), end_time=datetime.time(10))
    assert event_programme_warnings(event) == []


def test_a_speaker_booked_twice_at_once_is_warned_about(make_event, make_session, make_person):
    from colloquy.dialogues.models import SessionParticipant

    event = make_event()
    ana = make_person(name="Ana Ruiz")
    a = make_session(event, title="Labour mobility", room="R1", start_time=datetime.time(10), end_time=datetime.time(11))
    b = make_session(event, title="Remittances", room="R2", start_time=datetime.time(10, 45), end_time=datetime.time(12))
    c = make_session(event, title="Afternoon", room="R2", start_time=datetime.time(14), end_time=datetime.time(15))
    for s in (a, b, c):
        SessionParticipant.objects.create(session=s, person=ana, role="speaker")
    SessionParticipant.objects.create(session=a, person=ana, role="chair")  # two roles in one session: fine
    warnings = event_programme_warnings(event)
    assert _codes(warnings) == ["speaker_double_booked"]
    assert warnings[0].message.startswith("Ana Ruiz is booked in “Labour mobility”")


def test_sessions_outside_the_event_dates_or_without_a_date_are_warned_about(make_event, make_session):
    event = make_event(start_date=datetime.date(2007, 3, 25), end_date=datetime.date(2007, 3, 26))
    make_session(event, title="Early", date=datetime.date(2007, 3, 24))
    make_session(event, title="Late", date=datetime.date(2007, 3, 27))
    make_session(event, title="On time", date=datetime.date(2007, 3, 26))
    make_session(event, title="Undated", date=None)
    warnings = event_programme_warnings(event)
    assert _codes(warnings) == ["no_date", "outside_dates", "outside_dates"]
    assert "25 Mar 2007–26 Mar 2007" in warnings[1].message


def test_programme_warnings_is_pure_and_works_on_plain_objects():
    from types import SimpleNamespace as NS

    event = NS(start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 1, 1), room="Main hall")
    s1 = NS(pk=1, title="One", date=datetime.date(2030, 1, 1), start_time=datetime.time(9), end_time=datetime.time(10), room="", kind="panel")
    s2 = NS(pk=2, title="Two", date=datetime.date(2030, 1, 1), start_time=datetime.time(9, 30), end_time=datetime.time(10), room="", kind="panel")
    warnings = programme_warnings(event, [s1, s2], [(1, 7, "X"), (2, 7, "X")])
    assert _codes(warnings) == ["room_overlap", "speaker_double_booked"]  # both default to the event's room


def test_sessions_starting_at_the_same_time_clash_even_without_end_times():
    from types import SimpleNamespace as NS

    event = NS(start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 1, 1), room="")
    day = datetime.date(2030, 1, 1)
    a = NS(pk=1, title="Keynote", date=day, start_time=datetime.time(9), end_time=None, room="Hall", kind="keynote")
    b = NS(pk=2, title="Panel", date=day, start_time=datetime.time(9), end_time=None, room="hall", kind="panel")
    c = NS(pk=3, title="Later", date=day, start_time=datetime.time(10), end_time=None, room="Hall", kind="panel")
    warnings = programme_warnings(event, [a, b, c], [(1, 7, "Ama"), (2, 7, "Ama"), (3, 7, "Ama")])
    assert [(w.code, w.session_ids) for w in warnings] == [("room_overlap", (1, 2)), ("speaker_double_booked", (1, 2))]
