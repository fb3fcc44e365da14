"""PostgreSQL: matching moves from search_entry's generated columns to a narrow table, `search_match`.

Why (measured at 1M passages, docs/benchmarks-search.md): GIN gives no index-only scans, so every
match read is a heap visit. On search_entry, whose rows carry the text, 60 % of the tsvectors sat in
TOAST and a common word's 10,000 newest matches took 300 ms to read. Here:

- Each row holds an id and a TOAST pointer: 89 MB of heap for 1M rows, against 1.1 GB with the
  tsvector in line. The tsvector is read from TOAST only to rank the matches ranked, or to recheck a
  phrase. PostgreSQL moves values out of line only from rows longer than ~2 KB, whatever
  `toast_tuple_target` says: `pad` (2 KB of spaces, compressed in line to 35 bytes) makes every row that
  long, and `toast_tuple_target = 128` then makes the toaster move the tsvector out.
- `tsv` holds the words of title (weight A) and body (B) and the filter tags as `#tag` lexemes (a
  query word can never be one): a query is one `@@`, and the tag filters and the audience exclusion
  are evaluated inside the index, never on a row.
- One GIN index over (tsv, id / 4096) with btree_gin: `id / 4096 >= n` restricts the index scan itself
  to the most recent ids, so reading a common word's newest matches visits only their pages (13,290 →
  1,859 heap pages for a word in 7 % of 1M entries). Without btree_gin (a trusted contrib extension,
  like unaccent) the index has no id column and the engine reads matches without it.
- Triggers keep it in step with search_entry (insert, update, delete, truncate).

The generated columns and GIN indexes of migration 0002 are dropped. Word pairs (SQLite's answer to
two-word phrases) were tried here too and left out: their GIN index took 7 minutes to build at 1M
passages, more than the whole load without it.
"""

from django.db import migrations

BUCKET = 4096  # ids per index bucket; engines/postgres/buckets.py uses the same value
PAD = "repeat(' ', 2100)"

FORWARD = [
    """DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS btree_gin;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'colloquy search: btree_gin extension unavailable (%), broad queries read all their matches', SQLERRM;
    END $$""",
    # Tags as '#token' lexemes (array_to_tsvector takes them as they are: no parser, no stemming), and
    # each tag combined with the entry's year, '#xfidm~2017' (audience and year tags excepted): a filter
    # plus a year range is then one group of rare lexemes (see engines/postgres/conditions.py `tag_query`). An
    # entry has one year (every provider gives one). Regular expressions rather than unnest: the function
    # stays one inlinable expression, 13 µs a row (a set-returning body cost 250 µs in the trigger).
    r"""CREATE FUNCTION search_tag_vector(tags text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_to_tsvector(array_remove(string_to_array(
            regexp_replace(coalesce(tags, ''), '(\S+)', '#\1', 'g') || ' ' ||
            coalesce(regexp_replace(regexp_replace(coalesce(tags, ''), '(^|\s)(xy|xv)\S*', ' ', 'g'), '(\S+)',
                                    '#\1~' || substring(tags from '(?:^|\s)xy(\S+)'), 'g'), ''),
            ' '), ''))
    $$""",
    """CREATE FUNCTION search_word_vector(title text, body text, tags text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('colloquy'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('colloquy'::regconfig, coalesce(body, '')), 'B') || search_tag_vector(tags)
    $$""",
    """CREATE TABLE search_match (
        id bigint PRIMARY KEY,
        tsv tsvector NOT NULL,
        pad text NOT NULL DEFAULT ''
    ) WITH (toast_tuple_target = 128)""",
    "ALTER TABLE search_match ALTER COLUMN tsv SET STORAGE EXTERNAL, ALTER COLUMN pad SET STORAGE MAIN",
    f"""CREATE FUNCTION search_entry_match() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.id <> OLD.id) THEN
            DELETE FROM search_match WHERE id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO search_match (id, tsv, pad)
            VALUES (NEW.id, search_word_vector(NEW.title, NEW.body, NEW.tags), {PAD})
            ON CONFLICT (id) DO UPDATE SET tsv = EXCLUDED.tsv;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_entry_match AFTER INSERT OR DELETE OR UPDATE OF id, title, body, tags
        ON search_entry FOR EACH ROW EXECUTE FUNCTION search_entry_match()""",
    """CREATE FUNCTION search_entry_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_match;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER search_entry_truncate AFTER TRUNCATE ON search_entry FOR EACH STATEMENT "
    "EXECUTE FUNCTION search_entry_truncate()",
    f"""INSERT INTO search_match (id, tsv, pad)
        SELECT id, search_word_vector(title, body, tags), {PAD}
        FROM search_entry ORDER BY id""",
    f"""DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
            CREATE INDEX search_match_gin ON search_match USING gin (tsv, (id / {BUCKET}));
        ELSE
            CREATE INDEX search_match_gin ON search_match USING gin (tsv);
        END IF;
    END $$""",
]
DROP_GENERATED = [
    "DROP INDEX IF EXISTS search_entry_tag_tsv",
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tag_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_truncate ON search_entry",
    "DROP TRIGGER IF EXISTS search_entry_match ON search_entry",
    "DROP FUNCTION IF EXISTS search_entry_truncate()",
    "DROP FUNCTION IF EXISTS search_entry_match()",
    "DROP TABLE IF EXISTS search_match",
    "DROP FUNCTION IF EXISTS search_word_vector(text, text, text)",
    "DROP FUNCTION IF EXISTS search_tag_vector(text)",
    """ALTER TABLE search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('colloquy'::regconfig, title), 'A')
        || setweight(to_tsvector('colloquy'::regconfig, body), 'B')) STORED""",
    "ALTER TABLE search_entry ADD COLUMN tag_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, tags)) STORED",
    "CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)",
    "CREATE INDEX search_entry_tag_tsv ON search_entry USING gin (tag_tsv)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in [*DROP_GENERATED, *FORWARD]:
            schema_editor.execute(sql, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fts_prefix_index")]

    operations = [migrations.RunPython(forward, backward)]
