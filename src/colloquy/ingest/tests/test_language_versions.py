"""Ingestion tells a document's language, and links a known symbol in another language as a version."""

import pytest
from django.urls import reverse
from django.utils import translation

from colloquy.audit.models import AuditEntry
from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError
from colloquy.dialogues.versions import language_versions
from colloquy.ingest.errors import IngestError
from colloquy.ingest.language import detect_language
from colloquy.ingest.models import ProposalKind
from colloquy.ingest.readers import read_bytes
from colloquy.ingest.services import ingest_bytes, proposal_accept
from colloquy.ingest.upload import check_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def interface_language_reset():
    """The test client runs requests in this thread, and LocaleMiddleware leaves their language active."""
    yield
    translation.deactivate()


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


def test_review_queue_messages_are_in_the_reviewers_language(client, secretariat, fixture_bytes):
    source = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM).document.source_file
    client.force_login(secretariat)
    client.cookies["django_language"] = "fr"
    page = client.post(reverse("ingest:bulk", args=[source.pk]), {"action": "reject"}, follow=True)
    assert "Cochez d’abord les éléments à rejeter." in page.content.decode()
    client.cookies["django_language"] = "es"
    proposal = source.proposals.pending().first()
    page = client.post(reverse("ingest:reject", args=[proposal.pk]), follow=True).content.decode()
    assert "Rechazado: " in page


def test_upload_validation_errors_are_translated():
    with translation.override("es"), pytest.raises(IngestError) as refused:
        check_upload(name="vacío.txt", size=0)
    assert str(refused.value) == "vacío.txt: el archivo está vacío"


def test_a_review_error_is_in_the_active_language(fixture_bytes):
    source = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM).document.source_file
    event = source.proposals.get(kind=ProposalKind.EVENT, data__title="Young Migrants and Decent Work")
    with translation.override("fr"), pytest.raises(DomainError) as refused:
        proposal_accept(proposal=event, actor=SYSTEM, link_to=987654)
    assert str(refused.value) == "La fiche à associer (id 987654) n’existe pas."


def test_a_refusal_from_the_isolated_reader_is_translated_for_the_uploader():
    # The PDF reader runs in a child process without translations: it sends the message back untranslated.
    with translation.override("fr"), pytest.raises(IngestError) as refused:
        read_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n", "rapport.pdf")
    assert str(refused.value) == "rapport.pdf: le PDF est tronqué ou endommagé (marqueur de fin de fichier absent)"
    with translation.override("es"), pytest.raises(IngestError) as refused:
        read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200), "foto.docx")
    assert "no un documento admitido" in str(refused.value)
