"""Ingestion tells a document's language, and links a known symbol in another language as a version."""

import pytest

from colloquy.audit.models import AuditEntry
from colloquy.core.access import SYSTEM
from colloquy.dialogues.versions import language_versions
from colloquy.ingest.language import detect_language
from colloquy.ingest.services import ingest_bytes

pytestmark = pytest.mark.django_db


def test_language_is_told_by_function_words():
    assert detect_language("The States of origin and the workers in the region are for this") == "en"
    assert detect_language("Les États membres et les travailleurs dans une région pour le dialogue des pays") == "fr"
    assert detect_language("Los Estados Miembros y los trabajadores del diálogo para las regiones con los países") == "es"
    assert detect_language("Annex 3") == "en"  # too little text: the default


FRENCH_NOTE = """CONSULTATIONS INFORMELLES DES MEMBRES

XC/2019/4

Original : français Vienne, 3 mai 2019

DIALOGUE INTERNATIONAL SUR LA MIGRATION 2019

1. La présente note de discussion rend compte des activités du Dialogue international sur la migration en 2019 et propose deux thèmes pour le dialogue de 2020.

2. Le thème général du dialogue pour 2019 a été choisi par les membres en novembre 2018, avec le soutien des États membres et des organisations qui sont actives dans la région.
"""


def test_ingesting_a_known_symbol_in_another_language_links_it_as_a_version(fixture_bytes):
    english = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM).document
    french = ingest_bytes(data=FRENCH_NOTE.encode(), name="note-fr.txt", actor=SYSTEM).document
    assert (english.language, french.language, french.symbol) == ("en", "fr", "XC/2019/4")
    assert [v.pk for v in language_versions(english, SYSTEM)] == [french.pk]
    assert AuditEntry.objects.filter(action="ingest.version").count() == 1
