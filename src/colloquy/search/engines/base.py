"""The contract every engine keeps, and what its matching returns.

- `match_ids(query, groups, limit)` → `MatchSet` of up to `limit` matches, the most recently indexed
  (highest id) first; services filters and counts facets over them in memory (columns.py), so this is
  the one statement that visits many matches;
- `scored_ids(query, groups, limit)` → `MatchSet` with `scores`: up to `limit` matches, most recent
  first, for a narrow filtered query whose matches are cheaper to score all at once than to find and
  then rank;
- `match_cap`: how many ids `match_ids` may be asked for per query;
- `base_cap`: how many ids of the words' matches alone services reads when filters are active (the
  filters then go to the engine unless the words match fewer);
- `hits(query, groups, limit, offset, min_id=0)` → [(entry id, score)] best first, among the matches
  with an id of at least `min_id` (a ranking window for very broad queries: see services.RANK_WINDOW);
  engines with `ranks_known_ids` also take `among=` every matching id, and rank those directly;
- `snippets(query, groups, ids)` → {id: (title fragment, body fragment)} with MARK_START/MARK_END
  markers (text.py); the view layer turns them into HTML (serialize.py).

`groups` is a conjunction of disjunctions of tag tokens: [["xfidm"], ["xy2006", "xy2007"]] means
forum IDM and year 2006 or 2007. A group starting with NOT ("!") excludes its tokens: ["!", "xvstaff"].
Audience filtering uses exclusion on purpose: the excluded tokens are rare, while a required
"public" token would be on nearly every row, and bm25 reads the whole posting list of every term.
"""

from dataclasses import dataclass

import numpy as np

NOT = "!"


@dataclass(frozen=True, eq=False)
class MatchSet:
    """Matching ids, the most recently indexed first.

    `complete`: the ids are every match, so their count is exact. False when there were more than the
    limit asked for, or when the engine stopped before reading every match (a work budget: PostgreSQL's
    phrase rechecks); the count is then a lower bound, and services says "at least" so many."""

    ids: np.ndarray
    complete: bool
    scores: np.ndarray | None = None  # scored_ids only: each id's rank score, higher is better
    budget_spent: bool = False  # the engine stopped at its work budget (not complete for that reason)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def read(cls, ids: np.ndarray, limit: int, *, stopped: bool = False, scores: np.ndarray | None = None):
        """From up to `limit + 1` ids read: one more than the limit says there are more matches."""
        return cls(ids[:limit], complete=len(ids) <= limit and not stopped,
                   scores=None if scores is None else scores[:limit], budget_spent=stopped)
