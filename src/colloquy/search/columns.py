"""Facet values of every index entry, held in memory as columns (what Lucene calls doc values).

The engines only find the ids that match the words. Filters and facet counts over those ids are
then array lookups here, instead of reading each matching row back from the database (the cost of
that at 1M entries is in docs/benchmarks-search.md).

Layout: entry ids ascending, an id → row array, and one int32 column of value codes per facet.

Freshness: index entries are never updated in place (index.py deletes and inserts them; only the
vector is updated), and ids only grow (AUTOINCREMENT on SQLite, sequences on PostgreSQL). So each
search reads `max(id)` and appends the rows added since; rows deleted since stay in memory but can
no longer match. If `max(id)` went down (a flushed or restored database), or more rows were added than
are held (a reindex replaced them all), the columns are read again from scratch.
Rows read inside a transaction may still be rolled back, so they serve that search only and are
not kept.
"""

import threading
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, connections

from colloquy.search import facets as facet_defs

NONE = -1
_LOAD_BATCH = 50_000
_STATE: dict[tuple, "FacetColumns"] = {}
_LOCK = threading.Lock()
_EMPTY = np.empty(0, np.int64)


@dataclass
class FacetColumns:
    """One int32 column per facet (the code of the entry's first value, or NONE); entries with several
    values of a facet (countries, GCM objectives) keep the others in `more`."""

    max_id: int = 0
    ids: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # row → entry id, ascending
    row_of: np.ndarray = field(default_factory=lambda: np.full(1, NONE, np.int32))  # entry id → row
    columns: dict[str, np.ndarray] = field(default_factory=dict)
    more: dict[str, dict[int, list[int]]] = field(default_factory=dict)  # facet → {row: further codes}
    pairs: list[tuple[str, str]] = field(default_factory=list)  # code → (facet name, value)
    codes: dict[str, int] = field(default_factory=dict)  # "name=value" → code
    by_token: dict[str, list[int]] = field(default_factory=dict)  # filter token → codes

    def copy(self) -> "FacetColumns":
        return FacetColumns(self.max_id, self.ids, self.row_of, dict(self.columns),
                            {k: dict(v) for k, v in self.more.items()}, list(self.pairs), dict(self.codes),
                            {k: list(v) for k, v in self.by_token.items()})

    def _code(self, pair: str) -> int:
        code = self.codes.get(pair)
        if code is None:
            name, _, value = pair.partition("=")
            code = self.codes[pair] = len(self.pairs)
            self.pairs.append((name, value))
            facet = facet_defs.BY_NAME.get(name)
            if facet is not None:
                self.by_token.setdefault(facet_defs.token(facet.code, value), []).append(code)
        return code

    def append(self, rows: list[tuple[int, str]]) -> None:
        """Add (id, facets) rows with ids above `max_id`, in ascending id order.

        Vectorized: every `name=value` pair of the batch is split and coded in one pass, then each
        facet's column is filled by one numpy assignment."""
        if not rows:
            return
        first = len(self.ids)
        total = first + len(rows)
        texts = [row[1] or "" for row in rows]
        words = " ".join(texts).split()
        known = self.codes
        codes = np.array([known[w] if w in known else self._code(w) for w in words], np.int32)
        sizes = np.fromiter((len(t.split()) for t in texts), np.int64, len(texts))
        at = np.repeat(np.arange(first, total, dtype=np.int64), sizes)
        names = sorted({name for name, _ in self.pairs})
        facet_of = np.array([names.index(name) for name, _ in self.pairs], np.int32)[codes] if len(codes) else codes
        for k, name in enumerate(names):
            column = np.full(total, NONE, np.int32)
            old = self.columns.get(name)
            if old is not None:
                column[:first] = old
            mask = facet_of == k
            if mask.any():
                rows_f, codes_f = at[mask], codes[mask]
                _, firsts = np.unique(rows_f, return_index=True)  # pairs keep their order within a row
                column[rows_f[firsts]] = codes_f[firsts]
                if len(firsts) < len(rows_f):  # further values of a facet (several countries, GCM objectives)
                    extra = np.ones(len(rows_f), bool)
                    extra[firsts] = False
                    more = self.more.setdefault(name, {})
                    for row, code in zip(rows_f[extra].tolist(), codes_f[extra].tolist(), strict=True):
                        more.setdefault(row, []).append(code)
            self.columns[name] = column
        ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
        self.ids = np.concatenate([self.ids, ids])
        self.max_id = int(ids[-1])
        row_of = np.full(self.max_id + 1, NONE, np.int32)
        row_of[: len(self.row_of)] = self.row_of[: self.max_id + 1]
        row_of[ids] = np.arange(first, total, dtype=np.int32)
        self.row_of = row_of

    # --- Over a set of matches (row numbers, in the order the engine returned them) ------------------

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """Row numbers of `ids`, in their order (ids the columns do not hold are left out)."""
        if not len(ids):
            return _EMPTY
        ids = ids[ids <= self.max_id]
        rows = self.row_of[ids]
        return rows[rows != NONE].astype(np.int64)

    def _more(self, name: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into `rows`, code) of the further values of facet `name`."""
        extra = self.more.get(name)
        if not extra:
            return _EMPTY, np.empty(0, np.int32)
        where, codes = [], []
        keys = np.fromiter(extra, np.int64, len(extra))
        for i in np.nonzero(np.isin(rows, keys))[0]:
            more = extra[int(rows[i])]
            where.extend([i] * len(more))
            codes.extend(more)
        return np.array(where, np.int64), np.array(codes, np.int32)

    def keep(self, rows: np.ndarray, groups: list[list[str]]) -> np.ndarray:
        """The rows carrying, for every group, at least one of its tokens (groups are ANDed; the
        tokens of one group belong to one facet)."""
        for group in groups:
            if not len(rows):
                break
            codes = [c for token in group for c in self.by_token.get(token, [])]
            if not codes:
                return _EMPTY
            name = self.pairs[codes[0]][0]
            wanted = np.zeros(len(self.pairs) + 1, bool)  # the last slot is NONE's (-1)
            wanted[codes] = True
            has = wanted[self.columns[name][rows]]
            where, more = self._more(name, rows)
            if len(more):
                has[where[wanted[more]]] = True
            rows = rows[has]
        return rows

    def count(self, rows: np.ndarray, names: set[str]) -> dict[str, Counter]:
        """Counts of each value of the named facets over `rows`."""
        out = {name: Counter() for name in names}
        if not len(rows):
            return out
        for name in names:
            column = self.columns.get(name)
            if column is None:
                continue
            codes = column[rows]
            codes = codes[codes != NONE]
            _, more = self._more(name, rows)
            tally = np.bincount(np.concatenate([codes, more]) if len(more) else codes, minlength=1)
            for code in np.nonzero(tally)[0]:
                out[name][self.pairs[code][1]] = int(tally[code])
        return out


def _key() -> tuple:
    return connection.vendor, connection.alias, str(connection.settings_dict.get("NAME"))


def _append_rows(state: FacetColumns, upto: int) -> None:
    """Read the rows after `state.max_id` up to `upto`, a batch at a time (bounded memory)."""
    with connection.cursor() as cursor:
        while state.max_id < upto:
            cursor.execute("SELECT id, facets FROM search_entry WHERE id > %s AND id <= %s ORDER BY id LIMIT %s",
                           [state.max_id, upto, _LOAD_BATCH])
            batch = cursor.fetchall()
            if not batch:
                break
            state.append(batch)


def current() -> FacetColumns:
    """The columns, up to date with what this connection sees."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_entry")
        top = cursor.fetchone()[0] or 0
    key = _key()
    with _LOCK:
        state = _STATE.get(key)
        # Ids went down (a flushed or restored database), or more ids were added than are held (a
        # `colloquy reindex` replaced the entries, whose old rows would otherwise stay as dead weight):
        # read everything again.
        if state is None or top < state.max_id or top - state.max_id > len(state.ids):
            state = _STATE[key] = FacetColumns()
        if top == state.max_id:
            return state
        if connection.in_atomic_block:  # what is read now may be rolled back: use it, do not keep it
            state = state.copy()
        _append_rows(state, top)
        return state


def forget() -> None:
    """Drop every cached column set (tests; after restoring a database under a running process)."""
    with _LOCK:
        _STATE.clear()


def warm_in_background() -> threading.Thread:
    """Load the columns in a thread at server start, so the first search does not wait for them
    (seconds at 1M entries: docs/benchmarks-search.md); a search meanwhile waits on the same lock."""

    def load():
        try:
            current()
        except Exception:  # a database not migrated yet, or gone: the first search loads instead
            pass
        finally:
            connections.close_all()

    thread = threading.Thread(target=load, name="colloquy-facet-columns", daemon=True)
    thread.start()
    return thread
