"""The rapporteur's desk: the secretariat writes an event's key messages, recommendations and good practices,
puts them in order and moves them from draft to approved to published.

Every form is a plain POST that works without JavaScript (it redirects back to the desk); htmx posts the same
forms and swaps the desk in place, with the cursor back in the form just used. The writes are the outcome
services (`services/records.py`). GCM suggestions come from the keyword suggester, run in the request.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from colloquy.core.translated import version_initial
from colloquy.core.web import domain_errors, is_htmx, secretariat_required
from colloquy.dialogues.models import Event
from colloquy.outcomes import services
from colloquy.outcomes.forms import KeyMessageForm, PracticeForm, RecommendationForm
from colloquy.outcomes.models import GoodPractice, KeyMessage, OutcomeState, Recommendation
from colloquy.outcomes.tagging import suggest
from colloquy.reference.models import GcmObjective

# kind in the URL -> (model, form, heading, "added" message)
KINDS = {
    "message": (KeyMessage, KeyMessageForm, gettext_lazy("Key messages"), gettext_lazy("Key message added.")),
    "recommendation": (Recommendation, RecommendationForm, gettext_lazy("Recommendations"),
                       gettext_lazy("Recommendation added.")),
    "practice": (GoodPractice, PracticeForm, gettext_lazy("Good practices"), gettext_lazy("Good practice added.")),
}
ACTION_LABELS = {
    OutcomeState.APPROVED: gettext_lazy("Approve"),
    OutcomeState.PUBLISHED: gettext_lazy("Publish"),
    OutcomeState.DRAFT: gettext_lazy("Back to draft"),
}
DONE = {
    OutcomeState.APPROVED: gettext_lazy("Approved."),
    OutcomeState.PUBLISHED: gettext_lazy("Published."),
    OutcomeState.DRAFT: gettext_lazy("Back to draft."),
}
BULK_DONE = {
    OutcomeState.APPROVED: gettext_lazy("Items approved: %(moved)d."),
    OutcomeState.PUBLISHED: gettext_lazy("Items published: %(moved)d."),
    OutcomeState.DRAFT: gettext_lazy("Items back to draft: %(moved)d."),
}
SUGGESTIONS = 5


def _kind(kind):
    if kind not in KINDS:
        raise Http404("Unknown kind of outcome")
    return KINDS[kind]


def form_text(data) -> str:
    """The words a suggestion is made from: a key message's or recommendation's text, a practice's title and
    description."""
    return "\n".join(str(data.get(f) or "") for f in ("text", "title", "description")).strip()


def suggestions_for(text: str, chosen=()) -> list[dict]:
    """Keyword suggestions (fast: no model load in the request), plus objectives already ticked."""
    chosen = {int(n) for n in chosen if str(n).isdigit()}
    numbers = suggest(text, limit=SUGGESTIONS, use_model=False).top(SUGGESTIONS) if text else []
    numbers = [*numbers, *sorted(chosen - set(numbers))]
    titles = dict(GcmObjective.objects.filter(number__in=numbers).values_list("number", "title"))
    return [{"number": n, "title": titles.get(n, ""), "checked": n in chosen} for n in numbers]


def _edit_form(kind, form_class, item, event):
    initial = {name: getattr(item, name) for name in form_class.base_fields if hasattr(item, name)}
    initial |= version_initial(item, form_class.versioned)  # the English original under the plain name
    if kind == "practice":
        initial["practice_actor"] = item.actor
    initial["session"], initial["speaker"] = item.session_id, (item.speaker.pk if item.speaker else None)
    return form_class(event=event, auto_id=f"{kind}-{item.pk}-%s", initial=initial)


def _items(model, event):
    qs = model.objects.filter(event=event).in_desk_order().select_related("session").prefetch_related("gcm_objectives")
    speaker = "presenter" if model is GoodPractice else "speaker"
    items = list(qs.select_related(f"{speaker}__person"))
    kind, form_class = next((k, v[1]) for k, v in KINDS.items() if v[0] is model)
    for position, item in enumerate(items):
        item.edit_form = _edit_form(kind, form_class, item, event)
        item.first, item.last = position == 0, position == len(items) - 1
        item.actions = [(state, ACTION_LABELS[state]) for state in
                        (OutcomeState.APPROVED, OutcomeState.PUBLISHED, OutcomeState.DRAFT) if state in item.allowed_states()]
    return items


def _enhance(form, kind, focus):
    """htmx asks for suggestions as the text is typed (after a pause); the form just used gets the cursor back."""
    words = [name for name in ("text", "title", "description") if name in form.fields]
    selector = f"#desk-{kind}-form"
    include = ", ".join([*(f"{selector} [name={name}]" for name in words), f"{selector} [name=objectives]"])
    for name in words:
        form.fields[name].widget.attrs.update({
            "hx-get": reverse("outcomes:desk_suggest"), "hx-trigger": "input changed delay:500ms",
            "hx-target": f"#{kind}-suggestions", "hx-swap": "innerHTML", "hx-include": include, "hx-sync": "this:replace",
        })
    if focus:
        form.fields[words[0]].widget.attrs["autofocus"] = True


def desk_context(event, *, bound=None, focus="", suggest_kind=""):
    """`bound`: {kind: bound form} for forms shown again (with errors, or to show suggestions)."""
    bound = bound or {}
    sections = []
    for kind, (model, form_class, heading, _added) in KINDS.items():
        form = bound.get(kind) or form_class(event=event, auto_id=f"{kind}-%s")
        _enhance(form, kind, focus == kind)
        data = form.data if form.is_bound else {}
        sections.append({
            "kind": kind, "heading": heading, "items": _items(model, event), "form": form, "focus": focus == kind,
            "suggestions": suggestions_for(form_text(data), data.getlist("objectives")) if form.is_bound else [],
            "suggested": kind == suggest_kind,
        })
    counts = {state: sum(1 for s in sections for i in s["items"] if i.state == state) for state in OutcomeState.values}
    return {"event": event, "sections": sections, "counts": counts, "states": OutcomeState,
            "action_labels": ACTION_LABELS}


def _desk(request, event, *, status=200, note="", **kwargs):
    """htmx: the desk fragment; a full page: the page (a form shown again) or back to the desk."""
    context = desk_context(event, **kwargs) | {"note": note}
    if is_htmx(request):
        return render(request, "outcomes/_desk.html", context, status=status)
    if status != 200 or kwargs.get("bound"):
        return render(request, "outcomes/desk.html", context, status=status)
    if note:
        messages.success(request, note)
    anchor = f"#desk-{kwargs['focus']}" if kwargs.get("focus") else ""
    return redirect(reverse("outcomes:desk", args=[event.slug]) + anchor)


@secretariat_required
def desk(request, slug):
    event = get_object_or_404(Event.objects.select_related("cycle__forum"), slug=slug)
    return render(request, "outcomes/desk.html", desk_context(event))


@require_POST
@secretariat_required
@domain_errors
def desk_new(request, slug, kind):
    event = get_object_or_404(Event.objects.select_related("cycle"), slug=slug)
    model, form_class, _heading, added = _kind(kind)
    form = form_class(request.POST, event=event, auto_id=f"{kind}-%s")
    if "suggest" in request.POST:  # without JavaScript: show the suggestions for what was typed, keep the text
        form.is_valid()
        form.errors.clear()
        return _desk(request, event, bound={kind: form}, focus=kind, suggest_kind=kind)
    if not form.is_valid():
        return _desk(request, event, bound={kind: form}, focus=kind, status=400)
    data = dict(form.cleaned_data)
    common = {"actor": request.user, "event": event, "state": OutcomeState.DRAFT,
              "gcm_objectives": list(GcmObjective.objects.filter(number__in=data.pop("objectives")))}
    where = form.where()
    common["session"] = where["session"]
    data.pop("session"), data.pop("speaker")
    data = {k: v for k, v in data.items() if k not in form.versions()}
    common["versions"] = form.versions()
    if model is KeyMessage:
        services.key_message_create(speaker=where["speaker"], **common, **data)
    elif model is Recommendation:
        services.recommendation_create(speaker=where["speaker"], **common, **data)
    else:
        services.good_practice_create(presenter=where["speaker"], **common, **data)
    return _desk(request, event, focus=kind, note=str(added))


def _record(kind, pk):
    model = _kind(kind)[0]
    return get_object_or_404(model.objects.select_related("event"), pk=pk, event__isnull=False)


@require_POST
@secretariat_required
@domain_errors
def desk_item(request, kind, pk, action):
    record = _record(kind, pk)
    if action in ("up", "down"):
        services.outcome_move(record=record, direction=-1 if action == "up" else 1, actor=request.user)
        note = gettext("Moved up.") if action == "up" else gettext("Moved down.")
    elif action in OutcomeState.values:
        services.outcome_transition(record=record, target=action, actor=request.user)
        note = str(DONE[action])
    else:
        raise Http404("Unknown action")
    return _desk(request, record.event, focus=kind, note=note)


@require_POST
@secretariat_required
@domain_errors
def desk_edit(request, kind, pk):
    record = _record(kind, pk)
    form = _kind(kind)[1](request.POST, event=record.event)
    if not form.is_valid():
        return _desk(request, record.event, status=400, focus=kind,
                     note="; ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()
                                    if f in form.fields))
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("session", "speaker", "objectives")}
    services.outcome_update(record=record, actor=request.user, **form.where(), **data)
    return _desk(request, record.event, focus=kind, note=gettext("Saved."))


@require_POST
@secretariat_required
@domain_errors
def desk_bulk(request, slug):
    event = get_object_or_404(Event, slug=slug)
    target = request.POST.get("target", "")
    if target not in OutcomeState.values:
        messages.error(request, gettext("Choose approve, publish or back to draft."))
        return redirect("outcomes:desk", slug=event.slug)
    records = []
    for value in request.POST.getlist("items"):
        kind, _sep, pk = value.partition(":")
        if kind in KINDS and pk.isdigit():
            records.extend(KINDS[kind][0].objects.filter(event=event, pk=int(pk)))
    if not records:
        return _desk(request, event, status=400, note=gettext("Tick at least one item first."))
    moved, skipped = services.outcomes_bulk_transition(records=records, target=target, actor=request.user)
    note = str(BULK_DONE[target]) % {"moved": len(moved)}
    if skipped:
        note += " " + gettext("Left as they were (not allowed from their state): %(skipped)d.") % {"skipped": len(skipped)}
    return _desk(request, event, note=note)


@require_GET
@secretariat_required
def desk_suggest(request):
    """The suggestion box of a desk form, for what has been typed so far (htmx, as the text is typed)."""
    return render(request, "outcomes/_desk_suggestions.html", {
        "suggestions": suggestions_for(form_text(request.GET), request.GET.getlist("objectives")),
        "kind": request.GET.get("kind", "")[:20], "asked": True})
