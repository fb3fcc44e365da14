"""Search work that runs in `colloquy worker`, not in a request (docs/tasks.md). The vectors of new entries are
the task `semantic.embed`, queued by the index as it writes them."""

from colloquy.core import tasks
from colloquy.search import index, semantic


@tasks.task()
def reindex(kinds: list[str] | None = None, embeddings: bool = False) -> dict:
    """Rebuild the index (all kinds or `kinds`, in one transaction); with `embeddings`, then the missing vectors."""
    counts = index.rebuild(kinds or None)
    embedded = semantic.embed_entries() if embeddings else 0
    return {"entries": sum(counts.values()), "embedded": embedded}
