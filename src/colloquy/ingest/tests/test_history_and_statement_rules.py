"""Rules for history pages with yearly meetings and for statements, each on a short invented text."""

from colloquy.ingest.accept import _event_values  # the accept step's own reading of an event proposal
from colloquy.ingest.extraction.base import RuleExtractor
from colloquy.ingest.extraction.countries import find_countries
from colloquy.ingest.extraction.participation import participants_in
from colloquy.ingest.normalize import normalize


def _extract(text: str) -> dict:
    return RuleExtractor().extract(normalize([text], paginated=False))


HISTORY = ("History of the Youth Days\n"
           "2019: Lisbon, Portugal\n"
           "In Lisbon, the Youth Days were hosted by a local foundation. More than 300 young delegates from 60 countries "
           "and 12 governments met during the Regional Youth Days held on 3-4 June 2019.\n"
           "2018: Nairobi, Kenya\n"
           "In Nairobi, the Nairobi Regional Youth Days gave young people a voice. On 5-6 May 2018, 150 delegates "
           "from youth groups met to discuss jobs.\n")


def test_capitalised_days_are_a_meeting_and_take_the_city_of_their_year_heading():
    events = {e["start"]: e for e in _extract(HISTORY)["events"]}
    lisbon = events["2019-06-03"]
    assert (lisbon["title"], lisbon["kind"], lisbon["end"], lisbon["city"], lisbon["status"]) == (
        "Regional Youth Days", "other", "2019-06-04", "Lisbon", "held")


def test_a_dated_gathering_without_a_name_is_the_meeting_its_paragraph_named():
    nairobi = {e["start"]: e for e in _extract(HISTORY)["events"]}["2018-05-05"]
    assert nairobi["title"].endswith("Regional Youth Days") and nairobi["city"] == "Nairobi"
    assert nairobi["end"] == "2018-05-06" and nairobi["participants"]["total"] == 150


def test_a_year_heading_gives_no_city_to_a_meeting_of_another_year():
    text = ("2019: Lisbon, Portugal\n"
            "The Regional Youth Days were held on 3-4 June 2020 after a year's delay.\n")
    [event] = _extract(text)["events"]
    assert event["city"] is None


def test_people_from_so_many_countries_are_not_a_count_of_governments():
    total, by_category = participants_in("Over 300 delegates from 60 countries and 12 governments attended.")
    assert total == 300 and by_category == {"governments": 12}


def test_a_co_chairs_statement_is_a_summary_of_conclusions():
    text = ("Lake Process on Labour Mobility\n\nSenior Officials' Meeting\n\nKampala, 3 March 2021\n\n"
            "Co-Chairs' Statement\n\n1. The meeting was held in Kampala on 3 March 2021 and reviewed the work plan.\n")
    assert _extract(text)["document"]["doc_type"] == "summary_of_conclusions"


def test_a_french_or_spanish_nationality_after_an_office_names_the_country_but_a_language_does_not():
    codes = lambda text: [h.code for h in find_countries(text)]  # noqa: E731
    assert codes("Le ministre sénégalais de l'Intérieur a parlé.") == ["SEN"]
    assert codes("La ministre nigérienne des Affaires étrangères") == ["NER"]
    assert codes("la ministra colombiana de Trabajo") == ["COL"]
    assert codes("Le texte est traduit en espagnol et en portugais.") == []


def test_a_french_minister_glued_to_his_honorific_is_a_person_with_a_country():
    text = ("Clôture de la réunion\n\nLe ministre malien de l'Intérieur, M.Amadou Traoré, a salué le dialogue "
            "régional lors de la séance de clôture.\n")
    people = {p["name"]: p.get("country") for p in _extract(text)["people"]}
    assert people.get("Amadou Traoré") == "MLI"


def test_a_wire_service_dateline_gives_the_document_date_and_city():
    text = ("Ministers Meet on Free Movement\n\nDAKAR, Senegal, June 3, 2015/Press Wire (PW)/ -- The regional "
            "commission this week hosted experts from the member states to discuss free movement.\n")
    document = _extract(text)["document"]
    assert (document["date"], document["place"]) == ("2015-06-03", "Dakar")


def test_a_blog_toolbar_is_not_the_title():
    text = normalize(["Editer l'article Suivre ce blog Administration + Créer mon blog\nPublicité\n"
                 "Clôture de la conférence régionale\n"], paginated=False).text
    assert "blog" not in text and "Publicité" not in text and "Clôture de la conférence" in text


def test_two_meetings_respectively_on_two_days_are_two_events():
    text = ("Lake Process\n\nOn the 3rd and 4th March 2021, the members convened for Steering Group and Senior "
            "Officials Meetings respectively in Kampala, Uganda.\n")
    events = [(e["title"], e["start"], e["end"], e["status"]) for e in _extract(text)["events"]]
    assert events == [("Steering Group Meeting", "2021-03-03", "2021-03-03", "held"),
                      ("Senior Officials Meeting", "2021-03-04", "2021-03-04", "held")]


def test_an_extracted_over_or_nearly_reaches_the_event_the_reviewer_accepts():
    def event(text):
        return next(e for e in _extract(text)["events"] if e["title"])

    coastal = event("Report of the Coastal Conference\n\n1. The Coastal Conference was held in Bergen on 3 and 4 May "
                    "2012. Over 200 participants attended.\n")
    harbour = event("Report of the Harbour Conference\n\n1. The Harbour Conference was held in Oslo on 7 June 2012. "
                    "Nearly 90 participants attended.\n")
    assert coastal["participants"]["qualifier"] == "over" and harbour["participants"]["qualifier"] == "about"
    values = _event_values(coastal)
    assert (values["participants_total"], values["participants_qualifier"], values["participants_reported"]) == (
        200, "over", "over 200")
