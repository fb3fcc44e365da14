import pytest
from django.urls import reverse

from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Citation, Event, EventStatus, Theme, citations_for
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus
from colloquy.ingest.services import ingest_bytes, proposal_accept, proposal_reject
from colloquy.outcomes.models import GoodPractice, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(fixture_bytes):
    return ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM).document.source_file


@pytest.fixture
def report(fixture_bytes):
    return ingest_bytes(data=fixture_bytes("report-synthetic.txt"), name="report.txt", actor=SYSTEM).document.source_file


def item(source, kind, **lookup):
    return Proposal.objects.get(source=source, kind=kind, **{f"data__{k}": v for k, v in lookup.items()})


def test_accepting_an_event_creates_it_with_a_citation_to_the_passage(note, secretariat):
    p = item(note, ProposalKind.EVENT, title="Young Migrants and Decent Work")
    proposal_accept(proposal=p, actor=secretariat)
    p.refresh_from_db()
    event = p.target
    assert isinstance(event, Event)
    assert (event.status, str(event.start_date), event.city, event.participants_total) == (EventStatus.HELD, "2019-03-25", "Vienna", 200)
    assert event.cycle.year == 2019 and event.cycle.forum.name == "International Dialogue on Migration"
    citation = citations_for(event).get()
    assert citation.label == "para. 3" and citation.document.symbol == "XC/2019/4"
    assert "Young Migrants and Decent Work" in citation.quote
    citation.document.refresh_from_db()
    assert citation.document.status == "published"


def test_edit_then_accept_uses_the_edited_values(note, secretariat):
    p = item(note, ProposalKind.THEME, title="Migration and Public Health")
    proposal_accept(proposal=p, actor=secretariat, data={"title": "Migration and Public Health Emergencies"})
    theme = Theme.objects.get()
    assert (theme.title, theme.status, theme.cycle.year) == ("Migration and Public Health Emergencies", "proposed", 2020)


def test_outcomes_attach_to_the_accepted_event_and_need_it_first(report, secretariat):
    rec = item(report, ProposalKind.RECOMMENDATION, text="States should ensure that recruitment fees are never charged to workers.")
    session = Proposal.objects.filter(source=report, kind=ProposalKind.SESSION).first()
    with pytest.raises(DomainError, match="Accept the event"):
        proposal_accept(proposal=session, actor=secretariat)
    proposal_accept(proposal=Proposal.objects.get(source=report, kind=ProposalKind.EVENT), actor=secretariat)
    proposal_accept(proposal=rec, actor=secretariat)
    recommendation = Recommendation.objects.get()
    assert (recommendation.addressee, recommendation.category) == ("states", "State responsibility")
    assert recommendation.event.title == "Workshop on Labour Mobility and Skills"
    assert Citation.objects.filter(target_id=recommendation.pk, label="para. 5").exists() is False  # bullets are not numbered paras
    assert citations_for(recommendation).get().quote.startswith("- States should ensure")


def test_reject_and_double_review_is_refused(note, secretariat):
    p = item(note, ProposalKind.GOOD_PRACTICE, country="TZA")
    proposal_reject(proposal=p, actor=secretariat)
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.REJECTED
    with pytest.raises(DomainError, match="already rejected"):
        proposal_accept(proposal=p, actor=secretariat)
    assert not GoodPractice.objects.exists()


def test_ambiguous_person_needs_a_decision(fixture_bytes, secretariat, make_person):
    existing = make_person(name="Tijani Mohamed")
    source = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM).document.source_file
    p = item(source, ProposalKind.PERSON, name="Tijani Mohammed")
    with pytest.raises(DomainError, match="ambiguously"):
        proposal_accept(proposal=p, actor=secretariat)
    proposal_accept(proposal=p, actor=secretariat, link_to=existing.pk)
    p.refresh_from_db()
    assert p.target == existing


def test_review_queue_is_for_secretariat_only(client, note, focal_point, secretariat):
    url = reverse("ingest:document", args=[note.pk])
    assert client.get(url).status_code == 302  # anonymous -> login
    client.force_login(focal_point)
    assert client.get(url).status_code == 403
    p = item(note, ProposalKind.EVENT, title="Young Migrants and Decent Work")
    assert client.post(reverse("ingest:accept", args=[p.pk])).status_code == 403
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.PROPOSED
    client.force_login(secretariat)
    page = client.get(url, {"kind": "event"})
    assert page.status_code == 200
    assert b"<mark>A first intersessional workshop" in page.content


def test_evidence_is_html_escaped(client, secretariat, tmp_path):
    data = b"1. In Tanzania, a <script>alert(1)</script> referral register has been developed with partners."
    source = ingest_bytes(data=data, name="x.txt", actor=SYSTEM).document.source_file
    client.force_login(secretariat)
    page = client.get(reverse("ingest:document", args=[source.pk])).content.decode()
    assert Proposal.objects.filter(source=source, kind=ProposalKind.GOOD_PRACTICE).exists()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_filters_by_type_and_confidence(client, note, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("ingest:document", args=[note.pk]), {"kind": "theme", "min_confidence": "0.7"}).content.decode()
    assert 'data-kind="theme"' in page and 'data-kind="event"' not in page
    page = client.get(reverse("ingest:document", args=[note.pk]), {"min_confidence": "0.95"}).content.decode()
    assert "No items match these filters." in page


def test_bulk_accept_per_document_reports_items_that_need_a_decision(client, report, secretariat, make_person):
    make_person(name="Amina Diallo")
    client.force_login(secretariat)
    ticked = list(Proposal.objects.filter(source=report).values_list("pk", flat=True))  # every item ticked
    response = client.post(reverse("ingest:bulk", args=[report.pk]), {"action": "accept", "ids": ticked, "confirm": "1"},
                           follow=True)
    assert response.status_code == 200
    pending = Proposal.objects.filter(source=report, status=ProposalStatus.PROPOSED)
    accepted = Proposal.objects.filter(source=report, status=ProposalStatus.ACCEPTED)
    assert accepted.filter(kind=ProposalKind.EVENT).exists()
    assert accepted.filter(kind=ProposalKind.SESSION).count() == 4  # sessions follow their event in the same bulk
    assert not pending.exclude(match="ambiguous").exists()


def test_upload_through_the_web(client, secretariat, fixture_bytes, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat)
    response = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("note.txt", fixture_bytes("note-synthetic.txt"))})
    # Tests run tasks at once (the immediate backend), so it is done: on to the proposals (test_upload_progress.py
    # has the queue and the progress page).
    assert response.status_code == 302 and "/ingest/documents/" in response["Location"]
    settings.COLLOQUY_UPLOAD_MAX_BYTES = 100
    response = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("big.txt", b"x" * 200)}, follow=True)
    assert "upload limit" in response.content.decode()


def test_upload_refuses_encrypted_pdf_with_a_message(client, secretariat):
    import pymupdf
    from django.core.files.uploadedfile import SimpleUploadedFile

    from colloquy.ingest.tests.conftest import make_pdf

    pdf = make_pdf(["Secret"], encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")
    client.force_login(secretariat)
    response = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("s.pdf", pdf)}, follow=True)
    assert "s.pdf: the PDF is encrypted" in response.content.decode()


def test_edit_then_accept_through_the_web_form(client, note, secretariat):
    p = item(note, ProposalKind.EVENT, title="Digital Tools for Migrant Protection")
    client.force_login(secretariat)
    url = reverse("ingest:edit", args=[p.pk])
    page = client.get(url)
    assert page.status_code == 200 and b"Digital Tools for Migrant Protection" in page.content
    form = {k: ("" if v is None else v) for k, v in p.data.items() if not isinstance(v, (dict, list))}
    form.update({"title": "Digital Tools for Protecting Migrants", "city": "Bern", "participants_total": "40"})
    response = client.post(url, form)
    assert response.status_code == 302
    event = Event.objects.get(title="Digital Tools for Protecting Migrants")
    assert (event.city, event.participants_total) == ("Bern", 40)
    bad = client.post(reverse("ingest:edit", args=[item(note, ProposalKind.THEME, title="Migration and Public Health").pk]),
                      {"title": "X", "year": "not a year", "status": "proposed", "forum": ""})
    assert "Could not read the edited values" in bad.content.decode()


def test_upload_refuses_a_zip_bomb(client, secretariat):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
    client.force_login(secretariat)
    response = client.post(reverse("ingest:upload"), {"file": SimpleUploadedFile("bomb.docx", buffer.getvalue())}, follow=True)
    assert "bomb.docx: the part word/document.xml has a compression ratio" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_public_event_page_cites_the_source_and_the_link_shows_the_passage_highlighted(client, note, secretariat):
    import re

    p = item(note, ProposalKind.EVENT, title="Young Migrants and Decent Work")
    proposal_accept(proposal=p, actor=secretariat)
    p.refresh_from_db()
    page = client.get(p.target.get_absolute_url()).content.decode()  # anonymous visitor
    citation = re.search(r'<p class="citations[^"]*">(.*?)</p>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", citation).strip() == "Source: XC/2019/4, para. 3"
    link = re.search(r'href="([^"]+)"', citation).group(1).replace("&amp;", "&")
    passage = client.get(link).content.decode()
    assert '<section id="cited-passage">' in passage
    marked = re.search(r"<mark>(.*?)</mark>", passage, re.S).group(1)
    assert marked.startswith("A first intersessional workshop on &quot;Young Migrants and Decent Work&quot; took place")


def test_a_citation_of_another_document_is_not_shown_on_a_document_page(client, note, report, secretariat):
    first = item(note, ProposalKind.EVENT, title="Young Migrants and Decent Work")
    proposal_accept(proposal=first, actor=secretariat)
    other = item(report, ProposalKind.EVENT, title="Workshop on Labour Mobility and Skills")
    proposal_accept(proposal=other, actor=secretariat)
    citation = citations_for(Proposal.objects.get(pk=first.pk).target).get()
    other_doc = citations_for(Proposal.objects.get(pk=other.pk).target).get().document
    page = client.get(f"{other_doc.get_absolute_url()}?cite={citation.pk}").content.decode()
    assert "cited-passage" not in page
    assert client.get(f"{other_doc.get_absolute_url()}?cite=abc").status_code == 200
