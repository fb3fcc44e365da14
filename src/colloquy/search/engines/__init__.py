"""Full-text engines. The contract (and `MatchSet`) is in `base.py`; `factory.py` picks the engine from
`connection.vendor` (Wagtail style); each engine is a package of its own, with a note on its tricks:
`postgres/` (a narrow match table, id buckets, planner switches, a phrase budget, COPY loads) and
`sqlite/` (FTS5 with a word-pair table, trigger-free bulk loads).

Nothing is imported here, so the engine packages can import `base` without a circle.
"""
