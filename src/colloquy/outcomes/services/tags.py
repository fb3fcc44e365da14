"""The secretariat accepts, rejects or corrects suggested tags: GCM objectives (`objective=`) or SDG targets
(`sdg_target=`). Each decision is kept and audited."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.core.access import acting_user, is_secretariat
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.models import GoodPractice, Recommendation, TagDecision, TagDecisionKind

TAGGABLE = (Recommendation, GoodPractice)


def _tag_state(target):
    return {"gcm_objectives": sorted(target.gcm_objectives.values_list("number", flat=True)),
            "sdg_targets": sorted(target.sdg_targets.values_list("code", flat=True))}


def _decide(*, target, objective, decision, actor, method="", score=None, add=None, sdg_target=None):
    if not is_secretariat(actor):
        raise PermissionDenied(gettext("Only secretariat staff can decide on tags."))
    if not isinstance(target, TAGGABLE):
        raise DomainError(gettext('%(name)s records cannot be tagged here.') % {'name': type(target).__name__})
    if (objective is None) == (sdg_target is None):
        raise DomainError(gettext("Choose either a GCM objective or an SDG target."))
    tags, tag = (target.gcm_objectives, objective) if objective is not None else (target.sdg_targets, sdg_target)
    with transaction.atomic():
        before = _tag_state(target)
        if add is True:
            tags.add(tag)
        elif add is False:
            tags.remove(tag)
        row = TagDecision.objects.create(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk, objective=objective,
            sdg_target=sdg_target, decision=decision, method=method or "", score=score,
            actor=acting_user(actor),
        )
        after = _tag_state(target)
        which = {"objective": objective.number} if objective is not None else {"sdg_target": sdg_target.code}
        audit.record(actor=actor, action=f"tag.{decision}", target=target, before=before,
                     after={**after, **which, "method": method, "score": score})
    return row


def tag_accept(*, target, objective=None, sdg_target=None, actor, method="", score=None):
    return _decide(target=target, objective=objective, sdg_target=sdg_target, decision=TagDecisionKind.ACCEPTED, actor=actor,
                   method=method, score=score, add=True)


def tag_reject(*, target, objective=None, sdg_target=None, actor, method="", score=None):
    """Dismiss a suggestion: it is not suggested again for this record."""
    return _decide(target=target, objective=objective, sdg_target=sdg_target, decision=TagDecisionKind.REJECTED, actor=actor,
                   method=method, score=score, add=False)


def tag_add(*, target, objective=None, sdg_target=None, actor):
    """A correction: the secretariat tags an objective that was not suggested (or not in first place)."""
    return _decide(target=target, objective=objective, sdg_target=sdg_target, decision=TagDecisionKind.ADDED, actor=actor,
                   method="manual", add=True)


def tag_remove(*, target, objective=None, sdg_target=None, actor):
    return _decide(target=target, objective=objective, sdg_target=sdg_target, decision=TagDecisionKind.REMOVED, actor=actor,
                   method="manual", add=False)
