import json

from django.http import Http404, HttpResponse
from django.utils import timezone

from colloquy.outcomes.exporting import all_kinds, columns_for, rows_for, to_csv
from colloquy.outcomes.filters import OutcomeFilter


def export(request, kind, fmt):
    kinds = all_kinds()
    if kind not in kinds or fmt not in ("csv", "json"):
        raise Http404(f"Exports are {', '.join(kinds)} as .csv or .json")
    filters = OutcomeFilter.from_params(request.GET)
    rows = rows_for(kind, request.user, filters)
    stamp = timezone.now().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse("\ufeff" + to_csv(rows, columns_for(kind)), content_type="text/csv; charset=utf-8")
    else:
        payload = {"kind": kind, "generated_at": timezone.now().isoformat(), "filters": filters.as_params(),
                   "warnings": filters.errors, "count": len(rows), "results": rows}
        response = HttpResponse(json.dumps(payload, ensure_ascii=False, indent=1), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="colloquy-{kind}-{stamp}.{fmt}"'
    return response
