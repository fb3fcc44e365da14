"""Embedding similarity between a text and the GCM objectives, for tag suggestions. The model and its
loader are shared with search: colloquy.core.embeddings."""

from colloquy.core import embeddings as _shared
from colloquy.core.embeddings import ModelUnavailable, reset

__all__ = ["ModelUnavailable", "encode", "get_model", "objective_matrix", "reset", "similarities"]


def get_model():
    return _shared.get_model()


def encode(texts: list[str]):
    """Unit-normalised embeddings (numpy array, one row per text)."""
    return get_model().encode(list(texts), normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True)

_objective_cache: dict = {}


def objective_matrix(objectives: list[tuple[int, str]]):
    key = tuple(objectives)
    if key not in _objective_cache:
        if len(_objective_cache) >= 4:  # GCM and SDG profiles (and a test's own) alternate: keep a few
            _objective_cache.clear()
        _objective_cache[key] = encode([text for _n, text in objectives])
    return _objective_cache[key]


def similarities(text: str, objectives: list[tuple]) -> dict:
    """{objective number or SDG code: cosine similarity between `text` and the objective's description}."""
    matrix = objective_matrix(objectives)
    vector = encode([text])[0]
    scores = matrix @ vector
    return {number: float(score) for (number, _t), score in zip(objectives, scores, strict=True)}
