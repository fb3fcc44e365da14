"""Ballots: one current ballot per eligible organization (a DB constraint), and an append-only cast log."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from colloquy.core.access import focal_organization, is_member_of_forum, is_secretariat
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import ThemeLevel
from colloquy.directory.models import MembershipStatus


class BallotMethod(models.TextChoices):
    SINGLE = "single", "Single choice"
    APPROVAL = "approval", "Approval (choose up to N)"
    IRV = "irv", "Ranked choice (instant run-off)"


class BallotState(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    DECIDED = "decided", "Decided"
    CANCELLED = "cancelled", "Cancelled"


class Eligibility(models.TextChoices):
    MEMBER_STATES = "member_states", "Member States only"
    MEMBERS_OBSERVER_STATES = "members_observer_states", "Member States and observer States"
    MEMBERS_OBSERVER_ORGANIZATIONS = "members_observer_organizations", "Member States and observer organizations"
    MEMBERS_ALL_OBSERVERS = "members_all_observers", "Member States and all observers"


ELIGIBLE_STATUSES = {
    Eligibility.MEMBER_STATES: {MembershipStatus.MEMBER_STATE},
    Eligibility.MEMBERS_OBSERVER_STATES: {MembershipStatus.MEMBER_STATE, MembershipStatus.OBSERVER_STATE},
    Eligibility.MEMBERS_OBSERVER_ORGANIZATIONS: {MembershipStatus.MEMBER_STATE, MembershipStatus.OBSERVER_ORGANIZATION},
    Eligibility.MEMBERS_ALL_OBSERVERS: set(MembershipStatus.values),
}


class Secrecy(models.TextChoices):
    RECORDED = "recorded", "Recorded (who voted for what is shown to the membership after the close)"
    CONFIDENTIAL = "confidential", "Confidential (only counts are published)"


class ResultsVisibility(models.TextChoices):
    AFTER_CLOSE = "after_close", "After the close"
    LIVE = "live", "Live while open"


PUBLISHED_STATES = (BallotState.OPEN, BallotState.CLOSED, BallotState.DECIDED)


class BallotQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=BallotState.OPEN)

    def published(self):
        """Ballots anyone may see: opened at least once (not drafts, not cancelled before opening).
        Ballot.is_published is the same rule for one loaded ballot."""
        return self.filter(Q(state__in=PUBLISHED_STATES) | Q(state=BallotState.CANCELLED, opened_at__isnull=False))

    def visible_to(self, user):
        """The secretariat sees every ballot; everyone else the published ones (Ballot.is_visible_to for one)."""
        if is_secretariat(user):
            return self.all()
        return self.published()

    def get_visible(self, user, pk):
        """The ballot `pk` if `user` may see it, else None. A published ballot needs no role lookup (the common
        case); the secretariat's drafts take a second read. The cast path reads its row with fixed SQL instead
        (services/cast_sql.read_ballot)."""
        ballot = self.published().filter(pk=pk).first()
        if ballot is None and is_secretariat(user):
            ballot = self.filter(pk=pk).first()
        return ballot

    def eligible_for(self, organization):
        if organization is None:
            return self.none()
        return self.filter(eligible__organization=organization)


class Ballot(models.Model):
    cycle = models.ForeignKey("dialogues.Cycle", on_delete=models.PROTECT, related_name="ballots")
    consultation = models.ForeignKey("ballots.Consultation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="ballots")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    level = models.CharField(max_length=20, choices=ThemeLevel.choices, default=ThemeLevel.OVERARCHING,
                             help_text="Chooses the overarching theme, or workshop topics")
    seats = models.PositiveSmallIntegerField(default=1, help_text="How many options the decision adopts (workshop topics)")
    method = models.CharField(max_length=10, choices=BallotMethod.choices, default=BallotMethod.SINGLE)
    max_choices = models.PositiveSmallIntegerField(default=1, help_text="Approval: how many options a ballot may approve")
    eligibility = models.CharField(max_length=40, choices=Eligibility.choices, default=Eligibility.MEMBER_STATES)
    secrecy = models.CharField(max_length=12, choices=Secrecy.choices, default=Secrecy.CONFIDENTIAL)
    results_visibility = models.CharField(max_length=12, choices=ResultsVisibility.choices,
                                          default=ResultsVisibility.AFTER_CLOSE)
    quorum_percent = models.PositiveSmallIntegerField(default=50, help_text="Share of eligible organizations that must vote")
    reminder_days = models.PositiveSmallIntegerField(default=3, help_text="Send a reminder this many days before the close")
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=BallotState.choices, default=BallotState.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The head of the cast log, kept on the row that casts lock, so the lock and the head are one read
    # (see services/casting.py). Written only with each log entry, in the same transaction.
    log_seq = models.PositiveIntegerField(default=0, editable=False, help_text="Position of the last cast-log entry")
    log_head = models.CharField(max_length=64, blank=True, editable=False,
                                help_text="entry_hash of the last cast-log entry (blank before the first)")

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="ballot_closes_after_it_opens",
                violation_error_message="A ballot must close after it opens.",
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100),
                name="ballot_quorum_is_a_percentage",
                violation_error_message="The quorum is a percentage between 0 and 100.",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1) & Q(seats__gte=1),
                name="ballot_choices_and_seats_positive",
                violation_error_message="Maximum choices and seats must be at least 1.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ballots:detail", args=[self.pk])

    def is_accepting(self, now=None) -> bool:
        """Open on the server clock: state open, opened, and strictly before the close."""
        now = now or timezone.now()
        if self.state != BallotState.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return now < self.closes_at

    @property
    def is_published(self) -> bool:
        """BallotQuerySet.published() for this one ballot."""
        return self.state in PUBLISHED_STATES or (self.state == BallotState.CANCELLED and self.opened_at is not None)

    @property
    def is_over(self) -> bool:
        return self.state in (BallotState.CLOSED, BallotState.DECIDED)

    # Who may see what of this ballot (built from the actor predicates of colloquy.core.access).

    def is_visible_to(self, user) -> bool:
        """BallotQuerySet.visible_to() for this one ballot."""
        return self.is_published or is_secretariat(user)

    def has_elector(self, organization) -> bool:
        """`organization` is in the electorate frozen when the ballot opened."""
        return self.eligible.filter(organization=organization).exists()

    def voter_is_eligible(self, user) -> bool:
        """`user` is a focal point of an organization in the frozen electorate."""
        org = focal_organization(user)
        if org is None:
            return False
        return self.has_elector(org)

    def results_visible_to(self, user) -> bool:
        if is_secretariat(user):
            return True
        if self.is_over:
            return True
        return self.state == BallotState.OPEN and self.results_visibility == ResultsVisibility.LIVE

    def individual_ballots_visible_to(self, user) -> bool:
        """Who voted for what: the secretariat always; the membership after the close of a recorded ballot."""
        if is_secretariat(user):
            return True
        if self.secrecy != Secrecy.RECORDED:
            return False
        if not self.is_over:
            return False
        return is_member_of_forum(user, self.cycle.forum)

    @property
    def eligible_statuses(self) -> set[str]:
        return ELIGIBLE_STATUSES[self.eligibility]


class BallotOption(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=400)
    description = models.TextField(blank=True)
    proposal = models.ForeignKey("ballots.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="ballot_options")
    order = models.PositiveIntegerField(default=0, help_text="Ballot order; also the final tie-break (earlier wins)")

    class Meta:
        ordering = ["ballot_id", "order", "id"]

    def __str__(self):
        return self.label


class EligibleOrganization(models.Model):
    """The electorate, frozen when the ballot opens: later membership changes do not alter it."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="eligible")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="+")
    membership_status = models.CharField(max_length=30, choices=MembershipStatus.choices)
    region = models.CharField(max_length=60, blank=True, help_text="UN M49 region when frozen; blank for organizations")

    class Meta:
        ordering = ["ballot_id", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["ballot", "organization"], name="one_eligibility_row_per_org")]

    def __str__(self):
        return f"{self.organization} ({self.get_membership_status_display()})"


class CurrentBallot(models.Model):
    """The ballot that counts for an organization: the last cast before the close.

    The UNIQUE constraint, not code, guarantees one current ballot per (ballot, organization).
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="current")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField(help_text="Option ids; in rank order for ranked ballots")
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    cast_at = models.DateTimeField()
    log_entry = models.ForeignKey("ballots.CastLog", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["ballot_id", "organization__name"]
        constraints = [models.UniqueConstraint(fields=["ballot", "organization"], name="one_current_ballot_per_org")]

    def __str__(self):
        return f"{self.organization} on {self.ballot}"


class CastKind(models.TextChoices):
    CAST = "cast", "Cast"
    REFUSED = "refused", "Refused"


class CastLogQuerySet(models.QuerySet):
    def casts(self):
        return self.filter(kind=CastKind.CAST)

    def refusals(self):
        return self.filter(kind=CastKind.REFUSED)


class CastLog(models.Model):
    """Append-only, hash-chained record of every cast, change and refusal on a ballot.

    entry_hash = SHA-256 over the canonical entry including prev_hash (see colloquy.ballots.chain).
    `choices` are kept so the tally can be recomputed from the log; `choice_digest` (salted) is what
    receipts and published logs show.
    """

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="log")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=CastKind.choices)
    organization = models.ForeignKey("directory.Organization", null=True, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    user_label = models.CharField(max_length=150)
    at = models.DateTimeField()
    choices = models.JSONField(default=list, blank=True)
    salt = models.CharField(max_length=32, blank=True)
    choice_digest = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True, help_text="Why a cast was refused")
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)
    # HMAC of the entry's content under the ballot key, which is kept outside the database (ballots/keys.py):
    # whoever can write the database but not read the key cannot forge an entry (docs/security.md).
    seal = models.CharField(max_length=64, blank=True)

    objects = CastLogQuerySet.as_manager()

    class Meta:
        ordering = ["ballot_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "seq"], name="one_log_entry_per_position"),
            models.UniqueConstraint(fields=["ballot", "prev_hash"], name="log_chain_does_not_fork"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.kind} {self.entry_hash[:12]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DomainError("The cast log is append-only: an entry cannot be changed.", code="append_only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DomainError("The cast log is append-only: an entry cannot be deleted.", code="append_only")


class BallotReminder(models.Model):
    """A reminder sent to an organization's focal points (so cron can run the command daily without repeats)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="reminders")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "organization"], name="one_reminder_per_org")]

    def __str__(self):
        return f"Reminder to {self.organization} for {self.ballot}"
