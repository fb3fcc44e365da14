"""Text helpers shared by the index and the engines: accent folding, word pairs, passages. (Turning the
engines' marked fragments into HTML is the view layer's: serialize.highlight.)"""

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

# Highlight markers: control characters never stored in the index (clean() strips them), so an
# engine's snippet can mark matches with them; serialize.highlight escapes everything else before adding <mark>.
MARK_START = "\x02"
MARK_END = "\x03"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: str | None) -> str:
    """Text as stored in the index: no control characters (form feed and tabs become spaces)."""
    return CONTROL.sub(" ", value or "")


def fold(value: str) -> str:
    """Casefolded, accent-free text (é → e, ñ → n), as both engines index it."""
    text = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


_WORDS = re.compile(r"[^\W_]+")
_STEMS: dict[str, str] = {}
_STEMS_MAX = 500_000


def stem(word: str) -> str:
    """Porter stem of a folded word (snowballstemmer's "porter", the algorithm FTS5's tokenizer uses)."""
    out = _STEMS.get(word)
    if out is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        out = _STEMS[word] = _porter().stemWord(word)
    return out


@functools.cache
def _porter():
    return snowballstemmer.stemmer("porter")


# Languages whose texts are also indexed with their own snowball stemmer (the dialogues' other official
# languages), and the PostgreSQL text search configuration of each (migration 0006).
STEMMED_LANGUAGES = {"fr": "french", "es": "spanish"}


_LANGUAGE_STEMS: dict[tuple[str, str], str] = {}


@functools.cache
def _snowball(language: str):
    return snowballstemmer.stemmer(STEMMED_LANGUAGES[language])


def language_stem_token(language: str, word: str) -> str:
    """The SQLite index token of a folded word stemmed in `language` ("travailleurs" → "qfrtravailleur").

    FTS5's tokenizer stems English only; French and Spanish stems are written beside the text as tokens of
    the `tags` column, prefixed so that they never meet an English word or a filter token."""
    key = (language, word)
    out = _LANGUAGE_STEMS.get(key)
    if out is None:  # snowballstemmer is pure Python: a word costs ~100 µs, so each is stemmed once per process
        if len(_LANGUAGE_STEMS) >= _STEMS_MAX:
            _LANGUAGE_STEMS.clear()
        out = _LANGUAGE_STEMS[key] = f"q{language}{_snowball(language).stemWord(word)}"
    return out


def language_stem_tokens(language: str, *texts: str | None) -> list[str]:
    """The distinct stem tokens of the texts' words, in first-seen order."""
    out = {}
    for text in texts:
        if text:
            for word in _WORDS.findall(fold(text)):
                out.setdefault(language_stem_token(language, word), None)
    return list(out)


def pairs_of(words: list[str]) -> list[str]:
    """Adjacent word pairs of folded words as single stemmed tokens ("migrat_polici"): a two-word phrase
    becomes one lookup. The query side and the index side (word_pairs) both come through here."""
    get = _STEMS.get
    stems = [get(w) or stem(w) for w in words]
    return list(map("_".join, itertools.pairwise(stems)))


def word_pairs(*texts: str | None) -> str:
    """The pair tokens of each text (pairs never span two texts), space-separated, for the index."""
    out = []
    for text in texts:
        if text:
            out.extend(pairs_of(_WORDS.findall(text.lower() if text.isascii() else fold(text))))
    return " ".join(out)


def plain_excerpt(text: str, length: int = 240) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True)
class Passage:
    number: int  # 1-based passage number within the document
    first_paragraph: int  # 1-based paragraph number, the anchor #p-N on the document page
    last_paragraph: int
    page: int | None  # 1-based page, when the text carries form feeds between pages
    text: str

    @property
    def label(self) -> str:
        para = (f"para. {self.first_paragraph}" if self.first_paragraph == self.last_paragraph
                else f"paras. {self.first_paragraph}–{self.last_paragraph}")
        return f"{para}, p. {self.page}" if self.page else para


def paragraphs(text: str) -> list[tuple[int, int | None, str]]:
    """(paragraph number, page, text) for a document's normalised text.

    Paragraphs are separated by blank lines; pages by form feeds (as PDF text extraction emits them).
    Pages are reported only when the text has at least one form feed.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")
    has_pages = len(pages) > 1
    out, number = [], 0
    for page_no, page in enumerate(pages, start=1):
        for block in re.split(r"\n\s*\n", page):
            block = " ".join(clean(block).split())
            if block:
                number += 1
                out.append((number, page_no if has_pages else None, block))
    return out


def passages(text: str, *, target: int = 700, maximum: int = 1500) -> list[Passage]:
    """Chunk a document into passages of about `target` characters along paragraph boundaries.

    Short paragraphs (headings, list items) are merged with the following ones; a paragraph longer
    than `maximum` is split at sentence ends. Every passage knows its paragraphs and page, so a
    result can link to #p-N.
    """
    out: list[Passage] = []
    buf: list[tuple[int, int | None, str]] = []

    def flush():
        if buf:
            out.append(Passage(len(out) + 1, buf[0][0], buf[-1][0], buf[0][1], " ".join(t for _, _, t in buf)))
            buf.clear()

    for number, page, para in paragraphs(text):
        if len(para) > maximum:
            flush()
            for piece in _split_long(para, target, maximum):
                buf.append((number, page, piece))
                flush()
            continue
        if buf and (buf[-1][1] != page or sum(len(t) for _, _, t in buf) + len(para) > maximum):
            flush()
        buf.append((number, page, para))
        if sum(len(t) for _, _, t in buf) >= target:
            flush()
    flush()
    return out


def _split_long(para: str, target: int, maximum: int) -> list[str]:
    sentences = re.split(r"(?<=[.!?;])\s+", para)
    pieces, cur = [], ""
    for sentence in sentences:
        while len(sentence) > maximum:  # no sentence end: cut at a space
            cut = sentence.rfind(" ", 0, maximum)
            cut = cut if cut > 0 else maximum
            pieces.append((cur + " " + sentence[:cut]).strip())
            cur, sentence = "", sentence[cut:].strip()
        if cur and len(cur) + len(sentence) + 1 > target:
            pieces.append(cur)
            cur = sentence
        else:
            cur = f"{cur} {sentence}".strip()
    if cur:
        pieces.append(cur)
    return pieces
