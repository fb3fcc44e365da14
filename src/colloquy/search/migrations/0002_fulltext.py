"""Full-text structures beside search_entry, per database vendor.

SQLite: an external-content FTS5 table (porter stemming, unicode61 with diacritics folded) kept in
step by triggers. PostgreSQL: a `colloquy` text search configuration (english stemming, unaccent
when the extension can be created) and generated tsvector columns with GIN indexes.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, tags, content='search_entry', content_rowid='id',
        tokenize="porter unicode61 remove_diacritics 2")""",
    # Default ranking: bm25 with a title match worth ten body matches; tags (filters) weigh nothing.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
    END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
    END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE OF title, body, tags ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
        INSERT INTO search_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    # unaccent ships with PostgreSQL (contrib); creating it needs the right privileges. Without it,
    # the configuration still stems English but does not fold accents (documented in docs/search.md).
    """DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'colloquy search: unaccent extension unavailable (%), accents will not be folded', SQLERRM;
    END $$""",
    """DO $$ BEGIN
        CREATE TEXT SEARCH CONFIGURATION colloquy (COPY = english);
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
            ALTER TEXT SEARCH CONFIGURATION colloquy
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF;
    END $$""",
    """ALTER TABLE search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('colloquy'::regconfig, title), 'A')
        || setweight(to_tsvector('colloquy'::regconfig, body), 'B')) STORED""",
    "ALTER TABLE search_entry ADD COLUMN tag_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tags)) STORED",
    "CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)",
    "CREATE INDEX search_entry_tag_tsv ON search_entry USING gin (tag_tsv)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_tag_tsv",
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tag_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS colloquy",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
