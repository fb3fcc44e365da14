"""Open data: recommendations, practices, commitments and follow-up status as rows (dicts), filtered like the
dashboards. CSV, JSON and the REST API all serialise these same rows, so they always agree.

List values (objectives, targets, organizations, sources) are lists in JSON and "; "-joined in CSV."""

import csv
import io
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from colloquy.core import hooks
from colloquy.dialogues.models import Citation, Document
from colloquy.outcomes import stats
from colloquy.outcomes.filters import OutcomeFilter
from colloquy.outcomes.models import (
    AddresseeResponse,
    GoodPractice,
    Indicator,
    Recommendation,
    RecommendationCluster,
)

KINDS = ("recommendations", "practices", "commitments", "status", "responses", "indicators", "clusters")
LIST_SEPARATOR = "; "
FORMULA_PREFIXES = ("=", "+", "@", "\t", "\r")


def _url(obj) -> str:
    return settings.SITE_URL.rstrip("/") + obj.get_absolute_url()


def _sources(records, user) -> dict:
    """{record pk: ["SYMBOL, para. 6", ...]} for a list of records of one model, in one query; only citations of
    documents `user` may see."""
    if not records:
        return {}
    ct = ContentType.objects.get_for_model(records[0])
    out = {}
    citations = Citation.objects.filter(target_type=ct, target_id__in=[r.pk for r in records],
                                        document__in=Document.objects.visible_to(user)).select_related("document")
    for c in citations:
        out.setdefault(c.target_id, []).append(f"{c.document.symbol or c.document.title}{', ' + c.label if c.label else ''}")
    return out


def _common(record, sources: dict) -> dict:
    forum = record.forum
    return {
        "forum": forum.acronym or forum.name if forum else "",
        "year": record.year,
        "event": record.event.title if record.event_id else "",
        "event_date": record.event.start_date.isoformat() if record.event_id and record.event.start_date else "",
        "session": record.session.title if record.session_id else "",
        "gcm_objectives": sorted(o.number for o in record.gcm_objectives.all()),
        "sdg_targets": sorted(t.code for t in record.sdg_targets.all()),
        "sources": sources.get(record.pk, []),
    }


def _records(qs):
    return qs.select_related("event__cycle__forum", "cycle__forum", "session").prefetch_related("gcm_objectives",
                                                                                                "sdg_targets")


def recommendation_rows(user, filters: OutcomeFilter) -> list[dict]:
    items = stats.tracked_items(user, filters)
    by_rec = {}
    for item in items:
        if item.kind == "recommendation":
            by_rec.setdefault(item.record.pk, []).append(item)
    qs = _records(filters.recommendations(Recommendation.objects.visible_to(user).published()))
    if filters.status:
        qs = qs.filter(pk__in=by_rec)
    rows = []
    recs = list(qs.order_by("id"))
    sources = _sources(recs, user)
    for rec in recs:
        tracked = by_rec.get(rec.pk, [])
        counts = Counter(i.status for i in tracked)
        rows.append({
            "id": rec.pk, "url": _url(rec), "state": rec.state, "text": rec.text, "addressee": rec.addressee,
            "addressee_detail": rec.addressee_detail, "category": rec.category, **_common(rec, sources),
            "addressed_organizations": [i.organization.name for i in tracked],
            **{f"n_{status}": counts[status] for status in stats.STATUS_ORDER},
        })
    return rows


def practice_rows(user, filters: OutcomeFilter) -> list[dict]:
    qs = _records(filters.practices(GoodPractice.objects.visible_to(user).published())).select_related("presenter__person")
    rows = []
    practices = list(qs.order_by("id"))
    sources = _sources(practices, user)
    for p in practices:
        rows.append({
            "id": p.pk, "url": _url(p), "state": p.state, "title": p.title, "description": p.description, "country": p.country,
            "actor": p.actor, "presenter": p.presenter.person.public_name if p.presenter_id else "", **_common(p, sources),
        })
    return rows


def commitment_rows(user, filters: OutcomeFilter) -> list[dict]:
    rows = []
    items = [i for i in stats.tracked_items(user, filters) if i.kind == "commitment"]
    sources = _sources([i.record for i in items], user)
    for item in items:
        c, report = item.record, item.report
        rows.append({
            "id": c.pk, "url": _url(c), "organization": c.organization.name, "country": c.organization.country,
            "text": c.text, "target_date": c.target_date.isoformat() if c.target_date else "", **_common(c, sources),
            "latest_status": item.status, "latest_version": report.version if report else None,
            "latest_report_date": report.submitted_at.date().isoformat() if report else "",
        })
    return sorted(rows, key=lambda r: r["id"])


def status_rows(user, filters: OutcomeFilter) -> list[dict]:
    rows = []
    responses = {(r.recommendation_id, r.organization_id): r for r in AddresseeResponse.objects.visible_to(user)}
    for item in stats.tracked_items(user, filters):
        report = item.report
        response = responses.get((item.record.pk, item.organization.pk)) if item.kind == "recommendation" else None
        rows.append({
            "kind": item.kind, "record_id": item.record.pk, "url": _url(item.record),
            "organization": item.organization.name, "country": item.country, "region": item.region,
            "year": item.year, "gcm_objectives": sorted(o.number for o in item.objectives),
            "status": item.status, "version": report.version if report else None,
            "submitted_at": report.submitted_at.isoformat() if report else "",
            "indicator_label": report.indicator_label if report else "",
            "indicator_value": str(report.indicator_value) if report and report.indicator_value is not None else "",
            "narrative": report.narrative if report else "",
            "response": response.position if response else "",
            "responsible_institution": response.responsible_institution if response else "",
        })
    return rows


def _filtered_recs(user, filters: OutcomeFilter):
    return filters.recommendations(Recommendation.objects.visible_to(user).published())


def _decimal(value) -> str:
    return "" if value is None else str(value)


def response_rows(user, filters: OutcomeFilter) -> list[dict]:
    qs = (AddresseeResponse.objects.visible_to(user).filter(recommendation__in=_filtered_recs(user, filters))
          .select_related("organization", "recommendation").order_by("recommendation_id", "organization__name", "id"))
    return [response_row(r) for r in qs]


def response_row(r) -> dict:
    return {"id": r.pk, "recommendation_id": r.recommendation_id, "url": _url(r.recommendation),
            "organization": r.organization.name, "country": r.organization.country, "position": r.position,
            "responded_on": r.responded_on.isoformat(), "responsible_institution": r.responsible_institution,
            "text": r.text}


def indicator_rows(user, filters: OutcomeFilter) -> list[dict]:
    qs = (Indicator.objects.visible_to(user).filter(recommendation__in=_filtered_recs(user, filters))
          .select_related("organization", "recommendation", "current_report").order_by("recommendation_id", "id"))
    return [indicator_row(i) for i in qs]


def indicator_row(i) -> dict:
    as_of = i.current_report.submitted_at if i.current_report_id else None
    return {"id": i.pk, "recommendation_id": i.recommendation_id, "url": _url(i.recommendation),
            "organization": i.organization.name, "country": i.organization.country, "label": i.label, "unit": i.unit,
            "baseline": _decimal(i.baseline), "target": _decimal(i.target), "target_date": i.target_date.isoformat(),
            "current_value": _decimal(i.current_value), "current_as_of": as_of.date().isoformat() if as_of else "",
            "percent_of_target": i.percent}


def cluster_rows(user, filters: OutcomeFilter) -> list[dict]:
    recs = set(_filtered_recs(user, filters).values_list("pk", flat=True))
    rows = []
    for cluster in RecommendationCluster.objects.visible_to(user).prefetch_related("recommendations").order_by("id"):
        members = sorted(r.pk for r in cluster.recommendations.all() if r.pk in recs)
        if members:
            rows.append({"id": cluster.pk, "url": _url(cluster), "title": cluster.title, "note": cluster.note,
                         "recommendation_ids": members})
    return rows


ROWS = {"recommendations": recommendation_rows, "practices": practice_rows, "commitments": commitment_rows,
        "status": status_rows, "responses": response_rows, "indicators": indicator_rows, "clusters": cluster_rows}


def all_kinds() -> tuple[str, ...]:
    """This app's kinds, then those other apps add through the `open_data_exports` hook (funding, ballots, calls)."""
    return KINDS + tuple(k for k in hooks.open_data_exports() if k not in KINDS)


def rows_for(kind: str, user, filters: OutcomeFilter) -> list[dict]:
    if kind in ROWS:
        return ROWS[kind](user, filters)
    return hooks.open_data_exports()[kind].rows(user, filters)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    value = str(value)
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value  # keep spreadsheets from running a cell as a formula
    return value


def to_csv(rows: list[dict], columns: list[str] | None = None) -> str:
    columns = columns or (list(rows[0]) if rows else [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def columns_for(kind: str) -> list[str]:
    """Header of an empty export (so an empty CSV still names its columns)."""
    if kind not in KINDS:
        return list(hooks.open_data_exports()[kind].columns)
    return {
        "recommendations": ["id", "url", "state", "text", "addressee", "addressee_detail", "category", "forum", "year", "event",
                            "event_date", "session", "gcm_objectives", "sdg_targets", "sources", "addressed_organizations",
                            *[f"n_{s}" for s in stats.STATUS_ORDER]],
        "practices": ["id", "url", "state", "title", "description", "country", "actor", "presenter", "forum", "year", "event",
                      "event_date", "session", "gcm_objectives", "sdg_targets", "sources"],
        "commitments": ["id", "url", "organization", "country", "text", "target_date", "forum", "year", "event",
                        "event_date", "session", "gcm_objectives", "sdg_targets", "sources", "latest_status", "latest_version",
                        "latest_report_date"],
        "status": ["kind", "record_id", "url", "organization", "country", "region", "year", "gcm_objectives", "status",
                   "version", "submitted_at", "indicator_label", "indicator_value", "narrative", "response",
                   "responsible_institution"],
        "responses": ["id", "recommendation_id", "url", "organization", "country", "position", "responded_on",
                      "responsible_institution", "text"],
        "indicators": ["id", "recommendation_id", "url", "organization", "country", "label", "unit", "baseline", "target",
                       "target_date", "current_value", "current_as_of", "percent_of_target"],
        "clusters": ["id", "url", "title", "note", "recommendation_ids"],
    }[kind]
