"""Tallies for the three ballot methods. Pure functions over lists of option ids.

Tie-break (documented in docs/ballots.md, tested):
- Single choice and approval: options are ranked by votes; options with equal votes are ordered by their
  position on the ballot (the earlier option ranks higher). A tie for first place is reported (`tied`).
- Instant run-off: each round counts every ballot for its highest-ranked continuing option. An option
  with more than half of the continuing (non-exhausted) ballots wins. Otherwise the option with the fewest
  votes is eliminated. If several share the fewest votes, the one with fewer votes in the latest earlier
  round where they differ is eliminated (backwards tie-break); if they were tied in every round, the one
  listed later on the ballot is eliminated. A tie-break used is recorded on the round.
"""

from dataclasses import dataclass, field


@dataclass
class Round:
    number: int
    counts: dict[int, int]
    exhausted: int
    eliminated: int | None = None
    winner: int | None = None
    tie_break: str = ""


@dataclass
class TallyResult:
    method: str
    options: list[int]
    ballots: int
    counts: dict[int, int]
    ranking: list[int]
    winner: int | None
    tied: list[int] = field(default_factory=list)
    tie_break_used: bool = False
    rounds: list[Round] = field(default_factory=list)

    @property
    def max_count(self) -> int:
        return max(self.counts.values(), default=0)


def _rank_by_count(options: list[int], counts: dict[int, int]) -> list[int]:
    position = {opt: i for i, opt in enumerate(options)}
    return sorted(options, key=lambda o: (-counts.get(o, 0), position[o]))


def tally_counts(method: str, options: list[int], ballots: list[list[int]]) -> TallyResult:
    """Single choice and approval: one vote per option named on the ballot."""
    counts = dict.fromkeys(options, 0)
    for choices in ballots:
        for opt in set(choices):
            if opt in counts:
                counts[opt] += 1
    ranking = _rank_by_count(options, counts)
    winner = ranking[0] if ballots and ranking and counts[ranking[0]] > 0 else None
    tied = [o for o in ranking if winner is not None and counts[o] == counts[winner]]
    tied = tied if len(tied) > 1 else []
    return TallyResult(method=method, options=list(options), ballots=len(ballots), counts=counts,
                       ranking=ranking, winner=winner, tied=tied, tie_break_used=bool(tied))


def _choose_loser(lowest: list[int], history: list[dict[int, int]], position: dict[int, int]) -> tuple[int, str]:
    if len(lowest) == 1:
        return lowest[0], ""
    candidates = list(lowest)
    for earlier in reversed(history):
        fewest = min(earlier[o] for o in candidates)
        narrowed = [o for o in candidates if earlier[o] == fewest]
        if len(narrowed) < len(candidates):
            candidates = narrowed
            if len(candidates) == 1:
                return candidates[0], "fewest votes in an earlier round"
    loser = max(candidates, key=lambda o: position[o])
    return loser, "listed later on the ballot"


def tally_irv(options: list[int], ballots: list[list[int]]) -> TallyResult:
    position = {opt: i for i, opt in enumerate(options)}
    valid = set(options)
    clean = [[o for o in b if o in valid] for b in ballots]
    continuing = list(options)
    rounds: list[Round] = []
    history: list[dict[int, int]] = []
    eliminated_order: list[int] = []
    winner = None
    while continuing:
        counts = dict.fromkeys(continuing, 0)
        exhausted = 0
        alive = set(continuing)
        for ranking in clean:
            top = next((o for o in ranking if o in alive), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        active = len(clean) - exhausted
        rnd = Round(number=len(rounds) + 1, counts=counts, exhausted=exhausted)
        rounds.append(rnd)
        leader = max(continuing, key=lambda o: (counts[o], -position[o]))
        if active and counts[leader] * 2 > active:
            winner = rnd.winner = leader
            break
        if active == 0:
            break
        if len(continuing) == 1:
            winner = rnd.winner = continuing[0]
            break
        fewest = min(counts.values())
        lowest = [o for o in continuing if counts[o] == fewest]
        loser, why = _choose_loser(lowest, history, position)
        rnd.eliminated, rnd.tie_break = loser, why
        history.append(counts)
        continuing.remove(loser)
        eliminated_order.append(loser)
    first = rounds[0].counts if rounds else dict.fromkeys(options, 0)
    remaining = [o for o in continuing if o != winner]
    remaining = sorted(remaining, key=lambda o: (-rounds[-1].counts.get(o, 0), position[o])) if rounds else remaining
    ranking = ([winner] if winner is not None else []) + remaining + list(reversed(eliminated_order))
    return TallyResult(method="irv", options=list(options), ballots=len(ballots), counts=dict(first),
                       ranking=ranking, winner=winner, rounds=rounds,
                       tie_break_used=any(r.tie_break for r in rounds))


def tally(method: str, options: list[int], ballots: list[list[int]]) -> TallyResult:
    if method == "irv":
        return tally_irv(options, ballots)
    return tally_counts(method, options, ballots)
