import pytest

from colloquy.ingest.extraction.countries import country_code, find_countries


def codes(text):
    return [h.code for h in find_countries(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("experts from the Philippines", ["PHL"]),
    ("the UK and the USA", ["GBR", "USA"]),
    ("the Netherlands", ["NLD"]),
    ("the Mexican Ministry of Labour", ["MEX"]),
    ("Ghana's Deputy Minister", ["GHA"]),
    ("the Permanent Representative of Sri Lanka", ["LKA"]),
    ("Papua New Guinea and Guinea-Bissau", ["PNG", "GNB"]),
])
def test_common_names_demonyms_and_variants(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Delegates from Georgia and Armenia met in Tbilisi.", ["GEO", "ARM"]),
    ("Our office in Atlanta, Georgia, USA hosted it.", ["USA"]),
    ("Mr. Jordan presented the survey.", []),
    ("Michael Jordan, IOM, chaired.", []),
    ("refugees hosted in Jordan and Lebanon", ["JOR", "LBN"]),
    ("the Government of Jordan", ["JOR"]),
    ("Chad Williams commented on data.", []),
    ("the Government of Chad", ["TCD"]),
    ("Georgia", []),  # context cannot decide: left out
])
def test_ambiguous_names_resolve_only_with_context(text, expected):
    assert codes(text) == expected


def test_places_and_words_that_contain_country_names_are_not_countries():
    assert codes("New York, the Indian Ocean, Latin American states and New Mexico") == []


def test_languages_are_not_nationalities():
    assert codes("interpretation in English, French and Spanish") == []


def test_single_name_lookup():
    assert country_code("Government of Liechtenstein") == "LIE"
    assert country_code("Planet Mars") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("con la participación de Belice, Canadá y Estados Unidos", ["BLZ", "CAN", "USA"]),
    ("les délégations du Mexique et des Émirats arabes unis", ["MEX", "ARE"]),
    ("Maurice Dupont et Mauricio Pérez en Granada", []),  # first names and a city, not countries
])
def test_french_and_spanish_country_names_are_found(text, expected):
    assert codes(text) == expected


def test_abbreviations_and_typographic_possessives_are_found():
    assert codes("the UAE’s chairmanship passed to Pakistan’s delegation") == ["ARE", "PAK"]


def test_a_trailer_of_related_documents_does_not_name_the_documents_countries():
    from colloquy.ingest.extraction.countries import countries_in

    text = ("Ministers of Ghana and Peru met in Accra to review labour mobility and skills. " * 3
            + "\n\nRelated news\n\nWorkshop held in Nepal\n")
    assert countries_in(text) == ["GHA", "PER"]
    assert countries_in("Related news about Nepal and Ghana: a page that starts with the phrase keeps it.") == ["GHA", "NPL"]


def test_the_french_and_spanish_word_for_meeting_is_not_reunion_island():
    assert codes("XXVI Reunión Viceministerial; Réunion ministérielle de Rabat; La Réunion et Maurice") == ["REU"]
