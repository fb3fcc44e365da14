"""Rules added after held-out #4: the forum line in a header, a report with a programme annex, meetings named
"of"/"for"/"in <place>", venues, themes proposed "as the theme of", and affiliations ending with a place
(all on invented text, not the held-out document)."""

from colloquy.ingest.extraction.events import title_candidates
from colloquy.ingest.extraction.people import _split_role, find_people
from colloquy.ingest.extraction.places import venue_in
from colloquy.ingest.pipeline import extract_bytes

REPORT = """Andean Consultative Process on Mobility

Seminar on Climate and Displacement

Lima, 9 March 2019

1. The Seminar on Climate and Displacement was held at the Lima Convention Centre in Lima from 4 to 6 March 2019. It was the second seminar of the Andean Consultative Process on Mobility.

2. Delegates recalled the expert meeting of border officials held in Quito on 3-4 October 2018.

3. A national workshop in Bolivia, planned for 12-13 June, could not be organized.

4. A training course for consular staff could be held in 2020, subject to the availability of funding.

5. Delegates suggested "Data on disaster displacement" as the theme of the 2020 meeting.

Annex: Programme

9:00 - 9:30 a.m.\tRegistration
9:30 - 10:30 a.m.\tOpening\tChair: Ms. Rosa Quispe, Ministry of Foreign Affairs, Peru
10:30 - 11:00 a.m.\tCoffee break
11:00 - 12:30 p.m.\tPanel 1: Early warning\tChair: Mr. Tom Varga, IOM\tSpeakers: Dr. Ana Luna, Catholic University, Quito
12:30 - 2:00 p.m.\tLunch
"""


def _data():
    return extract_bytes(REPORT.encode(), "seminar.txt").data


def test_a_dialogue_named_in_the_header_and_again_in_the_body_is_the_forum_not_the_title():
    doc = _data()["document"]
    assert doc["title"] == "Seminar on Climate and Displacement"
    assert doc["forum"] == "Andean Consultative Process on Mobility"


def test_a_report_with_numbered_paragraphs_and_a_programme_annex_is_a_report_not_a_programme():
    assert _data()["document"]["doc_type"] == "workshop_report"


def test_a_date_range_written_from_to_dates_the_meeting_and_the_venue_is_kept():
    event = {e["title"]: e for e in _data()["events"]}["Seminar on Climate and Displacement"]
    assert (event["start"], event["end"], event["status"]) == ("2019-03-04", "2019-03-06", "held")
    assert event["venue"] == "Lima Convention Centre"
    assert event["city"] == "Lima"


def test_meetings_named_of_for_or_in_a_place_are_read_with_their_status():
    events = {e["title"]: e for e in _data()["events"]}
    assert events["Expert meeting of border officials"]["start"] == "2018-10-03"
    assert events["Expert meeting of border officials"]["status"] == "held"
    assert events["National workshop in Bolivia"]["start"] == "2019-06-12"  # the year from context
    assert events["National workshop in Bolivia"]["status"] == "cancelled"
    assert events["Training course for consular staff"]["status"] == "proposed"


def test_a_venue_named_after_a_meeting_word_is_not_a_meeting():
    sentence = "The Workshop on Return was held at the Nairobi International Conference Centre on 3 May 2019."
    assert [t for _, t in title_candidates(sentence)] == ["Workshop on Return"]
    assert venue_in(sentence) == "Nairobi International Conference Centre"
    assert venue_in("The meeting was held at the Palais des Nations in Geneva.") == "Palais des Nations"


def test_the_meeting_of_a_body_is_not_read_as_a_lower_case_meeting_name():
    assert [t for _, t in title_candidates("They met at the meeting of the Council on 4 May 2019.")] == []


def test_a_theme_proposed_as_the_theme_of_a_year():
    assert _data()["themes"] == [{"title": "Data on disaster displacement", "year": 2020, "status": "proposed",
                                  "evidence": _data()["themes"][0]["evidence"]}]


def test_an_affiliation_ending_with_a_city_or_country_gives_the_organization_and_the_country():
    assert _split_role("Ministry of Manpower, Singapore") == (None, "Ministry of Manpower")
    assert _split_role("Catholic University, Quito") == (None, "Catholic University")
    assert _split_role("Embassy of Norway") == (None, "Embassy of Norway")
    assert _split_role("Permanent Representative of Sri Lanka") == ("Permanent Representative of Sri Lanka", None)
    assert _split_role("Director, Ghana Immigration Service") == ("Director", "Ghana Immigration Service")
    people = {p.name: p for p in find_people("Chair: Ms. Rosa Quispe, Ministry of Foreign Affairs, Peru", programme=True)}
    assert (people["Rosa Quispe"].organization, people["Rosa Quispe"].country) == ("Ministry of Foreign Affairs", "PER")


def test_a_programme_column_label_or_a_paragraph_break_does_not_run_into_a_name_or_an_organization():
    people = {p.name: p for p in find_people("Chair: Mr. Tom Varga, IOM Speakers: Dr. Ana Luna, Catholic University")}
    assert people["Tom Varga"].organization == "IOM"
    names = [p.name for p in find_people("Closing remarks by H.E. Ana Luna\n\nPrinted by the Secretariat")]
    assert names == ["Ana Luna"]


def test_programme_rows_of_the_annex_are_sessions_with_chairs_and_speakers():
    sessions = {s["title"]: s for s in _data()["sessions"]}
    assert list(sessions) == ["Registration", "Opening", "Coffee break", "Panel 1: Early warning", "Lunch"]
    assert sessions["Panel 1: Early warning"]["chair"] == "Tom Varga"
    assert sessions["Panel 1: Early warning"]["speakers"] == [{"name": "Ana Luna", "organization": "Catholic University"}]


def test_a_city_missing_from_the_list_is_taken_when_its_country_or_a_date_follows():
    from colloquy.ingest.extraction.places import city_in

    assert city_in("A follow-up workshop will be held in Abidjan on 24 and 25 April 2025.") == "Abidjan"
    assert city_in("The meeting took place in Bamako, Mali, on 3 May.") == "Bamako"
    assert city_in("The consultation was held in Liberia, with support from the EU.") is None  # a country
    assert city_in("The seminar was held in March 2020.") is None


def test_a_report_of_line_that_repeats_a_fuller_header_line_is_not_the_title():
    text = ("SECOND MINISTERIAL MEETING OF THE NORTHERN ROUTE PROCESS\n\nNR/2018/2\n\nOslo, 4 June 2018\n\n"
            "REPORT OF THE SECOND MINISTERIAL MEETING\n\n1. The second ministerial meeting was held in Oslo on 3 June 2018.\n")
    title = extract_bytes(text.encode(), "nr.txt").data["document"]["title"]
    assert title == "Second Ministerial Meeting of the Northern Route Process"
