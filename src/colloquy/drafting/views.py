"""The secretariat's drafting screens: generate a draft for an event or a cycle, edit it with a preview, issue it,
download it as DOCX or PDF; and the template editor with its preview. Plain forms: no JavaScript needed."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from colloquy.core.web import domain_errors, secretariat_required
from colloquy.dialogues.models import Cycle, Event, EventStatus
from colloquy.drafting import layouts, services
from colloquy.drafting import render as rendering
from colloquy.drafting.forms import DraftForm, GenerateNoteForm, GenerateSummaryForm, IssueForm, TemplateForm
from colloquy.drafting.models import LANGUAGES, Draft, DraftKind


@secretariat_required
def draft_list(request):
    drafts = Draft.objects.visible_to(request.user).select_related("event", "cycle__forum")[:200]
    return render(request, "drafting/draft_list.html", {
        "drafts": drafts, "summary_form": GenerateSummaryForm(prefix="summary", initial=request.GET),
        "note_form": GenerateNoteForm(prefix="note"), "kinds": DraftKind.choices, "languages": LANGUAGES})


@secretariat_required
@require_POST
@domain_errors
def draft_generate(request, kind):
    if kind not in DraftKind.values:
        raise Http404
    summary = kind == DraftKind.SUMMARY
    form = (GenerateSummaryForm if summary else GenerateNoteForm)(request.POST, prefix="summary" if summary else "note")
    if not form.is_valid():
        messages.error(request, gettext("Choose what to draft and the language."))
        return redirect("drafting:list")
    target = {"event": form.cleaned_data["event"]} if summary else {"cycle": form.cleaned_data["cycle"]}
    draft = services.draft_generate(kind=kind, language=form.cleaned_data["language"], actor=request.user, **target)
    messages.success(request, gettext("Draft version %(n)s generated from the record.") % {"n": draft.version})
    return redirect("drafting:draft", draft.pk)


@secretariat_required
@domain_errors
def draft_detail(request, pk):
    draft = get_object_or_404(Draft.objects.visible_to(request.user), pk=pk)
    form = DraftForm(request.POST or None, initial={"title": draft.title, "body": draft.body})
    if request.method == "POST" and form.is_valid():
        services.draft_update(draft=draft, title=form.cleaned_data["title"], body=form.cleaned_data["body"],
                              actor=request.user)
        messages.success(request, gettext("Draft saved."))
        return redirect("drafting:draft", draft.pk)
    issue_form = IssueForm(initial={"symbol": services.suggested_symbol(draft), "issued_on": timezone.localdate()})
    return render(request, "drafting/draft_detail.html", {
        "draft": draft, "form": form, "issue_form": issue_form, "preview": rendering.to_html(draft),
        "versions": Draft.objects.of_target(kind=draft.kind, event=draft.event, cycle=draft.cycle,
                                            language=draft.language).order_by("-version")})


@secretariat_required
@require_POST
@domain_errors
def draft_issue(request, pk):
    draft = get_object_or_404(Draft.objects.visible_to(request.user), pk=pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Give the symbol and a valid date of issue."))
        return redirect("drafting:draft", draft.pk)
    draft = services.draft_issue(draft=draft, symbol=form.cleaned_data["symbol"],
                                 issued_on=form.cleaned_data["issued_on"], actor=request.user)
    messages.success(request, gettext("Issued as %(symbol)s and added to the archive.") % {"symbol": draft.symbol})
    return redirect("drafting:draft", draft.pk)


@secretariat_required
@require_POST
@domain_errors
def draft_revise(request, pk):
    draft = get_object_or_404(Draft.objects.visible_to(request.user), pk=pk)
    revised = services.draft_revise(draft=draft, actor=request.user)
    messages.success(request, gettext("Version %(n)s started from the issued text.") % {"n": revised.version})
    return redirect("drafting:draft", revised.pk)


@secretariat_required
@domain_errors
def draft_download(request, pk, fmt):
    draft = get_object_or_404(Draft.objects.visible_to(request.user), pk=pk)
    if fmt not in rendering.FORMATS:
        raise Http404
    data, name, content_type = services.draft_file(draft, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _preview_target(kind):
    if kind == DraftKind.SUMMARY:
        event = (Event.objects.filter(status=EventStatus.HELD).order_by("-start_date").first()
                 or Event.objects.order_by("-start_date").first())
        return {"event": event} if event else None
    cycle = Cycle.objects.order_by("-year").first()
    return {"cycle": cycle} if cycle else None


@secretariat_required
@domain_errors
def template_edit(request, kind, language):
    if kind not in DraftKind.values or language not in dict(LANGUAGES):
        raise Http404
    text = layouts.sections_to_text(services.template_sections(kind, language))
    form = TemplateForm(request.POST or None, initial={"sections": text})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST:
            services.template_save(kind=kind, language=language, text=form.cleaned_data["sections"], actor=request.user)
            messages.success(request, gettext("Template saved; new drafts follow it."))
            return redirect("drafting:template", kind, language)
        sections = layouts.sections_from_text(kind, form.cleaned_data["sections"])
        target = _preview_target(kind)
        if target is not None:
            title, body = services.preview_body(kind=kind, language=language, sections=sections, **target)
            preview = rendering.to_html(Draft(kind=kind, language=language, title=title, body=body))
    return render(request, "drafting/template_edit.html", {
        "form": form, "kind": kind, "kind_label": DraftKind(kind).label, "language": language, "preview": preview,
        "keys": [*sorted(layouts.SECTIONS[kind]), layouts.TEXT],
        "action": reverse("drafting:template", args=[kind, language])})
