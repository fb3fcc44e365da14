"""Dashboard numbers. A *tracked item* is one (recommendation, addressed organization) pair or one
(commitment, its organization) pair; its status is that of the latest submitted report, or "no report yet".
Every number on the dashboards, the country profile and the exports comes from `tracked_items`."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from colloquy.core.countries import country_name, region_of
from colloquy.outcomes.filters import STATUS_CHOICES, OutcomeFilter
from colloquy.outcomes.models import Commitment, FollowUpRound, ProgressReport, Recommendation, ReportState
from colloquy.outcomes.models.followup import NO_REPORT
from colloquy.outcomes.rounds_status import round_progress

STATUS_ORDER = [key for key, _label in STATUS_CHOICES]
STATUS_LABELS = dict(STATUS_CHOICES)
STATUS_HEADER = [STATUS_LABELS[s] for s in STATUS_ORDER]


@dataclass
class TrackedItem:
    kind: str  # "recommendation" | "commitment"
    record: object
    organization: object
    report: object  # latest submitted ProgressReport or None

    @property
    def status(self) -> str:
        return self.report.status if self.report else NO_REPORT

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def country(self) -> str:
        return self.organization.country or ""

    @property
    def region(self) -> str:
        return region_of(self.country)

    @property
    def year(self):
        return self.record.year

    @property
    def objectives(self) -> list:
        return list(self.record.gcm_objectives.all())


def _record_qs(qs):
    return qs.select_related("event__cycle__forum", "cycle__forum", "session").prefetch_related("gcm_objectives", "sdg_targets")


def tracked_items(user, filters: OutcomeFilter | None = None) -> list[TrackedItem]:
    filters = filters or OutcomeFilter()
    recs = _record_qs(filters.recommendations(Recommendation.objects.visible_to(user).published()))
    recs = recs.prefetch_related("addressed_organizations", "followup_rounds__organizations")
    commitments = _record_qs(filters.commitments(Commitment.objects.visible_to(user).published())).select_related("organization")
    latest = ProgressReport.objects.filter(pk__in=ProgressReport.objects.visible_to(user).submitted()).latest_by_pair()
    items = []
    for rec in recs:
        for org in rec.addressed_members():
            items.append(TrackedItem("recommendation", rec, org, latest.get(("recommendation", rec.pk, org.pk))))
    for commitment in commitments:
        org = commitment.organization
        items.append(TrackedItem("commitment", commitment, org, latest.get(("commitment", commitment.pk, org.pk))))
    return [item for item in items if filters.keeps_item(item)]


def followup_of(user, organization):
    """What `organization` reports on, as the follow-up page and the member desk show it: its tracked items,
    its draft reports, and each open round that asks it, with the organization's row of that round."""
    items = [i for i in tracked_items(user) if i.organization.pk == organization.pk]
    drafts = ProgressReport.objects.filter(organization=organization, state=ReportState.DRAFT)
    rounds = []
    for followup_round in organization.followup_rounds.open().order_by("deadline"):
        row = next((r for r in round_progress(followup_round).rows if r.organization.pk == organization.pk), None)
        if row is not None:
            rounds.append((followup_round, row))
    return items, drafts, rounds


@dataclass
class Row:
    key: object
    label: str
    counts: Counter
    url: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def implemented_percent(self) -> int | None:
        """Implemented as a share of applicable items (not-applicable ones are left out)."""
        applicable = self.total - self.counts["not_applicable"]
        return round(100 * self.counts["implemented"] / applicable) if applicable else None

    def cells(self) -> list[int]:
        return [self.counts[s] for s in STATUS_ORDER]

    def labelled(self) -> list[tuple[str, str, int]]:
        return [(s, STATUS_LABELS[s], self.counts[s]) for s in STATUS_ORDER]


def _rows(groups: dict, labels: dict, sort_key=None) -> list[Row]:
    keys = sorted(groups, key=sort_key or (lambda k: (k is None or k == "", str(k))))
    return [Row(key=k, label=labels.get(k, str(k)), counts=groups[k]) for k in keys]


def by_objective(items) -> list[Row]:
    groups, labels = defaultdict(Counter), {None: "Not tagged"}
    for item in items:
        objectives = item.objectives or [None]
        for objective in objectives:
            key = objective.number if objective else None
            labels[key] = f"{objective.number}. {objective.title}" if objective else "Not tagged"
            groups[key][item.status] += 1
    return _rows(groups, labels, sort_key=lambda k: (k is None, k or 0))


def by_country(items) -> list[Row]:
    groups, labels = defaultdict(Counter), {"": "No country (international organizations)"}
    for item in items:
        groups[item.country][item.status] += 1
        if item.country:
            labels[item.country] = country_name(item.country)
    return _rows(groups, labels, sort_key=lambda k: (k == "", labels.get(k, k)))


def by_region(items) -> list[Row]:
    groups, labels = defaultdict(Counter), {"": _("No region")}
    for item in items:
        groups[item.region][item.status] += 1
    return _rows(groups, labels)


def by_year(items) -> list[Row]:
    groups, labels = defaultdict(Counter), {None: _("Undated")}
    for item in items:
        groups[item.year][item.status] += 1
    return _rows(groups, labels, sort_key=lambda k: (k is None, k or 0))


def totals(items) -> Row:
    return Row(key="all", label=_("All tracked items"), counts=Counter(item.status for item in items))


def rounds_overview(user) -> list:
    rounds = FollowUpRound.objects.all().prefetch_related("recommendations")
    return [round_progress(r) for r in rounds]
