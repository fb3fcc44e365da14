"""Creating outcome records: key messages, recommendations and good practices.

Ingestion, the admin and the rapporteur's screens call these; nothing else saves an outcome record.
Each validates before writing, runs in one transaction and leaves an audit entry.
"""

from django.db import transaction

from colloquy.audit import log as audit
from colloquy.core.access import require_secretariat
from colloquy.core.validation import full_clean_or_raise
from colloquy.outcomes.models import Addressee, GoodPractice, KeyMessage, Recommendation


def _save_new(record, *, actor, action: str):
    full_clean_or_raise(record)
    record.save()
    audit.record(actor=actor, action=action, target=record, after=audit.snapshot(record))
    return record


@transaction.atomic
def key_message_create(*, actor, text: str, event=None, cycle=None, session=None, order: int = 0,
                       published: bool = True) -> KeyMessage:
    require_secretariat(actor)
    cycle = cycle or (event.cycle if event is not None else None)
    record = KeyMessage(event=event, cycle=cycle, session=session, text=text, order=order, published=published)
    return _save_new(record, actor=actor, action="key_message.create")


@transaction.atomic
def recommendation_create(*, actor, text: str, event=None, cycle=None, session=None, addressee: str = Addressee.STATES,
                          addressee_detail: str = "", category: str = "", order: int = 0,
                          published: bool = True) -> Recommendation:
    require_secretariat(actor)
    cycle = cycle or (event.cycle if event is not None else None)
    record = Recommendation(event=event, cycle=cycle, session=session, text=text, addressee=addressee,
                            addressee_detail=addressee_detail, category=category, order=order, published=published)
    return _save_new(record, actor=actor, action="recommendation.create")


@transaction.atomic
def good_practice_create(*, actor, title: str, description: str = "", country: str = "", practice_actor: str = "",
                         event=None, cycle=None, session=None, presenter=None, published: bool = True) -> GoodPractice:
    """`practice_actor` is who runs the practice (the model's `actor` field); `actor` is who records it.
    `presenter` is the session participant who presented it, if known."""
    require_secretariat(actor)
    cycle = cycle or (event.cycle if event is not None else None)
    record = GoodPractice(event=event, cycle=cycle, session=session, title=title, description=description,
                          country=country, actor=practice_actor, presenter=presenter, published=published)
    return _save_new(record, actor=actor, action="good_practice.create")


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
