"""The JSON shape of a search result, shared by the REST API and `colloquy search --json`."""

from colloquy.search.services import SearchResult


def _hit(hit) -> dict:
    return {"kind": hit.kind, "kind_label": hit.kind_label, "id": hit.object_id, "part": hit.part,
            "title": str(hit.title).replace("<mark>", "").replace("</mark>", ""), "title_html": str(hit.title),
            "snippet_html": str(hit.snippet), "url": hit.url, "anchor": hit.anchor, "year": hit.year,
            "score": hit.score}


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
        "hits": [_hit(h) for h in result.hits],
        "groups": [{"kind": kind, "label": label, "total": total, "hits": [_hit(h) for h in hits]}
                   for kind, label, total, hits in result.groups],
        "facets": [{"name": g.name, "label": g.label,
                    "values": [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                               for v in g.values]} for g in result.facets],
        "facets_partial": result.facets_partial,
    }
