"""People rules for short pages of any language (invented text): names with capitals beyond ASCII, a role
written before the name, Spanish and French role words, "Coordinator: Name" lines, and where a person's
country is read from the role."""

from colloquy.ingest.extraction.people import find_people


def people(text, **kw):
    return {p.name: p for p in find_people(text, **kw)}


def test_names_with_capitals_beyond_ascii_are_found():
    assert "Ömer Çelik" in people("Ambassador Ömer Çelik opened the meeting.")
    assert "Élodie Ngũgĩ" in people("Ms. Élodie Ngũgĩ presented the study.")


def test_a_role_before_the_name_gives_the_role_and_its_country():
    found = people("Opening the session, the Philippines’ Secretary of Labor, H.E. Dr Ana Reyes, welcomed the delegations. "
                   "Later the Minister of Interior of Ghana, Kofi Boateng, said that cooperation mattered.")
    assert found["Kofi Boateng"].country == "GHA" and found["Kofi Boateng"].role.startswith("the Minister of Interior")
    assert found["Ana Reyes"].role.startswith("the Philippines") and found["Ana Reyes"].country == "PHL"


def test_a_list_of_role_unit_and_place_is_not_read_as_a_person():
    assert people("Mr. Tom Varga, Adviser, Technical Support Division, UNDP New York") .keys() == {"Tom Varga"}


def test_spanish_and_french_role_words_introduce_names():
    found = people("Inauguró la subsecretaria Lucía Ramírez Ortega, XV Reunión Regional. "
                   "Le ministre de l'Intérieur du Sénégal, Awa Ndiaye, a déclaré que la coopération compte.")
    assert found["Lucía Ramírez Ortega"].role == "subsecretaria"
    assert found["Awa Ndiaye"].country == "SEN"


def test_a_labelled_line_names_a_person():
    found = people("Series Report\nCoordinator: Jana Müller\n\nSummary")
    assert found["Jana Müller"].role == "Coordinator"


def test_representing_a_country_or_presiding_it_gives_the_country():
    found = people("Ambassador Rosa Vidal, representing the Forum Chair Peru, opened the meeting. "
                   "H.E. John Doe Kamara, President, Republic of Sierra Leone (video)")
    assert found["Rosa Vidal"].country == "PER"
    assert found["John Doe Kamara"].country == "SLE"


def test_country_lists_and_institutions_are_not_people():
    assert people("Delegations of Ghana, Mexico, Burkina Faso, and the Philippines attended. The Director, Ministry "
                  "of Labour, Employment and Social Security, Trade Unions, said so.") == {}
