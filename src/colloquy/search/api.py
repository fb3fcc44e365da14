"""REST: GET /api/search (same parameters as the search page) and /api/search/related."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.responses import Status

from colloquy.accounts.auth import api_user
from colloquy.core.apischema import Id, Limit, Page
from colloquy.dialogues.models import Document
from colloquy.outcomes.models import Recommendation
from colloquy.search import params, semantic
from colloquy.search.serialize import result_dict
from colloquy.search.services import search_run

router = Router(tags=["search"])


@router.get("", summary="Search the archive", response={200: dict, 400: dict})
def search(request, q: str = "", mode: str = "keyword", page: Page = 1, per_page: Page = 20):
    """Full-text search across documents (by passage), events, sessions, people, organizations, themes
    and outcomes. Repeatable facet filters: `kind`, `forum`, `doc_type`, `event_kind`, `country`,
    `category`, `gcm`, `addressee`, `followup`; plus `year_from`, `year_to`, `group=1`.
    Query syntax: words (all must match), "phrases", prefix*, -exclusion. `mode=hybrid|similar` needs
    the semantic extra (the response says when it fell back to keywords)."""
    kwargs, notices = params.from_querydict(request.GET)
    result = search_run(actor=api_user(request), **kwargs)
    result.notices[:0] = notices
    data = result_dict(result)
    if result.error or not kwargs["q"].strip():
        return Status(400, {"detail": result.error or "Give a query in `q`.", "code": "invalid", **data})
    return Status(200, data)


@router.get("/related", summary="Documents related to a document or a recommendation", response={200: dict, 400: dict})
def related(request, document: Id | None = None, recommendation: Id | None = None, limit: Limit = 5):
    user = api_user(request)
    if not semantic.available():
        return Status(200, {"semantic": False, "detail": "Semantic search is not installed on this server.", "related": []})
    limit = max(1, min(limit, 20))
    if document is not None:
        doc = get_object_or_404(Document.objects.visible_to(user), pk=document)
        rows = semantic.related_documents(document=doc, actor=user, k=limit)
    elif recommendation is not None:
        rec = get_object_or_404(Recommendation.objects.visible_to(user), pk=recommendation)
        rows = semantic.related_documents(recommendation=rec, actor=user, k=limit)
    else:
        return Status(400, {"detail": "Give `document` or `recommendation` (an id).", "code": "invalid"})
    return Status(200, {"semantic": True, "related": [
        {"id": r["document"].pk, "title": str(r["document"]), "url": r["url"], "anchor": r["anchor"], "score": r["score"]}
        for r in rows]})
