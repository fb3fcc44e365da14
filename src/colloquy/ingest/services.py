"""Ingest documents as *proposed* records, and review them (accept / edit-then-accept / reject).

Services take keyword-only arguments and an explicit actor, run in a transaction and leave audit entries.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Document, DocumentAccess, DocumentStatus
from colloquy.dialogues.services import document_create, document_update
from colloquy.dialogues.versions import version_of
from colloquy.ingest.accept import create_record
from colloquy.ingest.forums import find_forum
from colloquy.ingest.language import detect_language
from colloquy.ingest.matching import rematch
from colloquy.ingest.models import MatchType, Proposal, ProposalKind, ProposalStatus, SourceFile
from colloquy.ingest.pipeline import Extraction, extract_bytes

WITHIN_EVENT = (ProposalKind.SESSION, ProposalKind.KEY_MESSAGE, ProposalKind.RECOMMENDATION, ProposalKind.GOOD_PRACTICE)


@dataclass
class IngestResult:
    name: str
    created: bool
    document: Document | None
    proposals: int = 0


def ingest_bytes(*, data: bytes, name: str, actor) -> IngestResult:
    """Store one document and its extracted items as proposals. Same bytes twice: nothing new.

    Extraction runs before the transaction (it is pure); all writes for one document happen in one
    transaction, so a failure leaves nothing behind.
    """
    require_secretariat(actor)
    sha = hashlib.sha256(data).hexdigest()
    existing = SourceFile.objects.filter(sha256=sha).select_related("document").first()
    if existing:
        return IngestResult(name, False, existing.document)
    extraction = extract_bytes(data, name)
    with transaction.atomic():
        if SourceFile.objects.filter(sha256=sha).exists():  # lost a race with a parallel ingest
            return IngestResult(name, False, SourceFile.objects.get(sha256=sha).document)
        document, count = _store(extraction=extraction, data=data, name=name, actor=actor)
    return IngestResult(name, True, document, count)


def _already(proposal: Proposal) -> str:
    return gettext("This item is already %(status)s.") % {"status": proposal.get_status_display().lower()}


def _placed_like(original: Document | None) -> dict:
    """A language version belongs where the version already on record does (its cycle and event)."""
    if original is None:
        return {}
    return {"cycle": original.cycle, "event": original.event}


def _store(*, extraction: Extraction, data: bytes, name: str, actor) -> tuple[Document, int]:
    ex = extraction.data
    meta = ex["document"]
    text = extraction.norm.text
    forum = find_forum(meta.get("forum"))
    doc_type = meta.get("doc_type") or "other"
    symbol, language = (meta.get("symbol") or "")[:60], meta.get("language") or detect_language(text)
    original = version_of(symbol=symbol, language=language)
    parent = document_create(
        actor=actor, title=(meta.get("title") or name)[:500], symbol=symbol, language=language,
        date=meta.get("date"), doc_type=doc_type, forum=forum or (original.forum if original else None),
        text=text, sha256=hashlib.sha256(data).hexdigest(), access=DocumentAccess.RESTRICTED,
        status=DocumentStatus.DRAFT, **_placed_like(original),
    )
    if original is not None:  # the same symbol in another language: a language version of that document
        audit.record(actor=actor, action="ingest.version", target=parent,
                     after={"version_of": original.pk, "symbol": symbol, "language": language})
    source = SourceFile.objects.create(sha256=parent.sha256, name=name[:300], format=ex["source"].get("format", "txt"),
                                       size=len(data), document=parent, extraction=ex, created_by=acting_user(actor))
    audit.record(actor=actor, action="ingest.source", target=source, after={"name": name, "sha256": source.sha256})

    # Child documents of a compound document; offsets of their items are rebased onto the child text.
    regions: list[tuple[int, int, Document]] = []
    for child in ex.get("children", []):
        child_doc = document_create(
            actor=actor, title=(child.get("title") or f"{parent.title} (part)")[:500], date=child.get("date"),
            doc_type=child.get("doc_type") or "other", forum=forum, parent=parent, text=text[child["start"]:child["end"]],
            access=DocumentAccess.RESTRICTED, status=DocumentStatus.DRAFT,
        )
        regions.append((child["start"], child["end"], child_doc))
    starts = [r[0] for r in regions]
    numbered = [(m.start(), int(m.group(1))) for m in re.finditer(r"(?m)^(?:- )?(\d{1,3})\.\s", text)]
    numbered_starts = [n[0] for n in numbered]

    def place(ev: dict | None) -> tuple[Document, int | None, int | None, str, int | None]:
        if not ev:
            return parent, None, None, "", None
        start, end = ev["start"], ev["end"]
        i = bisect.bisect_right(starts, start) - 1
        doc, base = parent, 0
        if i >= 0 and start < regions[i][1]:
            doc, base = regions[i][2], regions[i][0]
        j = bisect.bisect_right(numbered_starts, start) - 1
        label = ""
        if j >= 0:
            para_end = text.find("\n", numbered_starts[j])
            if para_end == -1 or start < para_end:
                label = f"para. {numbered[j][1]}"
        page = ev.get("page")
        if not label and page:
            label = f"p. {page}"
        return doc, start - base, end - base, label, page

    order = 0
    proposals: list[Proposal] = []
    main_event: dict[int, Proposal] = {}

    def add(kind, item, *, confidence, event=None):
        nonlocal order
        doc, start, end, label, page = place(item.get("evidence"))
        data = {k: v for k, v in item.items() if k != "evidence"}
        p = Proposal.objects.create(source=source, document=doc, kind=kind, data=data, start=start, end=end,
                                    page=page, label=label, confidence=confidence, order=order,
                                    event_proposal=event if event is not None else main_event.get(doc.pk))
        order += 1
        proposals.append(p)
        return p

    for item in ex["events"]:
        confidence = 0.9 if item.get("start") and item.get("status") else 0.6
        p = add(ProposalKind.EVENT, item, confidence=confidence, event=False or None)
        main_event.setdefault(p.document_id, p)
    for item in ex["sessions"]:
        add(ProposalKind.SESSION, item, confidence=0.8 if item.get("start_time") else 0.5)
    for item in ex["themes"]:
        add(ProposalKind.THEME, {**item, "forum": meta.get("forum")}, confidence=0.8)
    for item in ex["key_messages"]:
        add(ProposalKind.KEY_MESSAGE, item, confidence=0.6)
    for item in ex["recommendations"]:
        add(ProposalKind.RECOMMENDATION, item, confidence=0.8 if item.get("category") else 0.6)
    for item in ex["good_practices"]:
        add(ProposalKind.GOOD_PRACTICE, item, confidence=0.7 if item.get("country") else 0.4)
    for item in ex["people"]:
        add(ProposalKind.PERSON, item, confidence=0.8 if item.get("role") or item.get("organization") else 0.6)
    for item in ex["donors"]:
        add(ProposalKind.ORGANIZATION, {**item, "role": "donor"}, confidence=0.7)
    for p in proposals:  # events first: an item within a matched event is matched among that event's records
        rematch(p)
    return parent, len(proposals)


# --- Review -----------------------------------------------------------------------------------------
def proposal_reject(*, proposal: Proposal, actor, note: str = "") -> Proposal:
    with transaction.atomic():
        require_secretariat(actor)
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PROPOSED:
            raise DomainError(_already(proposal), code="reviewed")
        proposal.status = ProposalStatus.REJECTED
        proposal.reviewed_by, proposal.reviewed_at = acting_user(actor), timezone.now()
        proposal.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        audit.record(actor=actor, action="ingest.reject", target=proposal, after={"status": "rejected"}, note=note)
        return proposal


def proposal_accept(*, proposal: Proposal, actor, data: dict | None = None, link_to: int | None = None) -> Proposal:
    """Accept (optionally with edited `data`, or linked to an existing record `link_to`) and create the record.

    Without `link_to` the item is matched again first: an exact match is linked (its record's empty fields are
    filled, audited, and a citation added: never a duplicate); an ambiguous one waits for the reviewer's choice
    (`link_to`, or `create_new` in `data`)."""
    require_secretariat(actor)
    if link_to is None and not (data or {}).get("create_new"):
        link_to = _link_by_match(proposal, data)
    with transaction.atomic():
        require_secretariat(actor)
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PROPOSED:
            raise DomainError(_already(proposal), code="reviewed")
        before = {"data": proposal.data}
        if data is not None:
            proposal.data = {**proposal.data, **data}
        try:
            record = create_record(proposal=proposal, actor=actor, link_to=link_to)
        except ObjectDoesNotExist as exc:
            raise DomainError(gettext("The record to link to (id %(id)s) does not exist.") % {"id": link_to}, code="invalid",
                              field="link_to") from exc
        except KeyError as exc:  # an edited item without a required value
            raise DomainError(gettext("Could not create the record: the %(field)s is missing.") % {"field": exc.args[0]},
                              code="invalid",
                              field=str(exc.args[0])) from exc
        except (ValueError, TypeError) as exc:  # edited values of the wrong shape (a list for a title)
            raise DomainError(gettext("Could not create the record from these values: a field holds the wrong kind of "
                                      "value (text, a number or a date)."), code="invalid", field="data") from exc
        proposal.status = ProposalStatus.ACCEPTED
        proposal.target_type = ContentType.objects.get_for_model(record)
        proposal.target_id = record.pk
        proposal.reviewed_by, proposal.reviewed_at = acting_user(actor), timezone.now()
        proposal.save()
        _publish_document(proposal, actor)
        audit.record(actor=actor, action="ingest.accept", target=proposal, before=before,
                     after={"data": proposal.data, "record": f"{proposal.target_type.model}:{record.pk}",
                            "linked": link_to is not None})
    if proposal.kind == ProposalKind.EVENT:  # its sessions and outcomes, and other reports of it, match anew
        within = Q(event_proposal=proposal, kind__in=WITHIN_EVENT) | Q(source=proposal.source_id, kind=ProposalKind.EVENT)
        for other in Proposal.objects.pending().filter(within):
            rematch(other)
    return proposal


def _link_by_match(proposal: Proposal, data: dict | None) -> int | None:
    """Match again at review time (records added since, edited values): the record to link, if exactly one.
    An ambiguous match is stored and refused: the reviewer decides; nothing is merged on a guess."""
    previous = proposal.match
    if data:
        proposal.data = {**proposal.data, **data}
    rematch(proposal)
    if proposal.match == MatchType.AMBIGUOUS:
        if previous != MatchType.AMBIGUOUS:
            if proposal.kind in (ProposalKind.PERSON, ProposalKind.ORGANIZATION):
                message = gettext("Since this item was proposed, records with a similar name were added: choose one "
                                  "to link, or confirm a new record.")
            else:
                message = gettext("Since this item was proposed, records with a similar title or text were added: "
                                  "choose one to link, or confirm a new record.")
            raise DomainError(message, code="ambiguous")
        raise DomainError(gettext("This item matches existing records ambiguously: choose one to link, or confirm a "
                                  "new record."), code="ambiguous")
    if proposal.match in (MatchType.EXACT, MatchType.ALIAS) and proposal.candidates:
        return proposal.candidates[0]["id"]
    return None


def proposal_update(*, proposal: Proposal, data: dict, actor) -> Proposal:
    """Keep the reviewer's edits of a pending item (they are what it will be accepted as), and match it again."""
    require_secretariat(actor)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.PROPOSED:
            raise DomainError(_already(proposal), code="reviewed")
        before = {"data": proposal.data}
        proposal.data = {**proposal.data, **data}
        if proposal.data != before["data"]:
            proposal.save(update_fields=["data"])
            audit.record(actor=actor, action="ingest.edit", target=proposal, before=before, after={"data": proposal.data})
    rematch(proposal)
    if proposal.kind == ProposalKind.EVENT:  # its items take their year from it
        for other in Proposal.objects.pending().filter(event_proposal=proposal):
            rematch(other)
    return proposal


def source_set_date(*, source: SourceFile, date, actor) -> Document:
    """The date of an ingested document, as the reviewer found it. Items without a date of their own take their year
    from it when they are accepted (`matching.proposal_year`), so one date makes them all acceptable."""
    require_secretariat(actor)
    document = document_update(actor=actor, document=source.document, date=date)
    for proposal in Proposal.objects.filter(source=source, kind__in=(ProposalKind.EVENT, ProposalKind.THEME)).pending():
        rematch(proposal)  # the year decides which records an event or theme may be
    return document


def proposals_bulk(*, document: Document, actor, action: str, ids: list[int] | None = None) -> tuple[int, list[str]]:
    """Accept or reject all pending items of one document (or the given ids). Each item is its own
    transaction; items that cannot be accepted yet (ambiguous, missing event) are reported, not forced."""
    require_secretariat(actor)
    qs = Proposal.objects.for_document(document).pending()
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    done, problems = 0, []
    order = {ProposalKind.EVENT: 0, ProposalKind.ORGANIZATION: 1, ProposalKind.PERSON: 2}
    for p in sorted(qs, key=lambda p: (order.get(p.kind, 5), p.order)):
        try:
            if action == "accept":
                proposal_accept(proposal=p, actor=actor)
            else:
                proposal_reject(proposal=p, actor=actor)
            done += 1
        except DomainError as exc:
            problems.append(f"{p.get_kind_display()} “{p.summary[:60]}”: {exc.message}")
    return done, problems


def _publish_document(proposal: Proposal, actor) -> None:
    for doc in {proposal.document, proposal.source.document}:
        if doc.status != DocumentStatus.PUBLISHED or doc.access != DocumentAccess.PUBLIC:
            document_update(actor=actor, document=doc, status=DocumentStatus.PUBLISHED, access=DocumentAccess.PUBLIC)
