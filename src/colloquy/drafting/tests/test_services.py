import io

import pytest
from docx import Document as WordDocument

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied, TransitionError
from colloquy.dialogues.models import Document
from colloquy.drafting import layouts, services
from colloquy.drafting.models import Draft, DraftKind, DraftState
from colloquy.drafting.tests.conftest import KEY_MESSAGES
from colloquy.outcomes.models import KeyMessage, OutcomeState


def word_text(data: bytes) -> str:
    return "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)


def test_summary_holds_the_record_in_order(recorded_event, secretariat):
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat)
    body = draft.body
    positions = [body.index(text) for text in KEY_MESSAGES]
    assert positions == sorted(positions)
    assert "The workshop was attended by 5 participants" in body
    assert "Chair: Ms. Amina Mensah" in body and "Mr. Carlos Ruiz" in body
    assert "Session 1: Recruitment fees (10:00–11:30). Chair: Ms. Amina Mensah (Ghana (delegation))." in body
    assert "## Philippines" in body and "Philippines shared its good practice: Zero-fee recruitment pilot" in body
    assert body.index("## States") < body.index("States should cap") < body.index("## Civil society")
    assert "Swiss Agency for Development and Cooperation" in body
    assert AuditEntry.objects.filter(action="drafting.draft.generate").count() == 1


def test_migrants_voices_are_anonymised_without_consent(recorded_event, secretariat):
    body = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat).body
    assert "Secret Witness" not in body
    assert "the testimonies of a domestic worker" in body


def test_unpublished_key_messages_stay_out(recorded_event, secretariat):
    KeyMessage.objects.filter(text=KEY_MESSAGES[1]).update(state=OutcomeState.DRAFT)
    body = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat).body
    assert KEY_MESSAGES[0] in body and KEY_MESSAGES[1] not in body


def test_french_docx_has_word_headings_numbered_paragraphs_and_the_french_sentence(recorded_event, secretariat):
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="fr", actor=secretariat)
    data, name, content_type = services.draft_file(draft, "docx")
    assert name.endswith("-fr-v1.docx") and "wordprocessingml" in content_type
    word = WordDocument(io.BytesIO(data))
    styles = {p.style.name for p in word.paragraphs}
    assert {"Title", "Heading 1", "List Number"} <= styles
    numbered = [p.text for p in word.paragraphs if p.style.name == "List Number"]
    assert numbered == KEY_MESSAGES
    text = word_text(data)
    assert "L'atelier a réuni 5 participants" in text
    assert "Messages clés" in text


def test_spanish_pdf_is_a_pdf(recorded_event, secretariat):
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="es", actor=secretariat)
    data, name, content_type = services.draft_file(draft, "pdf")
    assert data.startswith(b"%PDF") and content_type == "application/pdf" and name.endswith(".pdf")


def test_each_generation_is_a_new_version(recorded_event, secretariat):
    first = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat)
    second = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat)
    french = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="fr", actor=secretariat)
    assert (first.version, second.version, french.version) == (1, 2, 1)


def test_issue_stores_a_searchable_archive_document_and_reissue_makes_a_new_version(recorded_event, secretariat):
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat)
    services.draft_update(draft=draft, title=draft.title, body=draft.body + "Closing words of the rapporteur.\n",
                          actor=secretariat)
    assert services.suggested_symbol(draft) == "IC/2027/1"
    issued = services.draft_issue(draft=draft, actor=secretariat)
    assert issued.state == DraftState.ISSUED and issued.symbol == "IC/2027/1" and issued.issued_on
    document = issued.document
    assert document.event == recorded_event and document.cycle == recorded_event.cycle
    assert document.doc_type == "summary_of_conclusions" and document.symbol == "IC/2027/1"
    assert "Closing words of the rapporteur." in document.text
    with document.file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
    assert Document.objects.published().filter(pk=document.pk).exists()
    with pytest.raises(TransitionError):
        services.draft_issue(draft=issued, actor=secretariat)
    with pytest.raises(DomainError):
        services.draft_update(draft=issued, title="x", body="y", actor=secretariat)
    revised = services.draft_revise(draft=issued, actor=secretariat)
    assert revised.version == 2 and revised.body == issued.body and revised.state == DraftState.DRAFT
    assert services.suggested_symbol(revised) == "IC/2027/1/Rev.1"
    services.draft_issue(draft=revised, actor=secretariat)
    assert Document.objects.filter(event=recorded_event, doc_type="summary_of_conclusions").count() == 2


def test_a_symbol_already_in_the_archive_is_refused(recorded_event, secretariat):
    Document.objects.create(title="Old note", symbol="IC/2027/1", language="en")
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat)
    assert services.suggested_symbol(draft) == "IC/2027/2"
    with pytest.raises(DomainError, match="already has the symbol"):
        services.draft_issue(draft=draft, symbol="IC/2027/1", actor=secretariat)
    assert Draft.objects.get(pk=draft.pk).state == DraftState.DRAFT


@pytest.mark.parametrize("actor", ["focal_point", "observer", "anonymous"])
def test_only_the_secretariat_drafts_and_issues(recorded_event, secretariat, actor, request):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if actor == "anonymous" else request.getfixturevalue(actor)
    with pytest.raises(PermissionDenied):
        services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=user)
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat)
    with pytest.raises(PermissionDenied):
        services.draft_issue(draft=draft, actor=user)
    with pytest.raises(PermissionDenied):
        services.draft_update(draft=draft, title="x", body="y", actor=user)
    assert not Draft.objects.visible_to(user).exists()


def test_a_stored_template_orders_and_heads_the_sections(recorded_event, secretariat):
    text = "== key_messages: Areas of convergence\nThe rapporteur noted the following.\n== participation: Who came\n"
    services.template_save(kind=DraftKind.SUMMARY, language="en", text=text, actor=secretariat)
    body = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat).body
    assert body.index("# Areas of convergence") < body.index("The rapporteur noted") < body.index("# Who came")
    assert "# Programme" not in body


@pytest.mark.parametrize("text, problem", [
    ("== nonsense: X\n", "unknown section"),
    ("Intro\n== participation: P\n", "before the first section"),
    ("== participation\n", "== key: Heading"),
    ("== donors: A\n== donors: B\n", "appears twice"),
])
def test_a_bad_template_names_its_problem(text, problem):
    with pytest.raises(DomainError, match=problem):
        layouts.sections_from_text(DraftKind.SUMMARY, text)


def test_a_french_summary_names_countries_in_french(recorded_event, secretariat):
    body = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="fr", actor=secretariat).body
    assert "Geneva, Suisse" in body  # the city as recorded, the country in the document's language
    assert "Switzerland" not in body
    english = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en",
                                      actor=secretariat).body
    assert "Switzerland" in english


def test_a_confirmed_pledge_puts_its_donor_in_the_summary_thanks(recorded_event, secretariat, make_organization):
    from colloquy.funding.models import Pledge

    ilo = make_organization(name="International Labour Organization", category="international_organizations")
    pledge = Pledge.objects.create(event=recorded_event, donor=ilo, amount=5000, currency="CHF", status="pledged")
    body = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat).body
    assert "International Labour Organization" not in body  # a pledge not yet confirmed is not thanked
    Pledge.objects.filter(pk=pledge.pk).update(status="confirmed")
    body = services.draft_generate(kind=DraftKind.SUMMARY, event=recorded_event, language="en", actor=secretariat).body
    assert "thank International Labour Organization and Swiss Agency for Development and Cooperation" in body
