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


def test_a_news_dateline_gives_the_document_date_and_a_city_but_not_a_country():
    body = " The ministers agreed a plan of work on seasonal fishing crews for the coming two years."
    doc = _extract(f"Ministers Agree Fishing Plan\n\nTromsø, 3 May 2012: Delegates met.{body}")["document"]
    assert (doc["date"], doc["place"]) == ("2012-05-03", "Tromsø")
    doc = _extract(f"Ministros acuerdan un plan\n\nPERÚ, 03 de mayo de 2012.- Se reunieron.{body}")["document"]
    assert (doc["date"], doc["place"]) == ("2012-05-03", None)
    doc = _extract(f"Ministers Agree Fishing Plan\n\nTromsø: A summit closed today.{body}")["document"]
    assert doc["place"] == "Tromsø"


def test_a_title_broken_over_two_header_lines_is_joined():
    text = ("CLOSING REMARKS BY\n\nTHE CHAIR OF THE COASTAL FORUM\n\nBEFORE THE ANNUAL MEETING\n\nON FISHING CREWS\n\n"
            "Excellencies,\n\n" + "We met for two days and discussed many questions of the region at length. " * 5)
    assert _extract(text)["document"]["title"] == "Closing Remarks by the Chair of the Coastal Forum"


def test_a_forum_name_line_loses_the_title_to_the_line_naming_the_meeting():
    text = ("CFD Coastal Fishing Dialogue\n\nReport of the CFD Seminar on: Crews at Sea\n\n"
            "Tromsø, 2 - 3 May 2012\n\n" + "The seminar adopted recommendations on fishing crews and their families. " * 5)
    doc = _extract(text)["document"]
    assert doc["title"] == "Report of the CFD Seminar on: Crews at Sea"
    assert doc["place"] == "Tromsø"


def test_a_page_that_calls_itself_a_summary_is_a_summary_of_conclusions():
    text = ("First Annual Meeting of the Coastal Network\n\nOver 90 members came together for the meeting.\n\n"
            "This summary sets out the proposals raised in the sessions and the next steps.")
    assert _extract(text)["document"]["doc_type"] == "summary_of_conclusions"


def test_spanish_and_french_meetings_are_read_with_kind_status_and_city():
    es = _events("Los días 7 y 8 de abril de 2004, se celebró el Taller Regional sobre Pesca en Valparaíso, Chile, "
                 "con la participación de cinco países.")
    assert [(e["title"], e["kind"], e["start"], e["end"], e["city"], e["status"]) for e in es] == [
        ("Taller Regional sobre Pesca", "workshop", "2004-04-07", "2004-04-08", "Valparaíso", "held")]
    fr = _events("La Conférence régionale sur la pêche se tiendra du 2 au 4 février 2010 à Dakar, Sénégal.")
    assert [(e["kind"], e["start"], e["city"], e["status"]) for e in fr] == [("conference", "2010-02-02", "Dakar", "planned")]


def test_meetings_listed_under_a_kind_heading_are_events_and_make_a_series_report():
    text = ("Summary Report\n\nThe \"Coastal Questions\" Workshop Series informs delegates about fishing crews.\n\n"
            "Workshops and briefings\n\n1. Crews at Sea, organized with the FAO (3 May 2011)\n\n"
            "2. Harbour Labour (9 June 2011)\n\n3. Seasonal Fishing Work, organized with ILO (12 July 2011)\n\n"
            "4. Fishing Families (8 September 2011)\n\n")
    result = _extract(text)
    events = {(e["title"], e["start"], e["kind"], e["status"]) for e in result["events"]}
    assert ("Crews at Sea", "2011-05-03", "workshop", None) in events
    assert ("Seasonal Fishing Work", "2011-07-12", "workshop", None) in events
    assert len(result["events"]) == 4
    assert result["document"]["doc_type"] == "series_report"
    assert result["document"]["title"] == "Coastal Questions Workshop Series: Summary Report"


def test_a_later_sentence_about_the_meeting_gives_its_status_and_a_weekday_is_not_in_its_name():
    text = ("Fishing Plan Adopted\n\nTromsø, 3 May 2012: A plan was adopted at the 4th Coastal Ministerial Conference "
            "on Thursday, 3 May in Tromsø, Norway.\n\nOver 120 delegates attended the conference, which Norway chaired.")
    [event] = _events(text)
    assert event["title"].endswith("Coastal Ministerial Conference")
    assert (event["start"], event["status"], event["participants"]["total"]) == ("2012-05-03", "held", 120)


def test_an_english_conference_centre_is_not_read_as_a_french_meeting_name():
    text = "He spoke at the International Conference Centre Geneva (ICG) 4-5 May 2013 on fishing crews."
    assert not any("Centre" in e["title"] for e in _events(text))


def test_a_section_headed_by_a_meeting_and_its_date_is_an_event_sharing_the_main_meetings_status():
    text = ("Norway convenes the final Coastal Preparatory Meetings\n\n"
            "3-4 May, Tromsø – The Chair presided the final preparatory meetings of the Coastal Process in 2012.\n\n"
            "Coastal Steering Group Meeting (May 3)\n\nThe Steering Group focused on the budget.")
    events = {e["title"]: e for e in _events(text)}
    group = events["Coastal Steering Group Meeting"]
    assert (group["start"], group["end"], group["city"], group["status"]) == ("2012-05-03", "2012-05-03", "Tromsø", "held")


def test_a_report_without_a_date_of_its_own_files_under_the_year_of_its_meetings():
    text = ("Coastal Fishing Dialogue\n\nReport of the Workshop on Crews at Sea\n\n"
            "1. The workshop on crews at sea was held in Bergen on 3 and 4 May 2012. It brought together 40 experts.\n\n"
            "2. A follow-up seminar on fishing families took place in Tromsø on 9 June 2012.")
    doc = _extract(text)["document"]
    assert doc["date"] is None
    assert doc["year"] == 2012


def test_participation_keeps_over_and_counts_women_speakers():
    text = ("Report of the Coastal Conference\n\n1. The Coastal Conference was held in Bergen on 3 and 4 May 2012. "
            "Over 200 participants attended, including 30 governments.\n\n"
            "2. The panels had 40 speakers, 22 of whom were women.")
    [event] = [e for e in _events(text) if e["title"]]
    assert event["participants"] == {"total": 200, "by_category": {"governments": 30}, "qualifier": "over",
                                     "speakers": 40, "women_speakers": 22}
