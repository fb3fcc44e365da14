"""Who has answered a follow-up round: the reads behind response rates and reminders."""

from dataclasses import dataclass, field

from colloquy.outcomes.models import ProgressReport


@dataclass
class OrgResponse:
    organization: object
    reported: set = field(default_factory=set)  # recommendation ids with a submitted report since the round opened
    total: int = 0
    last_submitted_at: object = None
    late: bool = False

    @property
    def complete(self) -> bool:
        return self.total > 0 and len(self.reported) >= self.total

    @property
    def missing(self) -> int:
        return self.total - len(self.reported)


@dataclass
class RoundProgress:
    round: object
    rows: list

    @property
    def addressed(self) -> int:
        return len(self.rows)

    @property
    def responded(self) -> int:
        return sum(1 for r in self.rows if r.complete)

    @property
    def partial(self) -> int:
        return sum(1 for r in self.rows if r.reported and not r.complete)

    @property
    def rate(self) -> float:
        return self.responded / self.addressed if self.addressed else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.rate)


def round_progress(followup_round) -> RoundProgress:
    """An organization has responded when it has submitted, since the round opened, a report on every
    recommendation of the round. Reports after the deadline count, and are flagged late."""
    rec_ids = set(followup_round.recommendations.values_list("pk", flat=True))
    orgs = list(followup_round.organizations.order_by("name"))
    rows = {o.pk: OrgResponse(organization=o, total=len(rec_ids)) for o in orgs}
    reports = ProgressReport.objects.submitted().filter(
        recommendation_id__in=rec_ids, organization_id__in=rows, submitted_at__gte=followup_round.opened_at
    ).values_list("organization_id", "recommendation_id", "submitted_at")
    for org_id, rec_id, submitted_at in reports:
        row = rows[org_id]
        row.reported.add(rec_id)
        if row.last_submitted_at is None or submitted_at > row.last_submitted_at:
            row.last_submitted_at = submitted_at
    for row in rows.values():
        row.late = bool(row.last_submitted_at and row.last_submitted_at.date() > followup_round.deadline)
    return RoundProgress(round=followup_round, rows=list(rows.values()))
