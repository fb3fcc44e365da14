"""SQLite: prefix indexes on `search_fts`, and a second FTS5 table `search_grams` of word pairs.

- Prefix indexes for 3 to 6 characters: without them FTS5 answers `migr*` by merging the doclists
  of every word that starts so, in every statement (100 ms for `migra*` at 1M passages, 8 ms with).
  FTS5 stems a prefix like a word (as PostgreSQL does): `pers*` is looked up as `per*`, so the
  3-character index serves many 4-character queries.
- `search_grams(grams, tags)`: external content over the new `search_entry.grams` column, which holds
  each entry's adjacent word pairs, stemmed ("states and" → `state_and`). A two-word phrase is then
  one short doclist instead of two long position lists to walk: `"states and"` took 41 ms to find
  and 42 more to rank at 1M passages (bm25 walks every phrase once more for its IDF), 1 + 15 ms here.
  No prefix index on this table: pairs are looked up whole.

PostgreSQL is unchanged (GIN answers `:*` prefixes; `grams` stays empty there).
"""

from django.db import migrations, models

OLD_TRIGGERS = ["DROP TRIGGER IF EXISTS search_entry_au", "DROP TRIGGER IF EXISTS search_entry_ad",
                "DROP TRIGGER IF EXISTS search_entry_ai"]
FTS_INSERT = "INSERT INTO search_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);"
FTS_DELETE = ("INSERT INTO search_fts(search_fts, rowid, title, body, tags) "
              "VALUES ('delete', old.id, old.title, old.body, old.tags);")
GRAMS_INSERT = "INSERT INTO search_grams(rowid, grams, tags) VALUES (new.id, new.grams, new.tags);"
GRAMS_DELETE = ("INSERT INTO search_grams(search_grams, rowid, grams, tags) "
                "VALUES ('delete', old.id, old.grams, old.tags);")


def _fts(prefix: str) -> str:
    options = f", prefix='{prefix}'" if prefix else ""
    return f"""CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, tags, content='search_entry', content_rowid='id',
        tokenize="porter unicode61 remove_diacritics 2"{options})"""


FORWARD = [
    *OLD_TRIGGERS,
    "DROP TRIGGER IF EXISTS search_entry_agu",
    "DROP TABLE IF EXISTS search_fts",
    "DROP TABLE IF EXISTS search_grams",
    _fts("3 4 5 6"),
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
    # Pairs are stemmed and folded in Python (text.word_pairs); `_` joins the two words of a token.
    """CREATE VIRTUAL TABLE search_grams USING fts5(
        grams, tags, content='search_entry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN {FTS_INSERT} {GRAMS_INSERT} END",
    f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN {FTS_DELETE} {GRAMS_DELETE} END",
    f"CREATE TRIGGER search_entry_au AFTER UPDATE OF title, body, tags ON search_entry BEGIN {FTS_DELETE} {FTS_INSERT} END",
    f"CREATE TRIGGER search_entry_agu AFTER UPDATE OF grams, tags ON search_entry BEGIN {GRAMS_DELETE} {GRAMS_INSERT} END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    "INSERT INTO search_grams(search_grams) VALUES ('rebuild')",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_agu",
    *OLD_TRIGGERS,
    "DROP TABLE IF EXISTS search_grams",
    "DROP TABLE IF EXISTS search_fts",
    _fts(""),
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
    f"CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN {FTS_INSERT} END",
    f"CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN {FTS_DELETE} END",
    f"CREATE TRIGGER search_entry_au AFTER UPDATE OF title, body, tags ON search_entry BEGIN {FTS_DELETE} {FTS_INSERT} END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from colloquy.search.text import word_pairs

    with schema_editor.connection.cursor() as cursor:
        for sql in OLD_TRIGGERS:  # the pairs are filled in before the new tables read them
            cursor.execute(sql)
        cursor.execute("SELECT id, title, body FROM search_entry")
        rows = cursor.fetchall()
        cursor.executemany("UPDATE search_entry SET grams = %s WHERE id = %s",
                           [(word_pairs(title, body), pk) for pk, title, body in rows])
    for sql in FORWARD:
        schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in BACKWARD:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchentry_search_entry_has_vector")]

    operations = [
        migrations.AddField(model_name="searchentry", name="grams", field=models.TextField(blank=True, default=""),
                            preserve_default=False),
        migrations.RunPython(forward, backward),
    ]
