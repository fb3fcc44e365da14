"""Search results made presentable: the HTML of highlighted passages (for the page) and the JSON shape
shared by the REST API and `colloquy search --json`. `search_run` returns data; this is where it
becomes markup."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from colloquy.search.results import Hit, SearchResult
from colloquy.search.text import CONTROL, MARK_END, MARK_START

_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


def highlight(fragment: str | None) -> SafeString:
    """HTML-escape an engine's marked fragment, then turn the markers into <mark> elements."""
    text = escape(CONTROL.sub(lambda m: m.group(0) if m.group(0) in (MARK_START, MARK_END) else " ", fragment or ""))
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    if MARK_START in text:  # a fragment cut inside a match: mark to the end
        head, _, tail = text.partition(MARK_START)
        text = f"{head}<mark>{tail.replace(MARK_START, '').replace(MARK_END, '')}</mark>"
    # every character of the input went through escape(); only our own <mark> tags were added
    return mark_safe(text.replace(MARK_END, ""))


def title_html(hit: Hit) -> SafeString:
    return highlight(hit.title_fragment) if hit.title_fragment else mark_safe(escape(hit.title))


def snippet_html(hit: Hit) -> SafeString:
    return highlight(hit.body_fragment) if hit.body_fragment else mark_safe(escape(hit.excerpt))


def hit_dict(hit: Hit) -> dict:
    """A hit as the page and the API show it (`title`: the escaped title without its marks)."""
    title = title_html(hit)
    return {"kind": hit.kind, "kind_label": hit.kind_label, "id": hit.object_id, "part": hit.part,
            "title": str(title).replace("<mark>", "").replace("</mark>", ""), "title_html": title,
            "snippet_html": snippet_html(hit), "url": hit.url, "anchor": hit.anchor, "year": hit.year,
            "score": hit.score,
            "languages": [{"language": v.language, "language_name": v.language_name, "id": v.pk, "url": v.url}
                          for v in hit.versions]}


def group_dicts(result: SearchResult) -> list[dict]:
    return [{"kind": g.kind, "label": str(g.label), "total": g.total, "hits": [hit_dict(h) for h in g.hits]}
            for g in result.groups]


def result_dict(result: SearchResult) -> dict:
    return {
        "q": result.q,
        "mode": result.mode,
        "engine": result.engine,
        "total": result.total,
        "total_capped": result.total_capped,  # True: `total` is a lower bound ("at least")
        "page": result.page,
        "per_page": result.per_page,
        "took_ms": result.took_ms,
        "notices": result.notices,
        "error": result.error,
        "hits": [hit_dict(h) for h in result.hits],
        "groups": group_dicts(result),
        "facets": [{"name": g.name, "label": str(g.label),
                    "values": [{"value": v.value, "label": str(v.label), "count": v.count, "selected": v.selected}
                               for v in g.values]} for g in result.facets],
        "facets_partial": result.facets_partial,
    }
