"""REST API (/api/ingest): extract, ingest, list, filter, accept / edit-then-accept / reject, bulk; roles; hostile files."""

import io
import zipfile

import pytest

from colloquy.accounts.models import ApiToken
from colloquy.audit.models import AuditEntry
from colloquy.dialogues.models import Document, Event, Theme
from colloquy.ingest.models import Proposal, ProposalKind, ProposalStatus, SourceFile
from colloquy.ingest.tests.conftest import make_pdf

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


def upload(client, path, name, data, headers):
    return client.post(f"/api/ingest/{path}", {"file": _named(name, data)}, headers=headers)


def _named(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def post_json(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


@pytest.fixture
def staff(secretariat):
    return bearer(secretariat)


@pytest.fixture
def ingested(client, staff, fixture_bytes):
    response = upload(client, "documents", "note.txt", fixture_bytes("note-synthetic.txt"), staff)
    assert response.status_code == 201, response.json()
    return response.json()


def proposals(client, document_id, headers, **params):
    response = client.get(f"/api/ingest/documents/{document_id}/proposals", params, headers=headers)
    assert response.status_code == 200, response.json()
    return response.json()


def test_extract_returns_the_record_and_stores_nothing(client, staff, fixture_bytes):
    response = upload(client, "extract", "note.txt", fixture_bytes("note-synthetic.txt"), staff)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["schema"] == "colloquy.extract/1"
    assert body["document"]["symbol"] == "XC/2019/4"
    assert any(e["title"] == "Young Migrants and Decent Work" for e in body["events"])
    assert not Document.objects.exists() and not SourceFile.objects.exists()


def test_ingest_stores_proposals_and_the_same_bytes_twice_create_nothing(client, staff, fixture_bytes, ingested):
    assert ingested["created"] is True and ingested["proposals"] == Proposal.objects.count() > 0
    again = upload(client, "documents", "copy.txt", fixture_bytes("note-synthetic.txt"), staff)
    assert again.status_code == 200
    assert again.json()["created"] is False and again.json()["document_id"] == ingested["document_id"]
    assert SourceFile.objects.count() == 1
    listing = client.get("/api/ingest/documents", headers=staff).json()
    assert [(d["document_id"], d["symbol"], d["pending"]) for d in listing] == [
        (ingested["document_id"], "XC/2019/4", ingested["proposals"])]


def test_proposals_are_filtered_by_kind_status_and_confidence(client, staff, ingested):
    everything = proposals(client, ingested["document_id"], staff)
    assert len(everything) == ingested["proposals"]
    events = proposals(client, ingested["document_id"], staff, kind="event")
    assert events and {p["kind"] for p in events} == {"event"}
    assert all(p["passage"] for p in events)
    confident = proposals(client, ingested["document_id"], staff, min_confidence=0.75)
    assert confident and all(p["confidence"] >= 0.75 for p in confident)
    assert len(confident) < len(everything)
    assert proposals(client, ingested["document_id"], staff, status="accepted") == []
    bad = client.get(f"/api/ingest/documents/{ingested['document_id']}/proposals", {"kind": "banana"}, headers=staff)
    assert bad.status_code == 400  # malformed input: 400 with a message naming the field (the API's contract)
    assert "kind" in bad.json()["detail"]
    assert client.get("/api/ingest/documents/999999/proposals", headers=staff).status_code == 404


def _one(client, ingested, headers, kind, **data):
    for p in proposals(client, ingested["document_id"], headers, kind=kind):
        if all(p["data"].get(k) == v for k, v in data.items()):
            return p
    raise AssertionError(f"no {kind} with {data}")


def test_accept_creates_the_record_and_reports_it(client, staff, ingested):
    p = _one(client, ingested, staff, "event", title="Young Migrants and Decent Work")
    response = post_json(client, f"/api/ingest/proposals/{p['id']}/accept", {}, staff)
    assert response.status_code == 200, response.json()
    event = Event.objects.get(title="Young Migrants and Decent Work")
    assert response.json()["status"] == "accepted" and response.json()["target"] == f"event:{event.pk}"
    assert AuditEntry.objects.filter(action="ingest.accept").count() == 1
    twice = post_json(client, f"/api/ingest/proposals/{p['id']}/accept", {}, staff)
    assert twice.status_code == 400 and twice.json()["detail"] == "This item is already accepted."


def test_edit_then_accept_uses_the_edited_values_and_refuses_bad_ones(client, staff, ingested):
    p = _one(client, ingested, staff, "theme", title="Migration and Public Health")
    unknown = post_json(client, f"/api/ingest/proposals/{p['id']}/accept", {"data": {"colour": "red"}}, staff)
    assert unknown.status_code == 400 and "colour" in unknown.json()["detail"]
    bad_year = post_json(client, f"/api/ingest/proposals/{p['id']}/accept", {"data": {"year": "soon"}}, staff)
    assert bad_year.status_code == 400 and "Could not create the record" in bad_year.json()["detail"]
    assert not Theme.objects.exists()
    assert Proposal.objects.get(pk=p["id"]).status == ProposalStatus.PROPOSED
    edited = post_json(client, f"/api/ingest/proposals/{p['id']}/accept",
                       {"data": {"title": "Migration and Public Health Emergencies"}}, staff)
    assert edited.status_code == 200, edited.json()
    theme = Theme.objects.get()
    assert (theme.title, theme.cycle.year) == ("Migration and Public Health Emergencies", 2020)


def test_reject_one_item(client, staff, ingested):
    p = _one(client, ingested, staff, "theme", title="Migration and Public Health")
    response = post_json(client, f"/api/ingest/proposals/{p['id']}/reject", {"note": "duplicate"}, staff)
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert AuditEntry.objects.filter(action="ingest.reject", note="duplicate").exists()
    assert not Theme.objects.exists()


def test_bulk_accepts_a_document_and_reports_what_it_could_not_do(client, staff, ingested):
    response = post_json(client, f"/api/ingest/documents/{ingested['document_id']}/bulk", {"action": "accept"}, staff)
    assert response.status_code == 200, response.json()
    body = response.json()
    pending = Proposal.objects.filter(status=ProposalStatus.PROPOSED).count()
    assert body["done"] == Proposal.objects.filter(status=ProposalStatus.ACCEPTED).count() > 0
    assert len(body["problems"]) == pending
    assert Event.objects.filter(title="Young Migrants and Decent Work").exists()
    bad = post_json(client, f"/api/ingest/documents/{ingested['document_id']}/bulk", {"action": "burn"}, staff)
    assert bad.status_code == 400
    assert "action" in bad.json()["detail"]


def test_bulk_rejects_only_the_given_ids(client, staff, ingested):
    themes = proposals(client, ingested["document_id"], staff, kind="theme")
    ids = [p["id"] for p in themes]
    response = post_json(client, f"/api/ingest/documents/{ingested['document_id']}/bulk",
                         {"action": "reject", "ids": ids}, staff)
    assert response.json() == {"done": len(ids), "problems": []}
    assert set(Proposal.objects.filter(status=ProposalStatus.REJECTED).values_list("pk", flat=True)) == set(ids)


def test_session_login_works_like_a_token(client, secretariat, fixture_bytes):
    client.force_login(secretariat)
    response = upload(client, "extract", "note.txt", fixture_bytes("note-synthetic.txt"), {})
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["focal_point", "observer", "outsider"])
def test_non_secretariat_callers_get_403_everywhere(client, request, who, fixture_bytes, ingested, staff):
    headers = bearer(request.getfixturevalue(who))
    pid = proposals(client, ingested["document_id"], staff)[0]["id"]
    doc = ingested["document_id"]
    calls = [
        upload(client, "extract", "n.txt", fixture_bytes("note-synthetic.txt"), headers),
        upload(client, "documents", "r.txt", fixture_bytes("report-synthetic.txt"), headers),
        client.get("/api/ingest/documents", headers=headers),
        client.get(f"/api/ingest/documents/{doc}/proposals", headers=headers),
        post_json(client, f"/api/ingest/proposals/{pid}/accept", {}, headers),
        post_json(client, f"/api/ingest/proposals/{pid}/reject", {}, headers),
        post_json(client, f"/api/ingest/documents/{doc}/bulk", {"action": "accept"}, headers),
    ]
    assert [r.status_code for r in calls] == [403] * len(calls)
    assert calls[0].json()["detail"] == "Only secretariat staff can do this."
    assert SourceFile.objects.count() == 1
    assert not Proposal.objects.exclude(status=ProposalStatus.PROPOSED).exists()


def test_anonymous_callers_get_401_and_nothing_changes(client, fixture_bytes, ingested, staff):
    pid = proposals(client, ingested["document_id"], staff)[0]["id"]
    calls = [
        upload(client, "documents", "r.txt", fixture_bytes("report-synthetic.txt"), {}),
        client.get(f"/api/ingest/documents/{ingested['document_id']}/proposals"),
        post_json(client, f"/api/ingest/proposals/{pid}/accept", {}, {}),
        post_json(client, "/api/ingest/documents/1/bulk", {"action": "reject"}, {"Authorization": "Bearer cq_forged"}),
    ]
    assert [r.status_code for r in calls] == [401] * len(calls)
    assert SourceFile.objects.count() == 1
    assert not Proposal.objects.exclude(status=ProposalStatus.PROPOSED).exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    import pymupdf

    return make_pdf(["Secret"], encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="o", user_pw="u")


@pytest.mark.parametrize("path", ["extract", "documents"])
@pytest.mark.parametrize(("name", "make", "message"), [
    ("bomb.docx", _zip_bomb, "bomb.docx: the part word/document.xml has a compression ratio"),
    ("secret.pdf", _encrypted_pdf, "secret.pdf: the PDF is encrypted"),
    ("junk.txt", lambda: bytes(range(256)) * 40, "junk.txt: "),
    ("truncated.pdf", lambda: make_pdf(["A page of text"])[:300], "truncated.pdf: "),
    ("empty.txt", lambda: b"", "empty.txt: the file is empty"),
])
def test_hostile_uploads_get_400_with_a_message_that_names_the_file(client, staff, path, name, make, message):
    response = upload(client, path, name, make(), staff)
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith(message)
    assert not SourceFile.objects.exists() and not Document.objects.exists()


def test_upload_limits_apply_to_the_api(client, staff, settings):
    settings.COLLOQUY_UPLOAD_MAX_BYTES = 100
    response = upload(client, "documents", "big.txt", b"x" * 200, staff)
    assert response.status_code == 400 and "upload limit is" in response.json()["detail"]
    settings.COLLOQUY_UPLOAD_MAX_BYTES = 50 * 1024 * 1024
    settings.COLLOQUY_PDF_MAX_PAGES = 2
    response = upload(client, "extract", "long.pdf", make_pdf(["one", "two", "three"]), staff)
    assert response.status_code == 400 and response.json()["detail"].startswith("long.pdf: ")
    assert "3 pages" in response.json()["detail"]
    assert not SourceFile.objects.exists()


def test_a_missing_file_gets_a_clear_error(client, staff):
    response = client.post("/api/ingest/documents", {}, headers=staff)
    assert response.status_code == 400
    assert "file" in response.json()["detail"]


def test_accept_links_an_item_only_to_an_existing_record(client, staff, ingested):
    p = Proposal.objects.filter(kind=ProposalKind.EVENT).first()
    response = post_json(client, f"/api/ingest/proposals/{p.pk}/accept", {"link_to": 987654}, staff)
    assert response.status_code == 400 and "does not exist" in response.json()["detail"]
    assert Proposal.objects.get(pk=p.pk).status == ProposalStatus.PROPOSED
