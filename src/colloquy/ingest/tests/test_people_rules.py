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


def test_collective_nouns_are_not_people_but_surnames_like_nouns_are():
    assert people("H.E. Member States said so. Distinguished Delegates, welcome.") == {}
    found = people("Later the Director of the Office, Lawrence Clement, said it. The Minister of Labour of Peru, "
                   "Alejandro García, agreed.")
    assert found["Alejandro García"].country == "PER" and "Lawrence Clement" in found


def test_a_national_official_takes_the_country_of_a_dateline_that_names_one():
    found = people("PERÚ, 3 de marzo de 2019.- La ministra Ana Ruiz Soto abrió la reunión. "
                   "La directora de la Oficina, Eva Luna, habló.")
    assert found["Ana Ruiz Soto"].country == "PER"
    assert found["Eva Luna"].country is None  # not a national office
    assert people("GENEVA, 3 March 2019 – The Minister of Labour, Ana Ruiz, said so.")["Ana Ruiz"].country is None


def test_a_president_of_an_association_takes_no_country_from_a_demonym():
    found = people("Ms. Ana Tesfaye, vice-president of the Alliance for Skills, an Ethiopian diaspora network in Canada, spoke.")
    assert found["Ana Tesfaye"].country is None


def test_an_affiliation_is_never_cut_mid_word():
    page = "The meeting reviewed recruitment practices across the corridor. " * 12  # a page stored cut off mid-word
    found = people(page + "Ms. Ana Luna, Senior Adviser of the Ministry of Labour of Thail")
    assert found["Ana Luna"].organization == "Ministry of Labour"
    line = people("Ms. Ana Luna, Senior Adviser, Carleton University")  # a programme line ends without a full stop
    assert line["Ana Luna"].organization == "Carleton University"
    long_role = ("Somchai Wongsawat, Director of the Overseas Employment Administration Division at the Department of "
                 "Employment of the Ministry of Labour of Thailand explained that migration policies were changing.")
    found = people(long_role)["Somchai Wongsawat"]
    assert found.organization.endswith("Ministry of Labour of Thailand") and "explained" not in (found.role or "")


def test_a_name_in_capitals_is_title_cased_and_the_fuller_role_is_kept():
    from colloquy.ingest.extraction.people import merge_people

    assert "Amina Yusuf Bello" in people("CLOSING STATEMENT BY\n\nH.E. AMINA YUSUF BELLO\n\nGeneva")
    merged = merge_people(find_people("Inauguró la subsecretaria Lucía Ramírez Ortega la reunión. Al abrirla, la "
                                      "subsecretaria de Empleo y Migración, Lucía Ramírez Ortega, afirmó que todo iba bien."))
    assert [p.role for p in merged] == ["la subsecretaria de Empleo y Migración"]


def test_a_french_role_after_the_name_is_the_role_and_gives_the_country():
    found = people("Sous la présidence de M. Karim Alaoui, ministre des Affaires étrangères du Maroc, en présence de "
                   "Mme Ana Ruiz, secrétaire d'État à l'Immigration de l'Espagne.")
    assert (found["Karim Alaoui"].role, found["Karim Alaoui"].country) == ("ministre des Affaires étrangères du Maroc", "MAR")
    assert found["Ana Ruiz"].country == "ESP"


def test_commonwealth_french_and_spanish_honorifics():
    found = people("Speaking at the opening, Ghana's Minister for the Interior, Hon. Kwame Dery, said so. "
                   "S.E. M. Moussa Keita a ouvert la séance. La Excma. Sra. Lucía Pérez, embajadora de Chile, habló.")
    assert found["Kwame Dery"].country == "GHA"
    assert "Moussa Keita" in found
    assert found["Lucía Pérez"].country == "CHL"
