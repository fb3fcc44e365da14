"""PostgreSQL: entries in French or Spanish are also indexed with their language's stemmer.

Text search configurations `colloquy_french` and `colloquy_spanish` (copies of `french` and `spanish`,
with unaccent before the stemmer when the extension exists, as `colloquy` does for English). An entry
whose tags carry `xlfr` or `xles` (index.language_tags) gets the lexemes of that configuration added to
its English ones in `search_match.tsv`; a French or Spanish query looks each word up in both
(query.to_tsquery). Entries written before this migration carry no language token: `colloquy reindex
--kind document` adds it. SQLite needs nothing here: the stems are written as tokens of `tags`.
"""

from django.db import migrations

CONFIGS = {"french": "french_stem", "spanish": "spanish_stem"}
WORD_VECTOR = """CREATE OR REPLACE FUNCTION search_word_vector(title text, body text, tags text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('colloquy'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('colloquy'::regconfig, coalesce(body, '')), 'B') || search_tag_vector(tags)
        {extra}
$$"""
LANGUAGE_VECTOR = """|| CASE WHEN (' ' || coalesce(tags, '') || ' ') LIKE '% xl{code} %' THEN
            setweight(to_tsvector('colloquy_{name}'::regconfig, coalesce(title, '')), 'A')
            || setweight(to_tsvector('colloquy_{name}'::regconfig, coalesce(body, '')), 'B')
        ELSE ''::tsvector END"""
LANGUAGES = {"fr": "french", "es": "spanish"}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, stem in CONFIGS.items():
        schema_editor.execute(f"""DO $$ BEGIN
            CREATE TEXT SEARCH CONFIGURATION colloquy_{name} (COPY = {name});
            IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') THEN
                ALTER TEXT SEARCH CONFIGURATION colloquy_{name}
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem};
            END IF;
        END $$""", params=None)
    extra = "\n        ".join(LANGUAGE_VECTOR.format(code=code, name=name) for code, name in LANGUAGES.items())
    schema_editor.execute(WORD_VECTOR.format(extra=extra), params=None)
    schema_editor.execute(
        "UPDATE search_match SET tsv = search_word_vector(e.title, e.body, e.tags) FROM search_entry AS e "
        "WHERE e.id = search_match.id AND (e.tags LIKE '%xlfr%' OR e.tags LIKE '%xles%')", params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(WORD_VECTOR.format(extra=""), params=None)
    for name in CONFIGS:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS colloquy_{name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_pg_match_table")]

    operations = [migrations.RunPython(forward, backward)]
