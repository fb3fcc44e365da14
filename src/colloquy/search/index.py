"""Writing the index: one record at a time (from signals) or everything (`colloquy reindex`).

All writes go through `index_object` / `remove_object` / `rebuild`; the engines' structures follow
(SQLite FTS5 triggers, PostgreSQL's search_match triggers), inside the caller's transaction, so a record and
its index entries commit or roll back together.
"""

import itertools
import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from colloquy.core import bulk
from colloquy.search import facets as facet_defs
from colloquy.search import semantic
from colloquy.search.engines import factory
from colloquy.search.models import SearchEntry
from colloquy.search.registry import Entry, Provider, dependents, provider_for_model, providers
from colloquy.search.text import STEMMED_LANGUAGES, language_stem_tokens, word_pairs

log = logging.getLogger(__name__)
BATCH = 1000


def _row(entry: Entry) -> SearchEntry:
    tags, pairs = facet_defs.encode(entry.facets, entry.audience)
    title = entry.title[:2000]
    tags += " " + facet_defs.token("xk", entry.kind) + language_tags(entry, title)
    pairs = f"kind={entry.kind} {pairs}".strip()
    return SearchEntry(kind=entry.kind, object_id=entry.object_id, part=entry.part, title=title,
                       body=entry.body, tags=tags, facets=pairs, grams=grams_for(title, entry.body),
                       url=entry.url[:500], anchor=entry.anchor[:80], year=entry.year, checksum=entry.checksum())


def language_tags(entry: Entry, title: str) -> str:
    """For an entry in French or Spanish: its language token (`xlfr`, which selects that language's text search
    configuration on PostgreSQL, migration 0006) and, on SQLite, the snowball stems of its words."""
    if entry.language not in STEMMED_LANGUAGES:
        return ""
    out = " " + facet_defs.token("xl", entry.language)
    if connection.vendor == "sqlite":
        out += " " + " ".join(language_stem_tokens(entry.language, title, entry.body))
    return out


def grams_for(title: str, body: str) -> str:
    """The `grams` column: word pairs on SQLite (see engines/sqlite/), nothing on PostgreSQL (see
    migration 0005 for why)."""
    return word_pairs(title, body) if connection.vendor == "sqlite" else ""


def insert_rows(rows: Iterable[SearchEntry]) -> int:
    """Insert many entries, for bulk loads that need no ids back; returns how many.

    The engine's fastest way (engines/*/bulk.py): executemany in batches on SQLite, one COPY on
    PostgreSQL, which reads `rows` while the server works: given a generator, the rows must then not
    need the database (the connection runs no other query during a COPY)."""
    fields = [f for f in SearchEntry._meta.concrete_fields if not f.primary_key]
    values = (tuple(getattr(row, f.attname) for f in fields) for row in rows)
    return factory.insert_values(SearchEntry._meta.db_table, [f.column for f in fields], values)


def _chunks(items: Iterable, size: int):
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def index_object(obj, provider: Provider | None = None) -> int:
    """Bring one record's entries up to date; unchanged entries (same checksum) keep their vectors.

    Returns the number of entries written.
    """
    provider = provider or provider_for_model(type(obj))
    if provider is None:
        return 0
    # the English original of translated titles and texts, whatever language the saving request is in
    with translation.override(settings.LANGUAGE_CODE):
        rows = [_row(e) for e in provider.entries(obj)]
    with transaction.atomic():
        existing = {
            (kind, part): (pk, checksum)
            for pk, kind, part, checksum in SearchEntry.objects.filter(
                kind__in=provider.all_kinds(), object_id=obj.pk).values_list("pk", "kind", "part", "checksum")
        }
        keep, fresh = set(), []
        for row in rows:
            old = existing.get((row.kind, row.part))
            if old and old[1] == row.checksum:
                keep.add(old[0])
            else:
                fresh.append(row)
        stale = [pk for pk, _ in existing.values() if pk not in keep]
        if stale:
            SearchEntry.objects.filter(pk__in=stale).delete()
        SearchEntry.objects.bulk_create(fresh, batch_size=BATCH)
    if fresh and provider.embed:
        semantic.embed_on_save([row.pk for row in fresh if row.pk])
    return len(fresh)


def remove_object(model, pk) -> int:
    provider = provider_for_model(model)
    if provider is None:
        return 0
    deleted, _ = SearchEntry.objects.filter(kind__in=provider.all_kinds(), object_id=pk).delete()
    return deleted


def refresh(obj, _seen=None) -> None:
    """Re-index a record and the records whose entries are derived from it (see registry.dependent).

    Inside `colloquy.core.bulk.bulk_operation()` the work is deferred and done once per record at the end."""
    if _seen is None:
        pending = bulk.bucket("search", _refresh_pending)
        if pending is not None:
            pending[(obj._meta.label, obj.pk)] = type(obj)
            return
    seen = _seen if _seen is not None else set()
    key = (obj._meta.label, obj.pk)
    if key in seen:
        return
    seen.add(key)
    index_object(obj)
    for label, resolve in dependents():
        if obj._meta.label == label:
            for other in resolve(obj) or []:
                if other is not None and other.pk is not None:
                    refresh(other, seen)


def _refresh_pending(pending: dict) -> None:
    """End of a bulk operation: re-index each touched record once (dependents included, never twice)."""
    seen = set()
    for (_label, pk), model in pending.items():
        obj = model._default_manager.filter(pk=pk).first()
        if obj is not None:  # saved then deleted in the same bulk operation: nothing to index
            refresh(obj, seen)


def rebuild(kinds: Iterable[str] | None = None, *, progress=None) -> dict[str, int]:
    """Drop and rebuild the entries of the given provider kinds (all by default). Atomic."""
    wanted = set(kinds or [p.kind for p in providers()])
    counts = {}
    with transaction.atomic(), factory.bulk_load():
        for provider in providers():
            if provider.kind not in wanted:
                continue
            SearchEntry.objects.filter(kind__in=provider.all_kinds()).delete()
            # In lists: on PostgreSQL the rows are read during a COPY, when the connection can run no query.
            rows = (_row(e) for obj in provider.queryset().iterator(chunk_size=500) for e in provider.entries(obj))
            counts[provider.kind] = sum(insert_rows(chunk) for chunk in _chunks(rows, BATCH))
            if progress:
                progress(provider.kind, counts[provider.kind])
    optimize()
    return counts


def optimize() -> None:
    """After bulk writes: FTS5 merges its segments (both tables); nothing on PostgreSQL, where autovacuum
    does the work."""
    factory.optimize()
