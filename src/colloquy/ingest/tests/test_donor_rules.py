"""Donors as reports name them (invented text): governments thanked for their funding, French and Spanish
wording, and the organizer, which is not a donor unless the text says it funded."""

from colloquy.ingest.extraction.donors import donors_in


def donors(text):
    return [(d["name"], d["country"]) for d in donors_in(text)]


def test_governments_thanked_for_their_funding_are_donors():
    assert donors("The Secretariat thanks the Governments of Norway and Spain for their generous financial support.") == [
        ("Government of Norway", "NOR"), ("Government of Spain", "ESP")]


def test_thanks_for_other_help_do_not_make_a_donor():
    assert donors("I thank the Secretary-General for his support in preparing this Dialogue.") == []


def test_french_and_spanish_funding_wording():
    assert donors("L'atelier a été financé par le Gouvernement de la Suisse.") == [("Government of Suisse", "CHE")]
    assert donors("La reunión se realizó con el apoyo financiero del Gobierno de Canadá.") == [("Government of Canadá", "CAN")]


def test_the_organizer_supporting_its_own_meeting_is_not_a_donor():
    found = donors("The workshop was organized by IOM with the support of IOM and the Government of Italy.")
    assert found == [("Government of Italy", "ITA")]


def test_the_organizer_that_funded_is_a_donor():
    assert ("IOM", None) in donors("The workshop was organized by IOM. It was funded by IOM.")
