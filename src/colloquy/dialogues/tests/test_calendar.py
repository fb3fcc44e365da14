import datetime
import zoneinfo

from icalendar import Calendar

from colloquy.dialogues.calendar import event_calendar
from colloquy.dialogues.models import SessionParticipant


def test_ical_has_one_vevent_per_session_in_the_event_time_zone(client, make_event, make_session, make_person):
    event = make_event(title="Expert seminar", start_date=datetime.date(2007, 2, 22), timezone="Asia/Bangkok", city="Bangkok")
    s1 = make_session(event, title="Opening", start_time=datetime.time(9, 0), end_time=datetime.time(9, 30))
    make_session(event, title="Panel", start_time=datetime.time(10, 0), end_time=datetime.time(12, 0))
    SessionParticipant.objects.create(session=s1, person=make_person(name="Ana Ruiz"), role="chair")
    response = client.get(f"/events/{event.slug}/calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    vevents = cal.walk("VEVENT")
    assert [str(v["SUMMARY"]) for v in vevents] == ["Opening — Expert seminar", "Panel — Expert seminar"]
    start = vevents[0].decoded("DTSTART")
    assert start == datetime.datetime(2007, 2, 22, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))
    assert start.astimezone(datetime.UTC).hour == 2
    assert vevents[0]["DTSTART"].params["TZID"] == "Asia/Bangkok"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Bangkok"]
    assert "Chair: Ana Ruiz" in str(vevents[0]["DESCRIPTION"])
    assert len({str(v["UID"]) for v in vevents}) == 2


def test_ical_without_programme_is_one_all_day_event(make_event):
    event = make_event(start_date=datetime.date(2007, 3, 25), end_date=datetime.date(2007, 3, 26))
    vevents = Calendar.from_ical(event_calendar(event)).walk("VEVENT")
    assert len(vevents) == 1
    assert vevents[0].decoded("DTSTART") == datetime.date(2007, 3, 25)
    assert vevents[0].decoded("DTEND") == datetime.date(2007, 3, 27)


def test_ical_hides_the_name_of_a_speaker_without_consent(make_event, make_session, make_person):
    event = make_event()
    session = make_session(event)
    SessionParticipant.objects.create(session=session, person=make_person(name="Secret Person", consents_to_publication=False), role="speaker")
    body = event_calendar(event).decode()
    assert "Secret Person" not in body
    assert "a migrant representative" in body
