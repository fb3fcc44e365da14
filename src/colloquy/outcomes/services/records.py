"""Writing outcome records: key messages, recommendations and good practices.

Ingestion, the admin, the rapporteur's desk and the API call these; nothing else saves an outcome record.
Each validates before writing, runs in one transaction and leaves an audit entry.

A record is linked to the session and speaker (a `dialogues.SessionParticipant`) it came from, keeps its place
in the event's list (`order`) and moves through `OUTCOME_TRANSITIONS` (draft -> approved -> published).
Ingestion and the admin create published records (they come from published reports); the desk creates drafts.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.translated import explicit_versions
from colloquy.core.validation import full_clean_or_raise
from colloquy.outcomes.models import Addressee, GoodPractice, KeyMessage, OutcomeState, Recommendation
from colloquy.outcomes.models.records import OUTCOME_TRANSITIONS

ACTION_NAMES = {KeyMessage: "key_message", Recommendation: "recommendation", GoodPractice: "good_practice"}


def _state(state, published):
    """`published` is the older way to say it: True -> published, False -> draft."""
    if published is not None:
        return OutcomeState.PUBLISHED if published else OutcomeState.DRAFT
    if state not in OutcomeState.values:
        raise DomainError(gettext("Unknown state %(state)s; use draft, approved or published.") % {"state": repr(state)},
                          field="state")
    return state


def _where(event, session, speaker):
    """The session follows from the speaker; both must belong to the event."""
    if speaker is not None:
        if session is not None and speaker.session_id != session.pk:
            raise DomainError(gettext("The speaker does not take part in that session."), field="speaker")
        session = speaker.session
    if session is not None and event is not None and session.event_id != event.pk:
        raise DomainError(gettext("The session belongs to another event."), field="session")
    return session


def _next_order(model, event, cycle) -> int:
    rows = model.objects.filter(event=event) if event is not None else model.objects.filter(cycle=cycle, event=None)
    last = rows.aggregate(last=Max("order"))["last"]
    return 0 if last is None else last + 1


def _save_new(record, *, actor, action: str, gcm_objectives=()):
    full_clean_or_raise(record)
    record.save()
    after = audit.snapshot(record)
    if gcm_objectives:
        record.gcm_objectives.set(gcm_objectives)
        after["gcm_objectives"] = sorted(o.number for o in gcm_objectives)
    audit.record(actor=actor, action=action, target=record, after=after)
    return record


def _new(model, *, actor, event, cycle, session, speaker, order, state, published, gcm_objectives, fields: dict,
         versions=None):
    """`versions`: French and Spanish versions of the words, e.g. {"text_fr": ..., "text_es": ...}."""
    require_secretariat(actor)
    cycle = cycle or (event.cycle if event is not None else None)
    session = _where(event, session, speaker)
    if order is None:
        order = _next_order(model, event, cycle)
    speaker_field = "presenter" if model is GoodPractice else "speaker"
    record = model(event=event, cycle=cycle, session=session, order=order, state=_state(state, published),
                   **{speaker_field: speaker}, **explicit_versions(model, fields | (versions or {})))
    return _save_new(record, actor=actor, action=f"{ACTION_NAMES[model]}.create", gcm_objectives=list(gcm_objectives))


@transaction.atomic
def key_message_create(*, actor, text: str, event=None, cycle=None, session=None, speaker=None, order: int | None = None,
                       state: str = OutcomeState.PUBLISHED, published: bool | None = None,
                       gcm_objectives=(), versions=None) -> KeyMessage:
    """`order` None puts it after the event's last key message."""
    return _new(KeyMessage, actor=actor, event=event, cycle=cycle, session=session, speaker=speaker, order=order,
                state=state, published=published, gcm_objectives=gcm_objectives, fields={"text": text},
                versions=versions)


@transaction.atomic
def recommendation_create(*, actor, text: str, event=None, cycle=None, session=None, speaker=None,
                          addressee: str = Addressee.STATES, addressee_detail: str = "", category: str = "",
                          order: int | None = None, state: str = OutcomeState.PUBLISHED,
                          published: bool | None = None, gcm_objectives=(), versions=None) -> Recommendation:
    return _new(Recommendation, actor=actor, event=event, cycle=cycle, session=session, speaker=speaker, order=order,
                state=state, published=published, gcm_objectives=gcm_objectives, versions=versions,
                fields={"text": text, "addressee": addressee, "addressee_detail": addressee_detail, "category": category})


@transaction.atomic
def good_practice_create(*, actor, title: str, description: str = "", country: str = "", practice_actor: str = "",
                         event=None, cycle=None, session=None, presenter=None, order: int | None = None,
                         state: str = OutcomeState.PUBLISHED, published: bool | None = None,
                         gcm_objectives=(), versions=None) -> GoodPractice:
    """`practice_actor` is who runs the practice (the model's `actor` field); `actor` is who records it.
    `presenter` is the session participant who presented it, if known."""
    return _new(GoodPractice, actor=actor, event=event, cycle=cycle, session=session, speaker=presenter, order=order,
                state=state, published=published, gcm_objectives=gcm_objectives, versions=versions,
                fields={"title": title, "description": description, "country": country, "actor": practice_actor})


EDITABLE = {
    KeyMessage: ("text", "text_fr", "text_es"),
    Recommendation: ("text", "text_fr", "text_es", "addressee", "addressee_detail", "category"),
    GoodPractice: ("title", "title_fr", "title_es", "description", "country", "actor"),
}


def outcome_update(*, record, actor, session=None, speaker=None, **fields):
    """Correct an item's wording and where it came from (its state and place are left as they are). For a practice
    `practice_actor` is who runs it, as in `good_practice_create`."""
    require_secretariat(actor)
    model = type(record)
    if model not in EDITABLE:
        raise DomainError(gettext("This kind of record has no workflow."))
    if "practice_actor" in fields:
        fields["actor"] = fields.pop("practice_actor")
    unknown = set(fields) - set(EDITABLE[model])
    if unknown:
        raise DomainError(gettext("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        record = model.objects.select_for_update().get(pk=record.pk)
        before = audit.snapshot(record)
        for name, value in explicit_versions(model, fields).items():
            setattr(record, name, value)
        record.session = _where(record.event, session, speaker)
        setattr(record, "presenter" if model is GoodPractice else "speaker", speaker)
        full_clean_or_raise(record)
        record.save()
        audit.record(actor=actor, action=f"{ACTION_NAMES[model]}.update", target=record, before=before,
                     after=audit.snapshot(record))
    return record


# --- workflow ---------------------------------------------------------------------------------------------------

def _transition(record, target, actor):
    require_secretariat(actor)
    with transaction.atomic():
        record = type(record).objects.select_for_update().get(pk=record.pk)
        OUTCOME_TRANSITIONS.check(record.state, target)
        before = {"state": record.state}
        record.state = target
        record.save(update_fields=["state"])
        audit.record(actor=actor, action=f"{ACTION_NAMES[type(record)]}.{target}", target=record, before=before,
                     after={"state": target})
    return record


def key_message_transition(*, key_message, target: str, actor) -> KeyMessage:
    return _transition(key_message, target, actor)


def recommendation_transition(*, recommendation, target: str, actor) -> Recommendation:
    return _transition(recommendation, target, actor)


def good_practice_transition(*, good_practice, target: str, actor) -> GoodPractice:
    return _transition(good_practice, target, actor)


def outcome_transition(*, record, target: str, actor):
    """Any of the three kinds (the desk and the API act on a mixed selection)."""
    if type(record) not in ACTION_NAMES:
        raise DomainError(gettext("This kind of record has no workflow."))
    return _transition(record, target, actor)


def outcomes_bulk_transition(*, records, target: str, actor) -> tuple[list, list]:
    """Move every record that may make the move, in one transaction; returns (moved, skipped). Records already in
    the target state, or that may not go there from where they are, are skipped and left as they were."""
    require_secretariat(actor)
    moved, skipped = [], []
    with transaction.atomic():
        for record in records:
            if OUTCOME_TRANSITIONS.can(record.state, target):
                moved.append(outcome_transition(record=record, target=target, actor=actor))
            else:
                skipped.append(record)
    return moved, skipped


# --- order ------------------------------------------------------------------------------------------------------

def _siblings(record):
    model = type(record)
    if record.event_id:
        return model.objects.filter(event_id=record.event_id)
    return model.objects.filter(cycle_id=record.cycle_id, event=None)


def _move(record, direction: int, actor):
    """Swap with the neighbour above (-1) or below (+1) in the event's list, then number the list 0, 1, 2…
    (so ties left by ingestion are settled). At the top or bottom it stays where it is."""
    require_secretariat(actor)
    if direction not in (-1, 1):
        raise DomainError(gettext("Move up (-1) or down (+1)."), field="direction")
    with transaction.atomic():
        rows = list(_siblings(record).select_for_update().in_desk_order())
        ids = [r.pk for r in rows]
        index = ids.index(record.pk)
        other = index + direction
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
        before = record.order
        for position, row in enumerate(rows):
            if row.order != position:
                type(row).objects.filter(pk=row.pk).update(order=position)
                row.order = position
        moved = next(r for r in rows if r.pk == record.pk)
        audit.record(actor=actor, action=f"{ACTION_NAMES[type(record)]}.move", target=moved,
                     before={"order": before}, after={"order": moved.order})
    return moved


def key_message_move(*, key_message, direction: int, actor) -> KeyMessage:
    return _move(key_message, direction, actor)


def recommendation_move(*, recommendation, direction: int, actor) -> Recommendation:
    return _move(recommendation, direction, actor)


def good_practice_move(*, good_practice, direction: int, actor) -> GoodPractice:
    return _move(good_practice, direction, actor)


def outcome_move(*, record, direction: int, actor):
    if type(record) not in ACTION_NAMES:
        raise DomainError(gettext("This kind of record has no order."))
    return _move(record, direction, actor)


def recommendation_address(*, recommendation, organizations, actor):
    """Set the member organizations a recommendation is addressed to (they then report on it)."""
    require_secretariat(actor)
    organizations = list(organizations)
    with transaction.atomic():
        before = sorted(recommendation.addressed_organizations.values_list("pk", flat=True))
        recommendation.addressed_organizations.set(organizations)
        after = sorted(o.pk for o in organizations)
        audit.record(actor=actor, action="recommendation.address", target=recommendation,
                     before={"addressed_organizations": before}, after={"addressed_organizations": after})
    return recommendation
