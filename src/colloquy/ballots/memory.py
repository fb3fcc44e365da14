"""Theme memory: what a forum was offered before, and what became of it.

`earlier_proposals(consultation, title)` finds the proposals of earlier cycles of the same forum whose title is
close to `title`: by fuzzy title (rapidfuzz's token-sort ratio on lower-cased words, so "South south migration"
and "Migration: South-South" find "South-South Migration"; not the token-set ratio, which scores any title whose
words contain the other's at 100), and, with the optional [semantic] extra, by meaning (cosine of MiniLM sentence embeddings, the
model colloquy.core.embeddings loads for search and tagging). Each match carries its cycle, its votes in the
ballots it stood in, and whether it was selected.

`not_selected(cycle)` lists every proposal of a cycle that no decision adopted, with its votes: the cycle page
shows them so that they do not vanish from view.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from rapidfuzz import fuzz, utils

from colloquy.ballots.models import Ballot, BallotOption, Consultation, Proposal
from colloquy.ballots.results import ballot_results
from colloquy.core import embeddings

log = logging.getLogger(__name__)
FUZZY_SCORER = fuzz.token_sort_ratio  # on rapidfuzz's lower-cased, punctuation-free words
FUZZY_THRESHOLD = 85  # token-sort ratio, 0-100; measured in docs/tagging.md
SEMANTIC_THRESHOLD = 0.8  # cosine of unit-normalised embeddings; measured in docs/tagging.md


@dataclass
class Votes:
    ballot: Ballot
    votes: int
    ballots_cast: int


@dataclass
class Memory:
    proposal: Proposal
    score: float = 0.0
    how: str = ""  # "title" or "meaning"
    votes: list[Votes] = field(default_factory=list)
    selected: bool = False

    @property
    def cycle(self):
        return self.proposal.consultation.cycle

    @property
    def total_votes(self) -> int:
        return sum(v.votes for v in self.votes)


def _votes(proposals: list[Proposal], user) -> tuple[dict[int, list[Votes]], set[int]]:
    """Votes per proposal (ballots whose results `user` may see) and the proposals a decision adopted."""
    options = list(BallotOption.objects.filter(proposal__in=proposals).select_related("ballot"))
    votes: dict[int, list[Votes]] = {}
    adopted: set[int] = set()
    results = {}
    for option in options:
        ballot = option.ballot
        decision = getattr(ballot, "decision", None) if ballot.state == "decided" else None
        if decision is not None and decision.adopted_options.filter(pk=option.pk).exists():
            adopted.add(option.proposal_id)
        if not ballot.results_visible_to(user):
            continue
        if ballot.pk not in results:
            results[ballot.pk] = ballot_results(ballot).tally
        tally = results[ballot.pk]
        votes.setdefault(option.proposal_id, []).append(Votes(ballot, tally.counts.get(option.pk, 0), tally.ballots))
    return votes, adopted


def _selected_titles(cycle) -> set[str]:
    titles = {t.title for t in cycle.themes.filter(status="selected")}
    if cycle.overarching_theme:
        titles.add(cycle.overarching_theme)
    return {utils.default_process(t) for t in titles}


def _is_selected(proposal: Proposal, adopted: set[int]) -> bool:
    if proposal.pk in adopted:
        return True
    return utils.default_process(proposal.title) in _selected_titles(proposal.consultation.cycle)


def _semantic_scores(title: str, candidates: list[Proposal]) -> list[float] | None:
    if not getattr(settings, "THEME_MEMORY_SEMANTIC", True) or not embeddings.usable():
        return None
    try:
        vectors = embeddings.encode([title, *[p.title for p in candidates]])
    except embeddings.ModelUnavailable as exc:
        log.info("theme memory by title only: %s", exc)
        return None
    return [float(vectors[0] @ v) for v in vectors[1:]]


def earlier_proposals(consultation: Consultation, title: str, user) -> list[Memory]:
    """Proposals of earlier cycles of the same forum close to `title`, best first (see the module docstring)."""
    cycle = consultation.cycle
    candidates = list(Proposal.objects.filter(consultation__cycle__forum_id=cycle.forum_id,
                                              consultation__cycle__year__lt=cycle.year)
                      .select_related("consultation__cycle__forum"))
    if not candidates or not title.strip():
        return []
    found: dict[int, Memory] = {}
    for proposal in candidates:
        score = FUZZY_SCORER(title, proposal.title, processor=utils.default_process)
        if score >= FUZZY_THRESHOLD:
            found[proposal.pk] = Memory(proposal, score=score / 100, how="title")
    semantic = _semantic_scores(title, candidates)
    for proposal, score in zip(candidates, semantic or [], strict=False):
        if score >= SEMANTIC_THRESHOLD and proposal.pk not in found:
            found[proposal.pk] = Memory(proposal, score=score, how="meaning")
    memories = sorted(found.values(), key=lambda m: (-m.score, -m.cycle.year))
    votes, adopted = _votes([m.proposal for m in memories], user)
    for memory in memories:
        memory.votes = votes.get(memory.proposal.pk, [])
        memory.selected = _is_selected(memory.proposal, adopted)
    return memories


def not_selected(cycle, user) -> list[Memory]:
    """Every proposal of the cycle's consultations (that `user` may see) which no decision selected, with its
    votes. A consultation still taking suggestions is left out: nothing in it has been turned down yet."""
    consultations = [c for c in Consultation.objects.visible_to(user).filter(cycle=cycle) if not c.is_accepting()]
    if not consultations:
        return []
    proposals = list(Proposal.objects.filter(consultation__in=consultations).select_related("consultation__cycle"))
    votes, adopted = _votes(proposals, user)
    out = []
    for proposal in proposals:
        if not _is_selected(proposal, adopted):
            out.append(Memory(proposal, votes=votes.get(proposal.pk, [])))
    return sorted(out, key=lambda m: -m.total_votes)
