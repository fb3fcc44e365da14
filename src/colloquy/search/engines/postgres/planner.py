"""Planner switches for the statements that read search_match, and the planner's estimate of a
condition's matches (which sizes match_ids' first id range)."""

import json
import re
from contextlib import contextmanager

from django.db import connection, transaction

PLANNER = {"enable_seqscan": "off", "enable_indexscan": "off", "max_parallel_workers_per_gather": "0"}
PHRASE_OPERATOR = re.compile(r"<(?:-|\d+)>")


@contextmanager
def bitmap_scans():
    """A cursor whose statements read search_match through its GIN index only.

    The planner does not know that testing `@@` on a row means a TOAST read and may prefer walking the
    primary key or the heap and testing every row. Switched off for these statements only
    (set_config(..., true) lasts to the end of the transaction), with parallel workers, whose start
    costs more than the bitmap scans they would share."""
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(f'current_setting({name!r})' for name in PLANNER)}, "
                       f"{', '.join(f'set_config({name!r}, {value!r}, true)' for name, value in PLANNER.items())}")
        before = cursor.fetchone()[: len(PLANNER)]
        yield cursor
        if nested:  # the caller's transaction goes on: give it its settings back
            cursor.execute("SELECT " + ", ".join("set_config(%s, %s, true)" for _ in PLANNER),
                           [x for pair in zip(PLANNER, before, strict=True) for x in pair])


def plan_estimate(cursor, where: str, params: list) -> tuple[float, bool]:
    """(the planner's estimate of the rows matching `where`, whether they are rechecked as a phrase).

    The estimate comes from GIN statistics (~1 ms). For a phrase it counts the candidates, rows with
    all the phrase's words, each rechecked on its tsvector. A phrase left after stop words are dropped
    ("to challenges" is `challeng`) is no phrase: the planned condition shows a real one as <-> or <N>
    (the tsquery is folded to a constant there)."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_match WHERE {where}", params)
    plan = cursor.fetchone()[0]
    node = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
    while node["Node Type"] == "Result" and node.get("Plans"):  # under numnode()'s one-time filter
        node = node["Plans"][0]
    return max(float(node["Plan Rows"]), 1.0), bool(PHRASE_OPERATOR.search(json.dumps(node)))
