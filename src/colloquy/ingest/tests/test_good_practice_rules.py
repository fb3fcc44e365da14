"""Good practices a country shares, in the three languages (invented text)."""

from colloquy.ingest.extraction.outcomes import good_practices_in
from colloquy.ingest.extraction.segment import blocks


def practices(text):
    return [g["country"] for g in good_practices_in(blocks(text))]


def test_a_country_sharing_its_experience_or_practices_gives_its_code():
    assert practices("Session 2\n\nMexico shared its experience with circular labour schemes. The delegation of Ghana "
                     "presented its good practices on diaspora bonds.\n") == ["MEX", "GHA"]


def test_french_and_spanish_sharing():
    assert practices("Sesión 2\n\nColombia compartió su experiencia en integración. Le Maroc a partagé ses bonnes "
                     "pratiques en matière de retour.\n") == ["COL", "MAR"]


def test_an_organization_or_a_person_sharing_is_not_a_country_practice():
    assert practices("Session 2\n\nThe IOM shared its experience too. Mr. Smith shared his experience of returns.\n") == []
