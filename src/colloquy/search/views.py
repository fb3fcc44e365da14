"""The search page: a GET form (bookmarkable URLs) whose results and facets htmx swaps in place."""

from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string

from colloquy.core import fragments
from colloquy.search import params, semantic
from colloquy.search.facets import FACETS
from colloquy.search.serialize import group_dicts, hit_dict
from colloquy.search.services import MODES, search_run


def _url_without(request, name, value=None) -> str:
    data: QueryDict = request.GET.copy()
    data.pop("page", None)
    if value is None:
        data.pop(name, None)
    else:
        data.setlist(name, [v for v in data.getlist(name) if v != value])
    return "?" + data.urlencode()


def search_page(request):
    """The results (search/_form.html) come from the fragment cache (core/fragments.py): they depend on the visitor
    only through their audience (search_run's audiences), and on the query string, which is in the key."""
    kwargs, notices = params.from_querydict(request.GET)
    form = fragments.cached(request, "search:form", (), lambda: render_to_string(
        "search/_form.html", _context(request, kwargs, notices), request=request))
    if request.headers.get("HX-Request"):
        return HttpResponse(form)
    return render(request, "search/search.html", {"q": kwargs["q"], "form_html": form})


def _context(request, kwargs, notices) -> dict:
    result = search_run(actor=request.user, **kwargs) if kwargs["q"].strip() else None
    if result is not None:
        result.notices[:0] = notices
        for group in result.facets:
            for value in group.values:
                data = request.GET.copy()
                data.pop("page", None)
                if group.name == "year":
                    data.pop("year_from", None)
                    data.pop("year_to", None)
                    data.pop("year", None)
                    if not value.selected:
                        data["year_from"] = data["year_to"] = value.value
                else:
                    chosen = data.getlist(group.name)
                    data.setlist(group.name, [v for v in chosen if v != value.value] if value.selected
                                 else [*chosen, value.value])
                value.url = "?" + data.urlencode()
    page_links = {}
    if result is not None:
        for number in (result.page - 1, result.page + 1):
            if 1 <= number <= result.pages:
                data = request.GET.copy()
                data["page"] = str(number)
                page_links[number] = "?" + data.urlencode()
    context = {
        "q": kwargs["q"],
        "form": kwargs,
        "result": result,
        "hits": [hit_dict(h) for h in result.hits] if result else [],  # with their highlighted HTML
        "groups": group_dicts(result) if result else [],
        "modes": MODES,
        "facet_names": [f.name for f in FACETS],
        "semantic_available": semantic.available(),
        "prev_url": page_links.get(result.page - 1) if result else None,
        "next_url": page_links.get(result.page + 1) if result else None,
        "clear_years_url": _url_without(request, "year_from") if kwargs["year_from"] or kwargs["year_to"] else None,
    }
    return context
