"""Business rules for drafted documents. The screens, the API and the CLI call these; nothing else writes.

`draft_generate` builds a draft from the record; `draft_update` saves the secretariat's edits; `draft_issue` sets the
symbol and date and stores the PDF as a Document of the archive (searchable like any other); `draft_revise` starts
the next version of an issued draft, which is issued again as a new Document. Only the secretariat does any of it.
"""

import hashlib
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.workflow import TransitionTable
from colloquy.dialogues.models import Document, DocumentStatus
from colloquy.dialogues.services import document_create
from colloquy.drafting import layouts, markup, render
from colloquy.drafting.models import LANGUAGES, DocumentTemplate, Draft, DraftKind, DraftState
from colloquy.drafting.note import note_body, note_title
from colloquy.drafting.summary import summary_body, summary_title

DRAFT_TRANSITIONS = TransitionTable({DraftState.DRAFT: {DraftState.ISSUED}, DraftState.ISSUED: set()},
                                    labels=dict(DraftState.choices))
MAX_BODY = 200_000  # characters: far beyond any summary or note; a larger paste is a mistake
SYMBOL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./\- ]{0,58}$")


def _check_language(language: str) -> None:
    if language not in dict(LANGUAGES):
        raise DomainError(gettext("Unknown language %(code)s; use en, fr or es.") % {"code": repr(language)},
                          field="language")


def template_sections(kind: str, language: str) -> list[dict]:
    """The stored template of that kind and language, or the built-in layout with headings in that language."""
    stored = DocumentTemplate.objects.filter(kind=kind, language=language).first()
    if stored is not None and stored.sections:
        return stored.sections
    with translation.override(language):
        return layouts.default_sections(kind)


@transaction.atomic
def template_save(*, kind: str, language: str, text: str, actor) -> DocumentTemplate:
    require_secretariat(actor)
    _check_language(language)
    if kind not in DraftKind.values:
        raise DomainError(gettext("Unknown kind of document."), field="kind")
    sections = layouts.sections_from_text(kind, text)
    template = DocumentTemplate.objects.filter(kind=kind, language=language).first()
    before = audit.snapshot(template)
    template = template or DocumentTemplate(kind=kind, language=language)
    template.sections = sections
    template.save()
    audit.record(actor=actor, action="drafting.template.save", target=template, before=before,
                 after=audit.snapshot(template))
    return template


def _build(kind, *, event, cycle, language, sections) -> tuple[str, str]:
    with translation.override(language):
        if kind == DraftKind.SUMMARY:
            return summary_title(event), summary_body(event, sections)
        return note_title(cycle), note_body(cycle, sections)


@transaction.atomic
def draft_generate(*, kind: str, event=None, cycle=None, language: str = "en", actor, sections=None) -> Draft:
    """A new draft from the record: the next version for that document (kind, event or cycle, language).
    `sections` (the template editor's preview) replaces the stored template."""
    require_secretariat(actor)
    _check_language(language)
    if kind == DraftKind.SUMMARY and event is None:
        raise DomainError(gettext("A summary of conclusions is drafted for an event."), field="event")
    if kind == DraftKind.DISCUSSION_NOTE and cycle is None:
        raise DomainError(gettext("A discussion note is drafted for a cycle."), field="cycle")
    if kind not in DraftKind.values:
        raise DomainError(gettext("Unknown kind of document."), field="kind")
    if kind == DraftKind.SUMMARY:
        cycle = None
    else:
        event = None
    title, body = _build(kind, event=event, cycle=cycle, language=language,
                         sections=sections or template_sections(kind, language))
    latest = Draft.objects.of_target(kind=kind, event=event, cycle=cycle, language=language).aggregate(v=Max("version"))
    draft = Draft.objects.create(kind=kind, event=event, cycle=cycle, language=language, version=(latest["v"] or 0) + 1,
                                 title=title[:500], body=body, created_by=acting_user(actor))
    audit.record(actor=actor, action="drafting.draft.generate", target=draft, after=audit.snapshot(draft))
    return draft


def preview_body(*, kind: str, event=None, cycle=None, language: str, sections) -> tuple[str, str]:
    """(title, body) a template would give, without storing anything (the template editor's preview)."""
    return _build(kind, event=event, cycle=cycle, language=language, sections=sections)


@transaction.atomic
def draft_update(*, draft: Draft, title: str, body: str, actor) -> Draft:
    require_secretariat(actor)
    if draft.is_issued:
        raise DomainError(gettext("This version is issued; start a new version to change it."), code="issued")
    title = " ".join(title.split())
    if not title:
        raise DomainError(gettext("A document needs a title."), field="title")
    if len(title) > 500:
        raise DomainError(gettext("The title is longer than 500 characters."), field="title")
    if len(body) > MAX_BODY:
        raise DomainError(gettext("The text is longer than %(n)s characters.") % {"n": MAX_BODY}, field="body")
    if not markup.parse(body):
        raise DomainError(gettext("The document is empty."), field="body")
    before = audit.snapshot(draft)
    draft.title, draft.body = title, body.replace("\r\n", "\n")
    draft.save(update_fields=["title", "body", "updated_at"])
    audit.record(actor=actor, action="drafting.draft.update", target=draft, before=before, after=audit.snapshot(draft))
    return draft


def suggested_symbol(draft: Draft) -> str:
    """The last issued version's symbol with "/Rev.N", or the forum's next `IC/<year>/<n>`."""
    earlier = (Draft.objects.of_target(kind=draft.kind, event=draft.event, cycle=draft.cycle, language=draft.language)
               .filter(state=DraftState.ISSUED).exclude(pk=draft.pk).order_by("version"))
    if earlier:
        first = earlier[0].symbol
        return f"{first}/Rev.{earlier.count()}" if first else ""
    year = (draft.cycle or draft.event.cycle).year
    prefix = f"IC/{year}/"
    taken = [s[len(prefix):] for s in Document.objects.filter(symbol__startswith=prefix).values_list("symbol", flat=True)]
    numbers = [int(t) for t in taken if t.isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


@transaction.atomic
def draft_issue(*, draft: Draft, actor, symbol: str = "", issued_on=None) -> Draft:
    """Set the symbol and date, and store the PDF as a public Document of the archive linked to the event or cycle."""
    require_secretariat(actor)
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    DRAFT_TRANSITIONS.check(draft.state, DraftState.ISSUED)
    symbol = " ".join((symbol or suggested_symbol(draft)).split())
    if not SYMBOL.match(symbol):
        raise DomainError(gettext("A symbol is up to 60 letters, digits, dots, slashes and hyphens, e.g. IC/2027/1."),
                          field="symbol")
    clash = Document.objects.filter(symbol=symbol, language=draft.language).exists()
    if clash:
        raise DomainError(gettext("A document of the archive already has the symbol %(symbol)s.") % {"symbol": symbol},
                          field="symbol")
    before = audit.snapshot(draft)
    draft.state, draft.symbol, draft.issued_on = DraftState.ISSUED, symbol, issued_on or timezone.localdate()
    data = render.to_pdf(draft)
    target_cycle = draft.cycle or draft.event.cycle
    draft.document = document_create(
        actor=actor, title=draft.title, symbol=symbol, date=draft.issued_on, language=draft.language,
        doc_type=draft.kind, forum=target_cycle.forum, cycle=target_cycle, event=draft.event,
        file=ContentFile(data, name=render.filename(draft, "pdf")), sha256=hashlib.sha256(data).hexdigest(),
        text=markup.plain_text(markup.parse(draft.body)), status=DocumentStatus.PUBLISHED)
    draft.save(update_fields=["state", "symbol", "issued_on", "document", "updated_at"])
    audit.record(actor=actor, action="drafting.draft.issue", target=draft, before=before, after=audit.snapshot(draft))
    return draft


@transaction.atomic
def draft_revise(*, draft: Draft, actor) -> Draft:
    """The next version of an issued draft, with its text, to edit and issue again."""
    require_secretariat(actor)
    if not draft.is_issued:
        raise DomainError(gettext("This version is not issued yet; edit it instead."), code="not_issued")
    latest = Draft.objects.of_target(kind=draft.kind, event=draft.event, cycle=draft.cycle,
                                     language=draft.language).aggregate(v=Max("version"))
    revised = Draft.objects.create(kind=draft.kind, event=draft.event, cycle=draft.cycle, language=draft.language,
                                   version=latest["v"] + 1, title=draft.title, body=draft.body,
                                   created_by=acting_user(actor))
    audit.record(actor=actor, action="drafting.draft.revise", target=revised, after=audit.snapshot(revised),
                 note=f"From version {draft.version}")
    return revised


def draft_file(draft: Draft, fmt: str) -> tuple[bytes, str, str]:
    """(bytes, file name, content type) of a draft in `fmt` (docx or pdf): what the screens, the API and the CLI hand over."""
    if fmt not in render.FORMATS:
        raise DomainError(gettext("Unknown format %(fmt)s; use docx or pdf.") % {"fmt": repr(fmt)}, field="format")
    return render.render(draft, fmt), render.filename(draft, fmt), render.CONTENT_TYPES[fmt]
