"""Reading search parameters from a query string (page, API) into `search_run` arguments.

One parser for every interface, so a bookmarked page URL and an API URL mean the same thing:
`q`, `mode` (keyword|hybrid|similar), `group` (1 = grouped by record type), `page`, `per_page`,
`year_from`, `year_to`, and one repeatable parameter per facet (`kind`, `forum`, `doc_type`,
`event_kind`, `country`, `category`, `gcm`, `addressee`, `followup`), and `lang` (the query's language,
by default the interface's: French and Spanish words are also matched by their stems).
"""

import re

from django.utils.translation import get_language

from colloquy.search.facets import FACETS
from colloquy.search.services import MODES

_VALUE = re.compile(r"^[\w.-]{1,60}$")


def _int(value, lo, hi):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if lo <= number <= hi else None


def from_querydict(data) -> tuple[dict, list[str]]:
    """(kwargs for search_run without actor, notices about parameters that were ignored)."""
    notices = []
    filters = {}
    for facet in FACETS:
        if facet.name == "year":
            continue
        values = [v for v in data.getlist(facet.name) if v]
        good = [v for v in values if _VALUE.match(v)]
        if len(good) < len(values):
            notices.append(f"Ignored an invalid {facet.name} filter value.")
        if good:
            filters[facet.name] = good[:20]
    years = {}
    for name in ("year_from", "year_to"):
        raw = (data.get(name) or "").strip()
        if raw:
            years[name] = _int(raw, 1, 9999)
            if years[name] is None:
                notices.append(f"{name.replace('_', ' ').capitalize()} must be a year such as 2007; it was ignored.")
    year = (data.get("year") or "").strip()
    if year and _int(year, 1, 9999):
        years["year_from"] = years["year_to"] = _int(year, 1, 9999)
    mode = (data.get("mode") or "keyword").strip()
    if mode not in MODES:
        notices.append(f"There is no search mode {mode[:30]!r} (use keyword, hybrid or similar); keyword search was used.")
        mode = "keyword"
    kwargs = {
        "q": (data.get("q") or "")[:20000],
        "filters": filters,
        "year_from": years.get("year_from"),
        "year_to": years.get("year_to"),
        "mode": mode,
        "group": (data.get("group") or "") in ("1", "true", "on"),
        "page": _int(data.get("page") or 1, 1, 10**6) or 1,
        "per_page": _int(data.get("per_page") or 20, 1, 10**6) or 20,
        # The query's language: `lang`, else the interface's (LocaleMiddleware: cookie or Accept-Language).
        "language": (data.get("lang") or get_language() or "")[:2],
    }
    return kwargs, notices
