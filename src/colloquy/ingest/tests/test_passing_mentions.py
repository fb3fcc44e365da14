"""Events mentioned only in passing and good practices written without "good practice" wording (invented text)."""

from colloquy.ingest.extraction.events import acronyms_in, clean_title, expand_acronyms
from colloquy.ingest.pipeline import extract_bytes

REPORT = """REGIONAL WORKSHOP ON SEASONAL WORK

Workshop on Seasonal Work and Skills, 12 May 2015, Nairobi

1. The Workshop on Seasonal Work and Skills took place on 12 May 2015 in Nairobi.

2. Speakers recalled that the outcome of the 12th session of the Commission for Social Development, held from 3-7 May 2010, had stressed decent work. The workshop was organized as a follow-up to the first meeting of the Regional Dialogue Platform (RDP) held in Kigali from 4-5 March 2014.

3. The second RDP meeting, held in Kampala from 9-10 June 2014, adopted a plan of action. A participant announced that the Secretariat was organizing a "Pledging Event" on 4-5 December 2015.

4. Delegates recalled the Almaty Process Ministerial Conference in 2011 and the Sahel Migration Summit in 2017. The unit was set up by the Chairs of the Regional Conference on Labour (RCL) in 2009.

5. For instance, it was noted that Kenya and Uganda have a bilateral agreement on the portability of pensions. Rwanda has adopted a national labour migration policy. The Platform has adopted a new work plan. Ms. Ana Silva, Minister of Labour of Peru, explained that Peru and Chile signed a memorandum of understanding on pensions.

6. A regional roundtable on pensions will be held in Arusha in 2016, subject to funding.

7. Governments should ensure that returning workers keep their pension rights. Participants recommended that employers publish their recruitment fees.
"""


def _events():
    data = extract_bytes(REPORT.encode(), "report.txt").data
    return {e["title"]: e for e in data["events"]}, data


def test_acronyms_defined_in_the_text_expand_in_titles():
    acronyms = acronyms_in("the first meeting of the Regional Dialogue Platform (RDP) and the World Bank (WB)")
    assert acronyms == {"RDP": "Regional Dialogue Platform", "WB": "World Bank"}
    assert expand_acronyms("Second RDP meeting", acronyms) == "Second Regional Dialogue Platform meeting"
    assert expand_acronyms("RDP", acronyms) == "RDP"  # a bare acronym is not an event title to expand


def test_titles_lose_a_trailing_place_or_date_and_a_leading_owner():
    assert clean_title("Third Conference on Return in Geneva, 3 May") == "Third Conference on Return"
    assert clean_title("the General Assembly's High-Level Dialogue on Migration") == "High-Level Dialogue on Migration"


def test_a_numbered_session_of_a_body_is_an_event_with_its_dates():
    events, _ = _events()
    cpd = events["12th session of the Commission for Social Development"]
    assert (cpd["start"], cpd["end"], cpd["status"]) == ("2010-05-03", "2010-05-07", "held")


def test_a_second_meeting_named_in_the_same_sentence_is_found_and_ordinals_keep_meetings_apart():
    events, _ = _events()
    first = events["First meeting of the Regional Dialogue Platform"]
    assert (first["start"], first["status"], first["city"]) == ("2014-03-04", "held", "Kigali")
    second = [e for t, e in events.items() if t.lower().startswith("second") and "Regional Dialogue Platform" in t]
    assert [(e["start"], e["status"]) for e in second] == [("2014-06-09", "held")]


def test_a_capitalised_event_being_organized_is_planned():
    events, _ = _events()
    assert (events["Pledging Event"]["start"], events["Pledging Event"]["status"]) == ("2015-12-04", "planned")


def test_meetings_named_with_only_a_year_take_their_status_from_the_report_year():
    events, _ = _events()
    assert events["Almaty Process Ministerial Conference"]["status"] == "held"
    assert events["Almaty Process Ministerial Conference"]["start"] is None
    assert events["Sahel Migration Summit"]["status"] == "planned"
    assert not [t for t in events if "Chairs" in t]  # people "of the" a conference are not a meeting


def test_subject_to_funding_makes_a_meeting_proposed():
    events, _ = _events()
    roundtable = next(e for t, e in events.items() if "roundtable on pensions" in t.lower())
    assert roundtable["status"] == "proposed"


def test_a_country_measure_is_a_good_practice_and_other_subjects_are_not():
    _, data = _events()
    practices = {p["text"]: p["country"] for p in data["good_practices"]}
    assert practices == {
        "For instance, it was noted that Kenya and Uganda have a bilateral agreement on the portability of pensions.": None,
        "Rwanda has adopted a national labour migration policy.": "RWA",
        "Ms. Ana Silva, Minister of Labour of Peru, explained that Peru and Chile signed a memorandum of understanding on pensions.": None,
    }


def test_the_addressee_of_a_recommendation_is_the_subject_before_should_or_after_that():
    _, data = _events()
    addressees = {r["text"].split()[0]: r["addressee"] for r in data["recommendations"]}
    assert addressees["Governments"] == "states"
    assert addressees["Participants"] == "private_sector"
