"""Recompute a ballot's hash chain and tally from its cast log, and compare with what is stored."""

from colloquy.ballots.chain import Verification, verify_entries
from colloquy.ballots.keys import ballot_key
from colloquy.ballots.models import Ballot, CurrentBallot
from colloquy.ballots.tally import tally


def verify_ballot(ballot: Ballot) -> Verification:
    """Checks: each entry's hash and link; choice digests; that the ballot's chain head is the last entry; that the current ballots are exactly the last cast
    of each organization in the log; and that the tally from the log equals the tally of the current ballots."""
    entries = list(ballot.log.order_by("seq"))
    report, last = verify_entries(ballot.pk, entries, key=ballot_key())
    head = Ballot.objects.values_list("log_seq", "log_head").get(pk=ballot.pk)
    expected = (entries[-1].seq, entries[-1].entry_hash) if entries else (0, "")
    if head != expected:
        report.problems.append(f"the ballot's chain head (#{head[0]} {head[1][:12]}…) is not the last log entry "
                               f"(#{expected[0]} {expected[1][:12]}…)")
    options = list(ballot.options.values_list("id", flat=True))
    from_log = tally(ballot.method, options, [last[k] for k in sorted(last)])
    current = {row.organization_id: row for row in CurrentBallot.objects.filter(ballot=ballot)}
    for org_id in sorted(set(last) | set(current)):
        row = current.get(org_id)
        if row is None:
            report.problems.append(f"organization {org_id}: cast in the log but has no current ballot")
        elif org_id not in last:
            report.problems.append(f"organization {org_id}: has a current ballot but no cast in the log")
        elif list(row.choices) != last[org_id]:
            report.problems.append(f"organization {org_id}: current ballot {row.choices} differs from its last cast "
                                   f"in the log {last[org_id]}")
    stored = tally(ballot.method, options, [list(r.choices) for _, r in sorted(current.items())])
    if stored.counts != from_log.counts or stored.winner != from_log.winner:
        report.problems.append(f"tally of stored ballots {stored.counts} differs from the tally of the log {from_log.counts}")
    report.tally_from_log = {"counts": from_log.counts, "winner": from_log.winner, "ballots": from_log.ballots}
    return report
