"""General extraction rules, each on a short synthetic text (not taken from any real document)."""

from colloquy.ingest.extraction.base import RuleExtractor
from colloquy.ingest.normalize import normalize


def _extract(text: str) -> dict:
    return RuleExtractor().extract(normalize([text], paginated=False))


def _events(text: str) -> list[dict]:
    return _extract(text)["events"]


def test_an_announcement_with_a_title_line_and_a_date_line_gives_its_event():
    text = ("Harbour Labour Mobility Workshop\n\n2nd Workshop, 7 - 8 March 2016\n\n"
            "Regional Trade Centre, Room 4, Lusaka\n\nDelegates will discuss seasonal work.")
    events = _events(text)
    assert [(e["title"], e["start"], e["end"], e["kind"]) for e in events] == [
        ("Harbour Labour Mobility Workshop", "2016-03-07", "2016-03-08", "workshop")]


def test_a_slide_header_names_the_meeting_before_its_city_and_dates():
    text = ("Overview of the Northern Harbour Process (NHP) NHP Chair (Norway) Annual Meeting of Coastal "
            "Secretariats on Mobility (ACS) Tromsø, Norway 2-3 May 2012\nHistory 1999 founded 2 staff")
    [event] = _events(text)
    assert event["title"] == "Annual Meeting of Coastal Secretariats on Mobility"
    assert (event["start"], event["end"], event["city"], event["status"]) == ("2012-05-02", "2012-05-03", "Tromsø", "held")


def test_a_background_paper_heads_a_planned_meeting_and_a_statement_date_is_no_event():
    paper = ("Global Forum on Coastal Mobility Lisbon, 8-9 October 2015 Background Paper (Original version: English) "
             "Roundtable 1: fishing crews and their families. " + "The paper reviews practice. " * 12)
    [event] = _events(paper)
    assert (event["title"], event["city"], event["status"]) == ("Global Forum on Coastal Mobility", "Lisbon", "planned")
    statement = ("CLOSING STATEMENT BY\n\nTHE CHAIR OF THE HARBOUR CONFERENCE\n\nLUSAKA, ZAMBIA\n\n4 MAY 2011\n\n"
                 "Excellencies, we end two days of work.")
    assert _events(statement) == []


def test_a_date_inside_prose_is_not_a_dateline():
    text = "Fishing Crews\n\nOn 3-4 May 2018, the ministers of the region discussed fishing crews at length."
    assert not any(e["start"] == "2018-05-03" and e["title"] == "Fishing Crews" for e in _events(text))
