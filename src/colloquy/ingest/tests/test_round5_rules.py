"""Round 5 rules (docs/extraction.md), each on short invented sentences: places of meetings stated in French and
Spanish prose, datelines of press releases, key messages of joint statements and communiqués in three languages."""

from colloquy.ingest.extraction.document import dateline
from colloquy.ingest.extraction.outcomes import key_messages_and_recommendations
from colloquy.ingest.extraction.places import city_in, held_city
from colloquy.ingest.extraction.segment import blocks


def messages(text):
    return [m["title"] for m in key_messages_and_recommendations(blocks(text))[0]]


# --- Places -------------------------------------------------------------------------------------------------
def test_french_and_spanish_verbs_of_holding_name_the_city():
    assert city_in("La réunion régionale s'est tenue à Lomé le 4 juin 2019.") == "Lomé"
    assert city_in("Les délégués se sont réunis à Niamey du 2 au 3 mars 2021.") == "Niamey"
    assert city_in("El taller regional se celebró en Tegucigalpa los días 5 y 6 de abril de 2018.") == "Tegucigalpa"
    assert city_in("El encuentro se realiza en Asunción hasta el 9 de julio.") == "Asunción"


def test_the_first_capitalised_place_after_the_verb_skips_a_venue_in_lower_case():
    assert city_in("Se inauguró, en la sede del organismo regional en Cusco, el foro anual.") == "Cusco"


def test_a_place_named_like_its_country_is_taken_when_the_country_follows_it():
    assert city_in("La reunión tuvo lugar en la Ciudad de Panamá, Panamá, los días 1 y 2 de junio.") == "Ciudad de Panamá"
    # the country alone is no city
    assert city_in("La reunión tuvo lugar en Panamá, los días 1 y 2 de junio.") is None


def test_in_city_comma_country_names_the_city():
    assert city_in("The forum runs from 3 to 5 May 2021, in Mzuzu, Malawi.") == "Mzuzu"
    assert city_in("The forum runs from 3 to 5 May 2021, in Malawi, Zambia and Zimbabwe.") is None


def test_held_city_reads_only_verbs_of_holding():
    assert held_city("El seminario se realiza en Cuenca hasta el viernes.") == "Cuenca"
    assert held_city("Our office in Geneva publishes a newsletter.") is None


# --- Datelines ----------------------------------------------------------------------------------------------
def test_a_dateline_with_a_news_agency_after_the_date():
    text = "Headline\n\nMUSCAT, 3rd March, 2022 (ONA) -- The regional consultation on labour mobility opened today here.\n"
    assert dateline(text) == ("2022-03-03", "Muscat")


def test_a_dateline_of_city_and_country_without_a_date():
    text = "News\n\nBlantyre, Malawi – The Government of Malawi opened a regional workshop on border management today.\n"
    assert dateline(text) == (None, "Blantyre")


def test_a_tag_in_capitals_before_a_headline_is_no_place():
    text = "ABC: Ministers of labour meet on Saturday to discuss fair recruitment across the region\n\nText.\n"
    assert dateline(text) == (None, None)


# --- Key messages -------------------------------------------------------------------------------------------
def test_a_french_declaring_body_with_adjectives_declares_whatever_its_object():
    found = messages("Réunion\n\nLes ministres africains et européens ont réaffirmé la valeur du partenariat régional.\n")
    assert found == ["Les ministres africains et européens ont réaffirmé la valeur du partenariat régional."]


def test_ils_ont_in_the_next_paragraph_continues_the_declaration():
    found = messages("Réunion\n\nLes délégations ont souligné le rôle des villes.\n\n"
                     "Ils ont souhaité renforcer la coopération consulaire.\n")
    assert found == ["Les délégations ont souligné le rôle des villes.", "Ils ont souhaité renforcer la coopération consulaire."]


def test_ils_ont_after_someone_else_is_not_a_declaration():
    assert messages("Réunion\n\nLe ministre a ouvert la séance.\n\nIls ont souhaité renforcer la coopération.\n") == []


def test_a_spanish_declaring_body_declares_whatever_its_object():
    found = messages("Reunión\n\nLos viceministros reafirmaron el compromiso con la migración ordenada.\n")
    assert found == ["Los viceministros reafirmaron el compromiso con la migración ordenada."]


def test_participants_are_no_declaring_body():
    assert messages("Taller\n\nLos participantes reafirmaron el interés del tema.\n") == []


def test_numbered_commitments_after_an_agreeing_verb_are_one_message_each():
    found = messages("Comunicado\n\nLos gobiernos participaron. ACORDARON LO SIGUIENTE 1. Crear una red de puntos focales. "
                     "2. Publicar datos anuales de retorno. 3. Reunirse de nuevo en 2027.\n")
    assert found == ["Crear una red de puntos focales.", "Publicar datos anuales de retorno.", "Reunirse de nuevo en 2027."]


def test_a_numbered_list_far_from_the_verb_is_not_announced_by_it():
    found = messages("Note\n\nThe States agreed that the text was long and that many points of the old plan were still to be "
                     "carried out by the secretariat before any new plan could be drafted in full, 1. first draft 2. second.\n")
    assert all(not f.startswith("first draft") for f in found)


def test_an_agreeing_lead_in_with_a_colon_takes_the_list_after_it():
    found = messages("Statement\n\nThe Ministers agreed to:\n\n- set up a joint data platform;\n\n"
                     "- meet again within two years.\n")
    assert found == ["set up a joint data platform;", "meet again within two years."]


def test_list_items_that_open_with_a_verb_of_commitment_after_a_lead_in():
    found = messages("Declaración\n\nLos Estados Miembros del proceso:\n\n- Reafirman su apoyo al plan regional.\n\n"
                     "- Acuerdan crear un grupo técnico.\n\n- Lista de anexos\n")
    assert found == ["Reafirman su apoyo al plan regional.", "Acuerdan crear un grupo técnico."]


def test_the_key_outcome_of_the_meeting_is_a_message():
    found = messages("Meeting\n\nA key outcome of the meeting was a joint roadmap on skills recognition.\n")
    assert found == ["A key outcome of the meeting was a joint roadmap on skills recognition."]


# --- People named in Spanish and French prose ---------------------------------------------------------------
def people(text):
    # a function-level import: people.py reads the directory app's models, which need Django set up by pytest
    from colloquy.ingest.extraction.people import find_people

    return {p.name: p for p in find_people(text)}


def test_an_office_in_capitals_before_a_name_when_the_sentence_goes_on():
    found = people("La apertura estuvo a cargo del Ministro Interino de Hacienda, Pablo Ríos Vera, el Vicecanciller de "
                   "Chile, Marta Soto Díaz, y la Directora General de Migraciones, Inés Gil Paz, y otras autoridades.")
    assert {"Pablo Ríos Vera", "Marta Soto Díaz", "Inés Gil Paz"} <= set(found)
    assert found["Marta Soto Díaz"].country == "CHL"
    assert not any(name.startswith(("Interino", "Vicecanciller")) for name in found)


def test_an_office_in_capitals_in_a_list_of_role_unit_and_place_is_still_no_person():
    assert "Oficina Regional" not in people("Sr. Juan Pérez Gil, Director, Oficina Regional, Lima")


def test_spanish_legislators_are_role_words():
    assert "Carla Muñoz Vidal" in people("Intervino la Senadora Carla Muñoz Vidal sobre la trata de personas.")


def test_a_french_office_after_the_name():
    found = people("Léa Martin-Roux, Commissaire chargée des affaires sociales, a ajouté que le dialogue avance.")
    assert found["Léa Martin-Roux"].role.startswith("Commissaire")


# --- Donors -------------------------------------------------------------------------------------------------
def test_with_support_from_governments_names_donors_but_not_the_headline_convener():
    from colloquy.ingest.extraction.donors import donors_in  # see people(): the module imports Django models

    text = ("UNICEF Convenes Experts on Child Migration\n\nMaseru, Lesotho – The Government of Lesotho, with support from "
            "UNICEF, the Government of Japan and the Embassy of the Republic of Korea, is hosting a workshop.\n")
    found = donors_in(text)
    assert {d["country"] for d in found} == {"JPN", "KOR"}
    assert not any("UNICEF" in d["name"] for d in found)


def test_avec_le_soutien_de_names_a_donor():
    from colloquy.ingest.extraction.donors import donors_in  # see people()

    assert [d["country"] for d in donors_in("L'atelier a lieu avec le soutien de la Suisse.")] == ["CHE"]


# --- Document titles ----------------------------------------------------------------------------------------
def doc_title(text):
    from colloquy.ingest.extraction.document import header_blocks, title_in  # see people()

    return title_in(header_blocks(blocks(text)))


def test_a_title_with_a_plus_sign_is_no_telephone_number():
    assert doc_title("Third Ministerial Meeting of the 3+3 Forum\n\nThe ministers met in Valletta.\n") == \
        "Third Ministerial Meeting of the 3+3 Forum"
    assert doc_title("Contact us\n\nTel +41 22 717 9111\n\nAnnual meeting of the network\n\nText follows here.\n") != \
        "Tel +41 22 717 9111"


def test_a_heading_with_a_meeting_its_place_and_dates_gives_the_meeting_as_title():
    text = "Regional Labour Migration Workshop, Mzuzu Malawi, 3-5 May 2021\n\nThe workshop was held in Mzuzu.\n"
    assert doc_title(text) == "Regional Labour Migration Workshop"


def test_a_dated_line_without_a_meeting_word_is_not_made_a_title():
    assert doc_title("Geneva, 3 May 2021\n\nNotes on the labour corridor\n\nText.\n") == "Notes on the labour corridor"


# --- Participation and themes -------------------------------------------------------------------------------
def test_a_regional_acronym_between_the_count_and_member_states():
    from colloquy.ingest.extraction.participation import participants_in

    assert participants_in("Officials from all 12 ECOWAS Member States participated in the meeting.")[1] == {"governments": 12}
    assert participants_in("Officials from 12 ECOWAS offices participated.")[1] == {}


def test_a_theme_adopted_as_the_theme_of_a_year_in_spanish_and_english():
    from colloquy.ingest.extraction.themes import themes_in

    found = themes_in(blocks("Acuerdos\n\nAdoptar como el tema de la reunión de 2031 “Movilidad laboral y cuidado”.\n"),
                      doc_year=None)
    assert [(t["title"], t["year"], t["status"]) for t in found] == [("Movilidad laboral y cuidado", 2031, "selected")]
    found = themes_in(blocks("Outcome\n\nThe meeting adopted as the theme “Skills across borders”.\n"), doc_year=2030)
    assert [(t["title"], t["year"]) for t in found] == [("Skills across borders", 2030)]


# --- Meetings stated in French prose, and "Location:" headers -----------------------------------------------
def extracted(text):
    from colloquy.ingest.extraction.base import RuleExtractor  # see people()
    from colloquy.ingest.normalize import normalize

    return RuleExtractor().extract(normalize([text], paginated=False))


def test_se_sont_reunis_with_a_date_range_is_a_held_meeting_in_that_city():
    data = extracted("Dialogue régional\n\nLes ministres de la Conférence ministérielle régionale se sont réunis à "
                     "Bamako du 3 au 5 mai 2031.\n")
    [event] = data["events"]
    assert (event["start"], event["end"], event["city"], event["status"]) == ("2031-05-03", "2031-05-05", "Bamako", "held")


def test_an_unnamed_gathering_in_french_is_the_meeting_its_paragraph_named():
    data = extracted("Dialogue régional\n\nLa Conférence ministérielle de Bamako a ouvert ses travaux. Le 3 mai 2031, "
                     "les ministres se sont réunis à Bamako pour adopter un plan.\n")
    assert [(e["title"], e["start"], e["city"]) for e in data["events"]] == [
        ("Conférence ministérielle de Bamako", "2031-05-03", "Bamako")]


def test_a_location_label_is_no_title_and_places_the_meeting_of_the_labelled_date():
    data = extracted("Location: Lima, Peru\nDate: 10 March 2031\n\nThe fourth Ministerial Conference of the Process "
                     "took place on 10 March 2031.\n")
    assert not (data["document"]["title"] or "").startswith("Location")
    assert data["document"]["place"] == "Lima"
    assert [e["city"] for e in data["events"]] == ["Lima"]
