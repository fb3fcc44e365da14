"""The search query language, parsed here into a small AST and rendered per engine.

Users type words (all must match), "exact phrases", prefixes (`migra*`) and exclusions (`-word`,
`-"a phrase"`). Nothing the user types reaches an engine verbatim: words are reduced to letters and
digits, accents folded, then rendered by `to_fts5()` or `to_tsquery()`. Hostile input (unbalanced
quotes, lone operators, control characters, huge queries) yields a usable query plus a notice, or an
empty query with a message; never an engine error.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from colloquy.search.text import STEMMED_LANGUAGES, fold, language_stem_token

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MAX_WORD_CHARS = 60  # longer "words" are noise (and PostgreSQL refuses them)

# Words too common to mean anything alone; dropped outside phrases so both engines agree
# (PostgreSQL's english configuration ignores them, FTS5 would require them).
STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if", "in", "into", "is", "it", "its", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "were", "which", "will", "with"]
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Term:
    """One word or an exact phrase (several words); `prefix` makes the last word a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    def __str__(self):
        text = " ".join(self.words)
        text = f'"{text}"' if self.is_phrase else text
        return text + ("*" if self.prefix else "")


@dataclass
class ParsedQuery:
    include: list[Term] = field(default_factory=list)
    exclude: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    error: str = ""  # set when nothing searchable is left
    # The query's language when it is French or Spanish (search_run's `language`): each single word then
    # also matches that language's snowball stem, in entries written in it.
    languages: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.include

    @property
    def terms(self) -> list[str]:
        return [w for t in self.include for w in t.words]

    def __str__(self):
        return " ".join([str(t) for t in self.include] + [f"-{t}" for t in self.exclude])


def _strip_controls(text: str) -> str:
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def parse(raw: str | None) -> ParsedQuery:
    query = ParsedQuery()
    text = _strip_controls(unicodedata.normalize("NFKC", raw or ""))
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        query.notices.append(f"The query was cut to its first {MAX_QUERY_CHARS} characters.")
    i, n = 0, len(text)
    dropped_stopwords = []
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negate = False
        if ch in "-−" and i + 1 < n and not text[i + 1].isspace():
            negate, i = True, i + 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end == -1:
                query.notices.append("A quotation mark was not closed; the rest of the query was read as a phrase.")
                end = n
            chunk, i, quoted = text[i + 1 : end], end + 1, True
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] != '"':
                j += 1
            chunk, i, quoted = text[i:j], j, False
        prefix = chunk.rstrip().endswith("*")
        words = tuple(w for w in _WORD.findall(fold(chunk)) if len(w) <= MAX_WORD_CHARS)
        if not words:
            continue  # a lone operator or punctuation: nothing to search for
        if not quoted and len(words) == 1 and words[0] in STOPWORDS and not prefix:
            dropped_stopwords.append(words[0])
            continue
        term = Term(words, prefix=prefix)
        target = query.exclude if negate else query.include
        if term not in target:
            target.append(term)
    if len(query.include) + len(query.exclude) > MAX_TERMS:
        query.include = query.include[:MAX_TERMS]
        query.exclude = query.exclude[: max(0, MAX_TERMS - len(query.include))]
        query.notices.append(f"Only the first {MAX_TERMS} terms were used.")
    if not query.include:
        if query.exclude:
            query.error = "Add a word to search for: a query cannot only exclude words."
        elif dropped_stopwords:
            query.error = "These words are too common to search for alone: " + ", ".join(dropped_stopwords) + "."
        elif (raw or "").strip():
            query.error = "The query has no letters or digits to search for."
    return query


# --- Rendering ----------------------------------------------------------------------------------

def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"' + (" *" if term.prefix else "")


def _stemmed(query: ParsedQuery, term: Term) -> list[str]:
    """The languages whose stem a term also matches: single words only (phrases and prefixes match as typed)."""
    if term.is_phrase or term.prefix:
        return []
    return [lang for lang in query.languages if lang in STEMMED_LANGUAGES]


def to_fts5(query: ParsedQuery, columns: str = "title body") -> str:
    """An FTS5 MATCH expression limited to the text columns; terms are quoted strings of \\w only.

    A word of a French or Spanish query also matches its stem token in the `tags` column
    (text.language_stem_token), where entries in that language carry their stems."""
    if any(_stemmed(query, t) for t in query.include):
        return _to_fts5_stemmed(query, columns)
    expr = " AND ".join(_fts5_term(t) for t in query.include)
    expr = f"({expr})"
    for term in query.exclude:
        expr = f"({expr} NOT {_fts5_term(term)})"
    return f"{{{columns}}} : {expr}"


def _to_fts5_stemmed(query: ParsedQuery, columns: str) -> str:
    def include(term):
        alternatives = [f"{{{columns}}} : {_fts5_term(term)}"]
        alternatives += [f'tags : "{language_stem_token(lang, term.words[0])}"' for lang in _stemmed(query, term)]
        return "(" + " OR ".join(alternatives) + ")"

    expr = "(" + " AND ".join(include(t) for t in query.include) + ")"
    for term in query.exclude:
        expr = f"({expr} NOT {{{columns}}} : {_fts5_term(term)})"
    return expr


def _ts_term(term: Term) -> str:
    words = list(term.words)
    if term.prefix:
        words[-1] += ":*"
    return " <-> ".join(words)


def to_tsquery(query: ParsedQuery) -> tuple[str, list[str]]:
    """A PostgreSQL tsquery SQL expression and its parameters (one `to_tsquery` per term; a word of a French
    or Spanish query is also looked up in that language's configuration, `colloquy_french`/`colloquy_spanish`)."""
    parts, params = [], []
    for term in query.include:
        languages = _stemmed(query, term)
        alternatives = ["to_tsquery('english', %s)"]
        alternatives += [f"to_tsquery('colloquy_{STEMMED_LANGUAGES[lang]}', %s)" for lang in languages]
        parts.append(alternatives[0] if not languages else "(" + " || ".join(alternatives) + ")")
        params.extend([_ts_term(term)] * len(alternatives))
    for term in query.exclude:
        parts.append("!! to_tsquery('english', %s)")
        params.append(_ts_term(term))
    return "(" + " && ".join(parts) + ")", params
