"""The secretariat accepts, rejects or corrects suggested GCM-objective tags. Each decision is kept and audited."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user, is_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.models import GoodPractice, Recommendation, TagDecision, TagDecisionKind

TAGGABLE = (Recommendation, GoodPractice)


def _decide(*, target, objective, decision, actor, method="", score=None, add=None):
    if not is_secretariat(actor):
        raise PermissionDenied(gettext("Only secretariat staff can decide on tags."))
    if not isinstance(target, TAGGABLE):
        raise DomainError(gettext('%(name)s records cannot be tagged here.') % {'name': type(target).__name__})
    with transaction.atomic():
        before = sorted(target.gcm_objectives.values_list("number", flat=True))
        if add is True:
            target.gcm_objectives.add(objective)
        elif add is False:
            target.gcm_objectives.remove(objective)
        row = TagDecision.objects.create(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk, objective=objective,
            decision=decision, method=method or "", score=score,
            actor=acting_user(actor),
        )
        after = sorted(target.gcm_objectives.values_list("number", flat=True))
        audit.record(actor=actor, action=f"tag.{decision}", target=target, before={"gcm_objectives": before},
                     after={"gcm_objectives": after, "objective": objective.number, "method": method, "score": score})
    return row


def tag_accept(*, target, objective, actor, method="", score=None):
    return _decide(target=target, objective=objective, decision=TagDecisionKind.ACCEPTED, actor=actor,
                   method=method, score=score, add=True)


def tag_reject(*, target, objective, actor, method="", score=None):
    """Dismiss a suggestion: it is not suggested again for this record."""
    return _decide(target=target, objective=objective, decision=TagDecisionKind.REJECTED, actor=actor,
                   method=method, score=score, add=False)


def tag_add(*, target, objective, actor):
    """A correction: the secretariat tags an objective that was not suggested (or not in first place)."""
    return _decide(target=target, objective=objective, decision=TagDecisionKind.ADDED, actor=actor,
                   method="manual", add=True)


def tag_remove(*, target, objective, actor):
    return _decide(target=target, objective=objective, decision=TagDecisionKind.REMOVED, actor=actor,
                   method="manual", add=False)
