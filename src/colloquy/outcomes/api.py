"""REST API for outcomes and follow-up, mounted at /api/outcomes.

Read endpoints are public and return the same rows as the CSV/JSON exports (filtered the same way).
Focal points file progress reports with a bearer token (or a browser session with CSRF)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from colloquy.accounts.auth import api_user, authenticated
from colloquy.core.access import focal_organization, require_secretariat
from colloquy.core.apischema import Id
from colloquy.core.errors import DomainError
from colloquy.core.ratelimit import limit_per_organization
from colloquy.dialogues.models import Event, SessionParticipant
from colloquy.directory.models import Organization
from colloquy.outcomes import services
from colloquy.outcomes.exporting import indicator_row, response_row, rows_for
from colloquy.outcomes.filters import OutcomeFilter
from colloquy.outcomes.models import (
    Commitment,
    FollowUpRound,
    GoodPractice,
    Indicator,
    KeyMessage,
    ProgressReport,
    Recommendation,
)
from colloquy.outcomes.rounds_status import round_progress
from colloquy.outcomes.schemas import (
    ClusterRow,
    CommitmentRow,
    DeskItemIn,
    DeskItemOut,
    DeskKind,
    Filters,
    IndicatorIn,
    IndicatorRow,
    MoveIn,
    PracticeRow,
    RecommendationRow,
    ReportIn,
    ReportOut,
    ResponseIn,
    ResponseRow,
    RoundOut,
    StatusRow,
    TagSuggestionsOut,
    TransitionIn,
)
from colloquy.outcomes.services import tracking
from colloquy.outcomes.tagging import suggest_for, suggest_sdg_for
from colloquy.reference.models import GcmObjective, SdgTarget

router = Router(tags=["outcomes"])


def _filters(params: Filters) -> OutcomeFilter:
    f = OutcomeFilter.from_params({k: "" if v is None else str(v) for k, v in params.dict().items()})
    if f.errors:
        raise DomainError(" ".join(f.errors), code="invalid_filter")
    return f


@router.get("/recommendations", response=list[RecommendationRow], summary="Recommendations with follow-up counts")
def list_recommendations(request, filters: Query[Filters]):
    return rows_for("recommendations", api_user(request), _filters(filters))


@router.get("/practices", response=list[PracticeRow], summary="Good practices")
def list_practices(request, filters: Query[Filters]):
    return rows_for("practices", api_user(request), _filters(filters))


@router.get("/commitments", response=list[CommitmentRow], summary="Commitments with their latest status")
def list_commitments(request, filters: Query[Filters]):
    return rows_for("commitments", api_user(request), _filters(filters))


@router.get("/status", response=list[StatusRow], summary="Latest status of every tracked item")
def list_status(request, filters: Query[Filters]):
    return rows_for("status", api_user(request), _filters(filters))


@router.get("/responses", response=list[ResponseRow], summary="Addressees' formal responses to recommendations")
def list_responses(request, filters: Query[Filters]):
    return rows_for("responses", api_user(request), _filters(filters))


@router.get("/indicators", response=list[IndicatorRow], summary="Indicators with baseline, target and current value")
def list_indicators(request, filters: Query[Filters]):
    return rows_for("indicators", api_user(request), _filters(filters))


@router.get("/clusters", response=list[ClusterRow], summary="Confirmed clusters of overlapping recommendations")
def list_clusters(request, filters: Query[Filters]):
    return rows_for("clusters", api_user(request), _filters(filters))


def _addressee(user, rec_id, organization_id):
    """The recommendation (as the user may see it) and the organization acted for (a focal point's own unless
    the secretariat names one)."""
    rec = get_object_or_404(Recommendation.objects.visible_to(user), pk=rec_id)
    organization = focal_organization(user)
    if organization_id is not None:
        organization = get_object_or_404(Organization, pk=organization_id)
    if organization is None:
        raise DomainError(gettext("Say which organization this is for (organization_id)."), field="organization_id")
    return rec, organization


@router.post("/responses", response={201: ResponseRow}, auth=authenticated, summary="Record an addressee's response")
def record_response(request, payload: ResponseIn):
    rec, organization = _addressee(request.auth, payload.recommendation_id, payload.organization_id)
    response = tracking.response_record(recommendation=rec, organization=organization, position=payload.position.value,
                                        responded_on=payload.responded_on, text=payload.text,
                                        responsible_institution=payload.responsible_institution, actor=request.auth)
    return Status(201, response_row(response))


@router.post("/indicators", response={201: IndicatorRow}, auth=authenticated, summary="Add an indicator to track a recommendation")
def create_indicator(request, payload: IndicatorIn):
    rec, organization = _addressee(request.auth, payload.recommendation_id, payload.organization_id)
    i = tracking.indicator_create(recommendation=rec, organization=organization, label=payload.label, unit=payload.unit,
                                  baseline=payload.baseline, target=payload.target, target_date=payload.target_date,
                                  actor=request.auth)
    return Status(201, indicator_row(i))


def _report_out(report) -> dict:
    return {"id": report.pk, "kind": report.kind, "target_id": report.target.pk, "organization": report.organization.name,
            "organization_id": report.organization_id, "state": report.state, "version": report.version,
            "status": report.status, "narrative": report.narrative, "indicator_label": report.indicator_label,
            "indicator_value": report.indicator_value, "indicator_id": report.indicator_id,
            "submitted_at": report.submitted_at,
            "evidence": [{"url": e.url, "file": reverse("outcomes:evidence", args=[e.pk]) if e.file else None,
                          "label": e.label} for e in report.evidence.all()]}


@router.get("/recommendations/{rec_id}/reports", response=list[ReportOut], summary="Follow-up timeline of a recommendation")
def recommendation_reports(request, rec_id: Id):
    user = api_user(request)
    rec = get_object_or_404(Recommendation.objects.visible_to(user), pk=rec_id)
    return [_report_out(r) for r in ProgressReport.objects.visible_to(user).filter(recommendation=rec).timeline().prefetch_related("evidence")]


@router.get("/commitments/{commitment_id}/reports", response=list[ReportOut], summary="Follow-up timeline of a commitment")
def commitment_reports(request, commitment_id: Id):
    user = api_user(request)
    commitment = get_object_or_404(Commitment.objects.visible_to(user), pk=commitment_id)
    return [_report_out(r) for r in ProgressReport.objects.visible_to(user).filter(commitment=commitment).timeline().prefetch_related("evidence")]


@router.post("/reports", response={201: ReportOut}, auth=authenticated, summary="File a progress report")
def file_report(request, payload: ReportIn):
    user = request.auth
    if (payload.recommendation_id is None) == (payload.commitment_id is None):
        raise DomainError(gettext("Give exactly one of recommendation_id or commitment_id."), field="recommendation_id")
    common = {"status": payload.status.value, "narrative": payload.narrative, "evidence_links": payload.evidence_links,
              "indicator_label": payload.indicator_label, "indicator_value": payload.indicator_value,
              "submit": payload.submit, "actor": user}
    if payload.commitment_id is not None:
        commitment = get_object_or_404(Commitment.objects.visible_to(user), pk=payload.commitment_id)
        report = services.commitment_report_progress(commitment=commitment, **common)
    else:
        rec = get_object_or_404(Recommendation.objects.visible_to(user), pk=payload.recommendation_id)
        organization = focal_organization(user)
        if payload.organization_id is not None:
            organization = get_object_or_404(Organization, pk=payload.organization_id)
        if organization is None:
            raise DomainError(gettext("Say which organization this report is for (organization_id)."), field="organization_id")
        indicator = None
        if payload.indicator_id is not None:
            indicator = get_object_or_404(Indicator.objects.visible_to(user), pk=payload.indicator_id)
        report = services.recommendation_report_progress(recommendation=rec, organization=organization,
                                                         indicator=indicator, **common)
    return Status(201, _report_out(report))


@router.get("/reports/mine", response=list[ReportOut], auth=authenticated, summary="My organization's reports, drafts included")
def my_reports(request):
    org = focal_organization(request.auth)
    if org is None:
        return []
    return [_report_out(r) for r in ProgressReport.objects.filter(organization=org).prefetch_related("evidence")]


@router.post("/reports/{report_id}/submit", response=ReportOut, auth=authenticated, summary="Submit a draft")
def submit_report(request, report_id: Id):
    report = get_object_or_404(ProgressReport.objects.visible_to(request.auth).drafts(), pk=report_id)
    return _report_out(services.report_submit(report=report, actor=request.auth))


@router.post("/reports/{report_id}/evidence", response={201: ReportOut}, auth=authenticated,
             summary="Attach an evidence file (multipart field `file`) or link (`url`) to a draft")
def add_evidence(request, report_id: Id, file: File[UploadedFile] = None, url: Form[str] = ""):
    report = get_object_or_404(ProgressReport.objects.visible_to(request.auth).drafts(), pk=report_id)
    if file:
        limit_per_organization("upload", report.organization_id)
    services.report_add_evidence(report=report, evidence_links=[url] if url else [],
                                 evidence_files=[file] if file else [], actor=request.auth)
    return Status(201, _report_out(ProgressReport.objects.get(pk=report.pk)))


@router.get("/rounds", response=list[RoundOut], summary="Follow-up rounds and their response rates")
def list_rounds(request):
    out = []
    for r in FollowUpRound.objects.all():
        p = round_progress(r)
        out.append({"id": r.pk, "title": r.title, "state": r.state, "deadline": r.deadline, "addressed": p.addressed,
                    "responded": p.responded, "partial": p.partial, "response_rate": round(p.rate, 4)})
    return out


# --- the rapporteur's desk: the secretariat writes, orders and publishes an event's outcomes -----------------------

DESK_MODELS = {"message": KeyMessage, "recommendation": Recommendation, "practice": GoodPractice}


def _desk_out(kind: str, record) -> dict:
    practice = kind == "practice"
    return {"kind": kind, "id": record.pk, "event": record.event.slug if record.event_id else "", "state": record.state,
            "order": record.order, "text": record.title if practice else record.text,
            "description": record.description if practice else "",
            "addressee": getattr(record, "addressee", ""), "addressee_detail": getattr(record, "addressee_detail", ""),
            "category": getattr(record, "category", ""), "country": record.country if practice else "",
            "actor": record.actor if practice else "", "session_id": record.session_id,
            "speaker_id": record.presenter_id if practice else record.speaker_id,
            "gcm_objectives": sorted(o.number for o in record.gcm_objectives.all())}


def _desk_record(request, kind: DeskKind, item_id: int):
    require_secretariat(request.auth)
    return get_object_or_404(DESK_MODELS[kind].objects.select_related("event"), pk=item_id)


@router.get("/desk/events/{slug}", response=list[DeskItemOut], auth=authenticated,
            summary="Secretariat: an event's key messages, recommendations and practices in every state, in order")
def desk_items(request, slug: str):
    require_secretariat(request.auth)
    event = get_object_or_404(Event, slug=slug[:110])
    return [_desk_out(kind, r) for kind, model in DESK_MODELS.items()
            for r in model.objects.filter(event=event).in_desk_order().select_related("event")
            .prefetch_related("gcm_objectives")]


@router.post("/desk/items", response={201: DeskItemOut}, auth=authenticated,
             summary="Secretariat: write a key message, recommendation or good practice (a draft by default)")
def desk_create(request, payload: DeskItemIn):
    user = request.auth
    require_secretariat(user)
    event = get_object_or_404(Event, slug=payload.event)
    speaker = session = None
    if payload.speaker_id is not None:
        speaker = get_object_or_404(SessionParticipant.objects.select_related("session"), pk=payload.speaker_id)
    if payload.session_id is not None:
        session = get_object_or_404(event.sessions, pk=payload.session_id)
    common = {"actor": user, "event": event, "session": session, "state": payload.state.value,
              "gcm_objectives": list(GcmObjective.objects.filter(number__in=payload.gcm_objectives))}
    if payload.kind == "message":
        record = services.key_message_create(text=payload.text, speaker=speaker, **common)
    elif payload.kind == "recommendation":
        record = services.recommendation_create(text=payload.text, speaker=speaker, addressee=payload.addressee.value,
                                                addressee_detail=payload.addressee_detail, category=payload.category,
                                                **common)
    else:
        record = services.good_practice_create(title=payload.text, description=payload.description,
                                               country=payload.country.upper(), practice_actor=payload.actor,
                                               presenter=speaker, **common)
    return Status(201, _desk_out(payload.kind, record))


@router.post("/desk/items/{kind}/{item_id}/transition", response=DeskItemOut, auth=authenticated,
             summary="Secretariat: approve, publish or send back to draft")
def desk_transition(request, kind: DeskKind, item_id: Id, payload: TransitionIn):
    record = services.outcome_transition(record=_desk_record(request, kind, item_id), target=payload.target.value,
                                         actor=request.auth)
    return _desk_out(kind, record)


@router.post("/desk/items/{kind}/{item_id}/move", response=DeskItemOut, auth=authenticated,
             summary="Secretariat: move one place up or down in the event's list")
def desk_move(request, kind: DeskKind, item_id: Id, payload: MoveIn):
    record = services.outcome_move(record=_desk_record(request, kind, item_id),
                                   direction=-1 if payload.direction == "up" else 1, actor=request.auth)
    return _desk_out(kind, record)
def _tag_suggestions(request, record) -> dict:
    require_secretariat(api_user(request))
    gcm, sdg = suggest_for(record), suggest_sdg_for(record)
    objectives = dict(GcmObjective.objects.values_list("number", "title"))
    targets = dict(SdgTarget.objects.values_list("code", "title"))
    return {"semantic": gcm.semantic, "notice": gcm.notice or sdg.notice,
            "gcm": [{"code": str(s.number), "title": objectives.get(s.number, ""), "score": round(s.score, 4),
                     "method": s.method, "keywords": s.keywords} for s in gcm.suggestions],
            "sdg": [{"code": s.number, "title": targets[s.number], "score": round(s.score, 4), "method": s.method,
                     "keywords": s.keywords} for s in sdg.suggestions if s.number in targets]}


@router.get("/recommendations/{rec_id}/tag-suggestions", response=TagSuggestionsOut, auth=authenticated,
            summary="Suggested GCM objectives and SDG targets for a recommendation (secretariat)")
def recommendation_tag_suggestions(request, rec_id: Id):
    return _tag_suggestions(request, get_object_or_404(Recommendation, pk=rec_id))


@router.get("/practices/{practice_id}/tag-suggestions", response=TagSuggestionsOut, auth=authenticated,
            summary="Suggested GCM objectives and SDG targets for a good practice (secretariat)")
def practice_tag_suggestions(request, practice_id: Id):
    return _tag_suggestions(request, get_object_or_404(GoodPractice, pk=practice_id))
