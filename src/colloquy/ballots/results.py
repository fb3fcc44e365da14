"""Results of a ballot: the tally, turnout (overall, by M49 region, by membership status) and quorum."""

import math
from dataclasses import dataclass, field

from colloquy.ballots.models import Ballot, CurrentBallot
from colloquy.ballots.tally import TallyResult, tally
from colloquy.directory.models import MembershipStatus

NO_REGION = "Organizations (no region)"


@dataclass
class TurnoutRow:
    label: str
    eligible: int
    cast: int

    @property
    def percent(self) -> float:
        return round(100 * self.cast / self.eligible, 1) if self.eligible else 0.0


@dataclass
class OptionRow:
    id: int
    label: str
    votes: int
    percent: float
    bar: float  # width relative to the largest count, 0..100


@dataclass
class Results:
    ballot: Ballot
    tally: TallyResult
    labels: dict[int, str]
    total: TurnoutRow
    by_region: list[TurnoutRow] = field(default_factory=list)
    by_status: list[TurnoutRow] = field(default_factory=list)
    quorum_needed: int = 0

    @property
    def quorum_met(self) -> bool:
        return self.total.cast >= self.quorum_needed

    @property
    def winner_label(self) -> str:
        return self.labels.get(self.tally.winner, "") if self.tally.winner is not None else ""

    @property
    def rows(self) -> list[OptionRow]:
        top = max(self.tally.counts.values(), default=0) or 1
        n = self.tally.ballots or 1
        return [OptionRow(id=o, label=self.labels[o], votes=self.tally.counts.get(o, 0),
                          percent=round(100 * self.tally.counts.get(o, 0) / n, 1),
                          bar=round(100 * self.tally.counts.get(o, 0) / top, 1))
                for o in self.tally.ranking]

    @property
    def rounds(self) -> list[dict]:
        out = []
        for rnd in self.tally.rounds:
            out.append({
                "number": rnd.number,
                "counts": [(self.labels[o], c) for o, c in sorted(rnd.counts.items(), key=lambda kv: -kv[1])],
                "exhausted": rnd.exhausted,
                "eliminated": self.labels.get(rnd.eliminated, "") if rnd.eliminated else "",
                "winner": self.labels.get(rnd.winner, "") if rnd.winner else "",
                "tie_break": rnd.tie_break,
            })
        return out


def quorum_needed(ballot: Ballot, eligible: int) -> int:
    return math.ceil(eligible * ballot.quorum_percent / 100)


def ballot_results(ballot: Ballot) -> Results:
    options = list(ballot.options.values_list("id", "label"))
    labels = dict(options)
    current = list(CurrentBallot.objects.filter(ballot=ballot).values_list("organization_id", "choices"))
    result = tally(ballot.method, [o for o, _ in options], [c for _, c in current])
    voted = {org for org, _ in current}
    eligible = list(ballot.eligible.values_list("organization_id", "region", "membership_status"))
    status_labels = dict(MembershipStatus.choices)

    def rows(key_index, label_of):
        groups: dict[str, list[int]] = {}
        for row in eligible:
            groups.setdefault(label_of(row[key_index]), []).append(row[0])
        return [TurnoutRow(label, len(orgs), sum(o in voted for o in orgs)) for label, orgs in sorted(groups.items())]

    total = TurnoutRow("All eligible organizations", len(eligible), sum(org in voted for org, *_ in eligible))
    return Results(ballot=ballot, tally=result, labels=labels, total=total,
                   by_region=rows(1, lambda r: r or NO_REGION), by_status=rows(2, lambda s: str(status_labels.get(s, s))),
                   quorum_needed=quorum_needed(ballot, len(eligible)))

