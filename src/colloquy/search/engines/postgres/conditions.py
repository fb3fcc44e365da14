"""The user query and the tag filters as SQL over search_match.tsv.

The user query becomes `to_tsquery('colloquy', %s)` per term, combined with && and !!; each
parameter holds only letters, digits and the operators the renderer adds (see query.to_tsquery).
(`websearch_to_tsquery` would be simpler but has no prefix search.) Filter tags are `#token` lexemes
of the same tsvector, joined to the words' tsquery as one `%s::tsquery` of quoted lexemes.
"""

from colloquy.search import facets as facet_defs
from colloquy.search.engines.base import NOT
from colloquy.search.query import ParsedQuery, to_tsquery

YEAR = facet_defs.BY_NAME["year"].code  # year tag tokens: "xy2017"


def tag_query(groups: list[list[str]]) -> str:
    """The tag groups as tsquery text over `#token` lexemes: required groups ANDed, excluded ones
    negated. Tokens are lowercase letters and digits (facets.token), so quoting them is safe.

    A year range and another filter become one group of combined lexemes (`#xfidm~2017`, written by
    migration 0005's search_tag_vector): GIN then walks a few short posting lists instead of checking
    every match of the words against the filter's long one and each year's."""
    groups = [g for g in groups if [t for t in g if t != NOT]]
    years = next((g for g in groups if g[0] != NOT and all(t.startswith(YEAR) for t in g)), None)
    partner = next((g for g in groups if g is not years and g[0] != NOT), None) if years else None
    if partner is not None:
        combined = [f"{t}~{y[len(YEAR):]}" for t in partner for y in years]
        groups = [combined if g is partner else g for g in groups if g is not years]
    parts = []
    for group in groups:
        tokens = [t for t in group if t != NOT]
        alternatives = "(" + " | ".join(f"'#{t}'" for t in tokens) + ")"
        parts.append(f"!{alternatives}" if group[0] == NOT else alternatives)
    return " & ".join(parts)


def words(query: ParsedQuery) -> tuple[str, list]:
    """The words' tsquery in the `colloquy` configuration (english stemming, accents folded)."""
    sql, params = to_tsquery(query)
    return sql.replace("english", "colloquy"), params


def match_condition(query: ParsedQuery, groups: list[list[str]]) -> tuple[str, list]:
    """One `@@` on search_match.tsv: the words and the tag filters together, so that GIN evaluates the
    filters and the audience exclusion inside the index."""
    tags = tag_query(groups)
    if query.is_empty:
        return ("tsv @@ %s::tsquery", [tags]) if tags else ("TRUE", [])
    sql, params = words(query)
    if not tags:
        return f"tsv @@ {sql}", params
    # Words that are all stop words make an empty tsquery, and `'' && tags` would match every entry
    # with the tags: the first test (a one-time filter, no row involved) rules that out.
    return f"numnode({sql}) > 0 AND tsv @@ ({sql} && %s::tsquery)", [*params, *params, tags]


def rank_expression(query: ParsedQuery) -> tuple[str, list]:
    if query.is_empty:
        return "0", []
    sql, params = words(query)
    return f"ts_rank(tsv, {sql})", params
