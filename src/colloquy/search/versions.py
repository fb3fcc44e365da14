"""One result per document symbol: the language versions of a document (same symbol, another language,
see dialogues/versions.py) would otherwise be three hits saying the same thing. On a page of hits, the best
hit of a symbol stands for its versions and lists their languages; the other versions' hits of the same kind
are left out. Totals and facet counts still count entries (each version is indexed on its own words)."""

import dataclasses

from colloquy.dialogues.models import Document
from colloquy.dialogues.versions import versions_by_symbol
from colloquy.search.results import Hit

DOCUMENT_KINDS = ("document", "passage")


def group_versions(hits: list[Hit], actor) -> list[Hit]:
    ids = {h.object_id for h in hits if h.kind in DOCUMENT_KINDS}
    if not ids:
        return hits
    documents = list(Document.objects.filter(pk__in=ids).only("pk", "symbol", "language"))
    symbol_of = {d.pk: d.symbol for d in documents if d.symbol}
    groups = versions_by_symbol([d for d in documents if d.symbol], actor)
    kept: dict[tuple[str, str], int] = {}  # (kind, symbol) -> the document whose hits stand for the symbol
    out = []
    for hit in hits:
        symbol = symbol_of.get(hit.object_id) if hit.kind in DOCUMENT_KINDS else None
        versions = groups.get(symbol, []) if symbol else []
        if len(versions) < 2:
            out.append(hit)
            continue
        first = kept.setdefault((hit.kind, symbol), hit.object_id)
        if first != hit.object_id:
            continue  # another language version of a document already on this page
        out.append(dataclasses.replace(hit, versions=tuple(versions)))
    return out
