import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document as WordDocument

from colloquy.accounts.models import ApiToken
from colloquy.drafting.models import DocumentTemplate, Draft, DraftState
from colloquy.drafting.tests.conftest import KEY_MESSAGES


def word_text(data: bytes) -> str:
    return "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)


def test_secretariat_generates_edits_issues_and_downloads_on_the_screens(client, secretariat, recorded_event):
    client.force_login(secretariat)
    assert client.get(reverse("drafting:list")).status_code == 200
    response = client.post(reverse("drafting:generate", args=["summary_of_conclusions"]),
                           {"summary-event": recorded_event.pk, "summary-language": "fr"})
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("drafting:draft", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Résumé des conclusions" in page and KEY_MESSAGES[0] in page
    body = draft.body.replace(KEY_MESSAGES[2], "Migrant workers need access to justice in every country.")
    response = client.post(reverse("drafting:draft", args=[draft.pk]), {"title": draft.title, "body": body})
    assert response.status_code == 302
    docx = client.get(reverse("drafting:download", args=[draft.pk, "docx"]))
    assert docx["Content-Disposition"].endswith('-fr-v1.docx"')
    assert "access to justice in every country" in word_text(docx.content)
    response = client.post(reverse("drafting:issue", args=[draft.pk]), {"symbol": "IC/2027/4", "issued_on": "2027-05-02"})
    draft.refresh_from_db()
    assert draft.state == DraftState.ISSUED and draft.document.symbol == "IC/2027/4"
    assert client.get(reverse("drafting:download", args=[draft.pk, "pdf"])).content.startswith(b"%PDF")


def test_a_bad_edit_is_refused_with_a_message(client, secretariat, recorded_event):
    client.force_login(secretariat)
    client.post(reverse("drafting:generate", args=["summary_of_conclusions"]),
                {"summary-event": recorded_event.pk, "summary-language": "en"})
    draft = Draft.objects.get()
    response = client.post(reverse("drafting:draft", args=[draft.pk]), {"title": "T", "body": "   \n  "},
                           headers={"referer": "http://testserver" + reverse("drafting:draft", args=[draft.pk])})
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.body.strip()


def test_template_editor_previews_then_saves(client, secretariat, recorded_event):
    client.force_login(secretariat)
    url = reverse("drafting:template", args=["summary_of_conclusions", "en"])
    assert "== participation: Participation" in client.get(url).content.decode()
    text = "== key_messages: Areas of convergence\n== donors: Thanks\n"
    preview = client.post(url, {"sections": text, "preview": "1"}).content.decode()
    assert "Areas of convergence" in preview and KEY_MESSAGES[0] in preview
    assert not DocumentTemplate.objects.exists()
    client.post(url, {"sections": text, "save": "1"})
    assert [s["key"] for s in DocumentTemplate.objects.get().sections] == ["key_messages", "donors"]


@pytest.mark.parametrize("who", ["focal_point", "observer"])
def test_others_get_403_and_anonymous_is_sent_to_login(client, recorded_event, who, request):
    urls = [reverse("drafting:list"), reverse("drafting:template", args=["discussion_note", "fr"])]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(request.getfixturevalue(who))
    for url in urls:
        assert client.get(url).status_code == 403
    response = client.post(reverse("drafting:generate", args=["summary_of_conclusions"]),
                           {"summary-event": recorded_event.pk, "summary-language": "en"})
    assert response.status_code == 403 and not Draft.objects.exists()


def test_api_drafts_with_a_secretariat_token_and_links_the_files(client, secretariat, focal_point, recorded_event):
    _, key = ApiToken.issue(user=secretariat)
    response = client.post("/api/documents/drafts", {"kind": "summary_of_conclusions", "event": recorded_event.slug,
                                                      "language": "es"},
                           content_type="application/json", headers={"authorization": f"Bearer {key}"})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["version"] == 1 and data["language"] == "es" and KEY_MESSAGES[0] in data["body"]
    client.force_login(secretariat)
    assert client.get(data["downloads"]["docx"]).status_code == 200
    _, focal_key = ApiToken.issue(user=focal_point)
    refused = client.post("/api/documents/drafts", {"kind": "summary_of_conclusions", "event": recorded_event.slug},
                          content_type="application/json", headers={"authorization": f"Bearer {focal_key}"})
    assert refused.status_code == 403


@pytest.mark.parametrize("payload, status, words", [
    ({"kind": "summary_of_conclusions"}, 400, "event's slug"),
    ({"kind": "summary_of_conclusions", "event": "no-such-event"}, 400, "No event"),
    ({"kind": "discussion_note", "forum": "x"}, 400, "year"),
    ({"kind": "minutes", "event": "x"}, 400, "kind"),
    ({"kind": "summary_of_conclusions", "event": "x", "language": "de"}, 400, "language"),
])
def test_api_names_the_problem(client, secretariat, payload, status, words):
    _, key = ApiToken.issue(user=secretariat)
    response = client.post("/api/documents/drafts", payload, content_type="application/json",
                           headers={"authorization": f"Bearer {key}"})
    assert response.status_code == status and words in response.json()["detail"]


def test_cli_writes_the_same_document_as_the_screens(recorded_event, tmp_path):
    out = tmp_path / "summary.docx"
    call_command("draft", "summary", recorded_event.slug, "--format", "docx", "--lang", "fr", "-o", str(out),
                 stdout=io.StringIO())
    text = word_text(out.read_bytes())
    assert "L'atelier a réuni 5 participants" in text and all(m in text for m in KEY_MESSAGES)
    pdf = tmp_path / "note.pdf"
    cycle = recorded_event.cycle
    call_command("draft", "discussion-note", cycle.forum.slug, str(cycle.year), "--format", "pdf", "--lang", "es",
                 "-o", str(pdf), stdout=io.StringIO())
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_names_an_unknown_event(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No event with slug 'nope'"):
        call_command("draft", "summary", "nope", "-o", str(tmp_path / "x.docx"))
