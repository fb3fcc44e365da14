"""The secretariat's decision after the close: adopt the winner(s), or record that no decision was taken."""

from django.db import transaction
from django.utils.translation import gettext

from colloquy.audit import log as audit
from colloquy.ballots.models import Ballot, BallotState, Decision, DecisionOutcome
from colloquy.ballots.results import ballot_results
from colloquy.ballots.services.ballots import BALLOT_TRANSITIONS
from colloquy.core.access import acting_user, require_secretariat
from colloquy.core.errors import DomainError
from colloquy.core.translated import OTHER_LANGUAGES
from colloquy.dialogues.models import ThemeLevel, ThemeStatus
from colloquy.dialogues.services import cycle_set_theme, theme_create


def _label_versions(option) -> dict:
    """The French and Spanish titles of the proposal an option came from, while its label is still that proposal's
    English title (a relabelled option has no known versions)."""
    proposal = option.proposal
    if proposal is None or option.label != proposal.title_en:
        return {}
    return {lang: getattr(proposal, f"title_{lang}") for lang in OTHER_LANGUAGES}


@transaction.atomic
def ballot_decide(*, actor, ballot: Ballot, rationale: str, adopt: bool = True, options=None) -> Decision:
    """Record the decision. Adopting needs the quorum; it adopts `options` (default: the top `seats` of the
    ranking), sets the cycle's overarching theme or creates selected workshop topics, and links them here."""
    require_secretariat(actor)
    if not (rationale or "").strip():
        raise DomainError(gettext("Record the rationale of the decision."), field="rationale")
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    BALLOT_TRANSITIONS.check(ballot.state, BallotState.DECIDED)
    results = ballot_results(ballot)
    decision = Decision(ballot=ballot, rationale=rationale.strip(), quorum_met=results.quorum_met, decided_by=acting_user(actor))
    adopted = []
    if adopt:
        if not results.quorum_met:
            raise DomainError(gettext('Quorum was not met (%(cast)s of %(eligible)s eligible organizations voted; %(quorum_needed)s needed). Record “no decision” instead.') % {'cast': results.total.cast, 'eligible': results.total.eligible, 'quorum_needed': results.quorum_needed}, code="no_quorum")
        if results.tally.winner is None:
            raise DomainError(gettext("No option received a vote; there is no winner to adopt."), code="no_winner")
        by_id = {o.pk: o for o in ballot.options.all()}
        if options:
            ids = [o.pk if hasattr(o, "pk") else int(o) for o in options]
            foreign = [i for i in ids if i not in by_id]
            if foreign:
                raise DomainError(gettext('Option id(s) %(join)s do not belong to this ballot.') % {'join': ', '.join(map(str, foreign))})
        else:
            ids = results.tally.ranking[: ballot.seats]
        if ballot.level == ThemeLevel.OVERARCHING and len(ids) != 1:
            raise DomainError(gettext("An overarching theme decision adopts exactly one option."))
        adopted = [by_id[i] for i in ids]
        decision.outcome = DecisionOutcome.ADOPTED
    else:
        decision.outcome = DecisionOutcome.NO_DECISION
    decision.save()
    themes = []
    for option in adopted:
        themes.append(theme_create(actor=actor, cycle=ballot.cycle, title=option.label, level=ballot.level,
                                   status=ThemeStatus.SELECTED, rationale=decision.rationale,
                                   versions=_label_versions(option)))
    if adopted and ballot.level == ThemeLevel.OVERARCHING:
        cycle_set_theme(actor=actor, cycle=ballot.cycle, theme=adopted[0].label, rationale=decision.rationale,
                        note=f"Decided after ballot {ballot.pk}", versions=_label_versions(adopted[0]))
    decision.adopted_options.set(adopted)
    decision.themes.set(themes)
    before = audit.snapshot(ballot)
    ballot.state = BallotState.DECIDED
    ballot.save(update_fields=["state"])
    audit.record(actor=actor, action="ballot.decide", target=ballot, before=before, after=audit.snapshot(ballot),
                 note=f"{decision.get_outcome_display()}: {', '.join(o.label for o in adopted) or '—'}")
    audit.record(actor=actor, action="decision.create", target=decision, after=audit.snapshot(decision)
                 | {"adopted_options": [o.pk for o in adopted], "themes": [t.pk for t in themes]})
    return decision
