"""End to end through the desk: what the secretariat enters in the programme editor and the materials screen,
and what each public output (event page, programme PDF, iCal, API, search) then shows to a visitor."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from colloquy.dialogues.models import Document, SessionParticipant


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def desk_event(make_event, make_cycle, forum, make_organization):
    make_organization(name="International Organization for Migration", acronym="IOM")
    return make_event(cycle=make_cycle(forum=forum), title="Seminar on Labour Mobility", start_date=datetime.date(2031, 9, 8),
                      end_date=datetime.date(2031, 9, 8), kind="seminar")


def _editor(client, secretariat, event):
    """Build a programme through the desk's htmx endpoints, as the editor's forms post it."""
    client.force_login(secretariat)
    new = reverse("registration:session-new", args=[event.slug])
    for title, kind, start, end in [("Opening", "opening", "09:00", "09:30"),
                                    ("Migrants' voices", "migrants_voices", "09:30", "11:00")]:
        response = client.post(new, {"date": "2031-09-08", "start_time": start, "end_time": end, "title": title,
                                     "kind": kind, "room": "Room XVIII", "description": ""}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
    voices = event.sessions.get(title="Migrants' voices")
    add = reverse("registration:session-person-add", args=[voices.pk])
    people = [
        {"person_name": "Nadia Moderator", "role": "moderator", "consents_to_publication": "on"},
        {"person_name": "Ruth Visible", "role": "speaker", "organization_name": "IOM",
         "affiliation_title": "Policy Officer", "consents_to_publication": "on"},
        {"person_name": "Zubair Hidden", "role": "speaker", "organization_name": "IOM",
         "affiliation_title": "Community Organizer"},  # the box is unticked: no consent
        {"person_name": "Dora Discussant", "role": "discussant", "consents_to_publication": "on"},
    ]
    for row in people:
        assert client.post(add, {"anonymous_label": "a migrant representative", **row},
                           HTTP_HX_REQUEST="true").status_code == 200
    client.logout()
    return voices


@pytest.mark.slow
def test_a_speaker_who_does_not_consent_appears_only_as_a_migrant_representative_in_every_public_output(
        client, desk_event, secretariat):
    voices = _editor(client, secretariat, desk_event)
    assert SessionParticipant.objects.filter(session=voices).count() == 4

    page = client.get(desk_event.get_absolute_url()).content.decode()
    assert "Ruth Visible" in page and "a migrant representative" in page
    pdf = pdf_text(client.get(reverse("registration:programme-pdf", args=[desk_event.slug])).content)
    assert "Ruth Visible" in pdf and "a migrant representative" in pdf
    whole = client.get(reverse("public:event-ical", args=[desk_event.slug])).content
    one = client.get(reverse("registration:session-ical", args=[desk_event.slug, voices.pk])).content
    api = client.get(f"/api/events/{desk_event.slug}").content.decode()
    assert "a migrant representative" in api
    search = client.get("/api/search", {"q": "Zubair"}).json()
    hits = client.get("/api/search", {"q": "Ruth Visible"}).json()["hits"]
    assert "session" in {h["kind"] for h in hits}  # the session is indexed with the names that may be shown
    for output in (page, pdf, whole.decode(), one.decode(), api):
        assert "Zubair" not in output and "Hidden" not in output
        assert "Community Organizer" not in output  # the affiliation would identify the person too
    assert search["total"] == 0


def test_withdrawn_consent_removes_the_name_from_the_sessions_search_entries(client, desk_event, secretariat):
    voices = _editor(client, secretariat, desk_event)
    assert "session" in {h["kind"] for h in client.get("/api/search", {"q": "Ruth Visible"}).json()["hits"]}
    ruth = voices.participants.get(person__name="Ruth Visible").person
    ruth.consents_to_publication = False
    ruth.save()
    assert client.get("/api/search", {"q": "Ruth Visible"}).json()["total"] == 0
    assert "Ruth Visible" not in client.get(desk_event.get_absolute_url()).content.decode()


@pytest.mark.slow
def test_chairs_come_first_and_speakers_and_discussants_keep_the_order_set_in_the_editor(
        client, desk_event, secretariat):
    voices = _editor(client, secretariat, desk_event)
    client.force_login(secretariat)
    dora = voices.participants.get(person__name="Dora Discussant")
    for _ in range(2):  # move the discussant to the top of the speakers
        client.post(reverse("registration:session-person-change", args=[dora.pk, "up"]), HTTP_HX_REQUEST="true")
    expected = ["Nadia Moderator", "Dora Discussant", "Ruth Visible", "a migrant representative"]

    def order_in(text):
        return sorted(expected, key=text.index)

    editor = client.get(reverse("registration:programme-editor", args=[desk_event.slug])).content.decode()
    card = editor[editor.index(f'id="session-{voices.pk}"'):]
    card = card[:card.index("</article>")].replace("Zubair Hidden", "a migrant representative")
    assert order_in(card) == expected
    client.logout()
    assert order_in(client.get(desk_event.get_absolute_url()).content.decode()) == expected
    assert order_in(pdf_text(client.get(reverse("registration:programme-pdf", args=[desk_event.slug])).content)) == expected
    api = client.get(f"/api/events/{desk_event.slug}").json()
    session = next(s for s in api["sessions"] if s["title"] == "Migrants' voices")
    assert [p["name"] for p in session["people"]] == expected
    ical = Calendar.from_ical(client.get(reverse("registration:session-ical", args=[desk_event.slug, voices.pk])).content)
    description = str(next(iter(ical.walk("VEVENT")))["description"])
    assert order_in(description) == expected


def test_session_ical_is_in_the_event_time_zone(client, desk_event, secretariat):
    voices = _editor(client, secretariat, desk_event)
    cal = Calendar.from_ical(client.get(reverse("registration:session-ical", args=[desk_event.slug, voices.pk])).content)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == [desk_event.timezone]
    vevent = next(iter(cal.walk("VEVENT")))
    start = vevent.decoded("dtstart")
    assert start == datetime.datetime(2031, 9, 8, 9, 30, tzinfo=desk_event.tzinfo)
    assert start.utcoffset() == datetime.timedelta(hours=2)  # Geneva in September: CEST
    assert vevent.decoded("dtend") - start == datetime.timedelta(minutes=90)


@pytest.fixture
def materials(client, desk_event, secretariat):
    """A restricted background paper on a session and a public agenda, uploaded through the desk."""
    client.force_login(secretariat)
    session = desk_event.sessions.create(title="Opening", date=desk_event.start_date)
    url = reverse("registration:materials", args=[desk_event.slug])
    for title, access, name, body, session_pk in [
            ("Quixotic restricted paper", "restricted", "restricted-paper.pdf", b"%PDF-1.4 confidential", session.pk),
            ("Public agenda", "public", "agenda.pdf", b"%PDF-1.4 agenda", "")]:
        response = client.post(url, {"title": title, "doc_type": "background_paper", "language": "en",
                                     "access": access, "session": session_pk,
                                     "file": SimpleUploadedFile(name, body, content_type="application/pdf")})
        assert response.status_code == 302
    client.logout()
    return {d.access: d for d in Document.objects.filter(event=desk_event)}


def test_restricted_material_never_reaches_an_anonymous_visitor(client, desk_event, materials):
    restricted, public = materials["restricted"], materials["public"]
    page = client.get(desk_event.get_absolute_url()).content.decode()
    assert "Public agenda" in page and "Quixotic" not in page
    assert client.get(restricted.get_absolute_url()).status_code == 404
    assert client.get(reverse("public:document-file", args=[restricted.pk])).status_code == 404
    assert client.get(f"/media/{restricted.file.name}").status_code == 404  # never by its storage path
    api = client.get("/api/documents", {"event": desk_event.slug}).json()
    assert [d["title"] for d in api] == ["Public agenda"]
    assert client.get("/api/search", {"q": "Quixotic"}).json()["total"] == 0
    response = client.get(reverse("public:document-file", args=[public.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 agenda"


def test_restricted_material_is_downloadable_by_members_of_the_forum(client, desk_event, materials, focal_point,
                                                                     outsider):
    restricted = materials["restricted"]
    url = reverse("public:document-file", args=[restricted.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(focal_point)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 confidential"
    assert url in client.get(restricted.get_absolute_url()).content.decode()


def test_the_development_media_route_never_serves_document_files(rf, materials, settings):
    from django.http import Http404

    from colloquy.urls import debug_media

    restricted = materials["restricted"]
    with pytest.raises(Http404):
        debug_media(rf.get("/"), restricted.file.name)
    other = settings.MEDIA_ROOT / "evidence-test.txt"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_bytes(b"served")
    try:
        response = debug_media(rf.get("/"), "evidence-test.txt")
        body = b"".join(response.streaming_content)
        response.file_to_stream.close()
        assert body == b"served"
    finally:
        other.unlink()
