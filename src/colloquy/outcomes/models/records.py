"""Outcome records linked to their event or cycle: key messages, recommendations, good practices,
commitments. (Follow-up models live in followup.py.)

Provenance (the source passage) is a dialogues.Citation on the record.

Key messages, recommendations and good practices move through a workflow (`OutcomeState`, one transition
table `OUTCOME_TRANSITIONS`): draft -> approved -> published, written on the rapporteur's desk. Commitments keep a
`published` flag. Who sees what (built from the actor predicates in colloquy.core.access): published records of
events that are not merely proposed are public; the secretariat sees everything, drafts included; a focal point also
sees its own organization's commitments. A focal point reports only for its own organization, on
recommendations addressed to it and on its own commitments; the secretariat may report on anyone's behalf.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization, is_focal_point_of, is_secretariat
from colloquy.core.countries import validate_iso3
from colloquy.core.workflow import TransitionTable


def may_report_for(user, organization) -> bool:
    """May `user` file (submit, add evidence to, discard) follow-up reports on behalf of `organization`?"""
    if is_secretariat(user):
        return True
    return is_focal_point_of(user, organization)


class Addressee(models.TextChoices):
    STATES = "states", _("States")
    COUNTRIES_OF_ORIGIN = "countries_of_origin", _("Countries of origin")
    COUNTRIES_OF_TRANSIT = "countries_of_transit", _("Countries of transit")
    COUNTRIES_OF_DESTINATION = "countries_of_destination", _("Countries of destination")
    INTERNATIONAL_ORGANIZATIONS = "international_organizations", _("International organizations")
    UN_AGENCIES = "un_agencies", _("UN agencies")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    FORUM = "forum", _("A named forum")
    ALL = "all", _("All stakeholders")
    OTHER = "other", _("Other")


class OutcomeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


# Approved items wait for publication; "back to draft" is allowed from either later state.
OUTCOME_TRANSITIONS = TransitionTable({
    OutcomeState.DRAFT: {OutcomeState.APPROVED},
    OutcomeState.APPROVED: {OutcomeState.PUBLISHED, OutcomeState.DRAFT},
    OutcomeState.PUBLISHED: {OutcomeState.APPROVED, OutcomeState.DRAFT},
}, labels=dict(OutcomeState.choices))


class OutcomeQuerySet(models.QuerySet):
    def published(self):
        """Public records: published, and not of a merely proposed event."""
        return self.filter(self.model.PUBLISHED_Q).filter(
            Q(event__isnull=True) | ~Q(event__status="proposed")
        )

    def approved_or_published(self):
        """Records the secretariat has signed off (approved or published), whatever the event's status: what a
        drafted document may quote before publication. Commitments have no approval step: their published ones."""
        if hasattr(self.model, "state"):
            return self.filter(state__in=(OutcomeState.APPROVED, OutcomeState.PUBLISHED))
        return self.filter(published=True)

    def in_desk_order(self):
        return self.order_by("order", "id")

    def visible_to(self, user):
        """The secretariat sees drafts too; everyone else the published records."""
        if is_secretariat(user):
            return self.all()
        return self.published()


class RecommendationQuerySet(OutcomeQuerySet):
    """Who a recommendation is addressed to: the organizations named on it and those of the follow-up rounds that
    include it (Recommendation.addressed_members() states the same rule for one record)."""

    def addressed_to(self, organization):
        """Recommendations the organization is expected to report on: addressed to it, or in a round that asks it."""
        if organization is None:
            return self.none()
        return self.filter(
            Q(addressed_organizations=organization)
            | Q(followup_rounds__organizations=organization)
        ).distinct()

    def addressed_in(self, countries):
        """Recommendations addressed to an organization of one of `countries` (ISO3 codes)."""
        return self.filter(
            Q(addressed_organizations__country__in=countries)
            | Q(followup_rounds__organizations__country__in=countries)
        ).distinct()


class CommitmentQuerySet(OutcomeQuerySet):
    def visible_to(self, user):
        """As other records, and a focal point also sees its own organization's commitments, drafts included."""
        if is_secretariat(user):
            return self.all()
        org = focal_organization(user)
        if org is None:
            return self.published()
        return self.filter(Q(pk__in=self.published()) | Q(organization=org))


class OutcomeBase(models.Model):
    event = models.ForeignKey("dialogues.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey("dialogues.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("dialogues.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    gcm_objectives = models.ManyToManyField("reference.GcmObjective", blank=True, related_name="+")
    sdg_targets = models.ManyToManyField("reference.SdgTarget", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    PUBLISHED_Q = Q(published=True)  # what `OutcomeQuerySet.published()` asks of the row itself

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def year(self) -> int | None:
        """The year of the event (or cycle) the record comes from."""
        if self.event_id and self.event.start_date:
            return self.event.start_date.year
        if self.event_id:
            return self.event.cycle.year
        if self.cycle_id:
            return self.cycle.year
        return None

    @property
    def forum(self):
        if self.event_id:
            return self.event.cycle.forum
        if self.cycle_id:
            return self.cycle.forum
        return None

    @property
    def is_public(self) -> bool:
        """The per-object form of `published()`: what search indexes for everyone."""
        return self.published and not (self.event_id and self.event.status == "proposed")


class DeskRecord(OutcomeBase):
    """A record written on the rapporteur's desk: a workflow state and a place in the event's list.

    `published` stays readable (and settable, for code that builds a record with `published=False`) as the
    plain form of the state; writes that matter go through the services' `*_transition`."""

    state = models.CharField(max_length=12, choices=OutcomeState.choices, default=OutcomeState.PUBLISHED,
                             help_text=_("Only published records are public"))
    order = models.PositiveIntegerField(default=0)

    PUBLISHED_Q = Q(state=OutcomeState.PUBLISHED)

    class Meta:
        abstract = True

    @property
    def published(self) -> bool:
        return self.state == OutcomeState.PUBLISHED

    @published.setter
    def published(self, value: bool):
        self.state = OutcomeState.PUBLISHED if value else OutcomeState.DRAFT

    def allowed_states(self):
        return OUTCOME_TRANSITIONS.allowed(self.state)


class KeyMessage(DeskRecord):
    text = models.TextField()
    speaker = models.ForeignKey("dialogues.SessionParticipant", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", help_text=_("The speaker it came from"))

    class Meta:
        ordering = ["event", "cycle", "order", "id"]

    def __str__(self):
        return self.text[:80]


class Recommendation(DeskRecord):
    text = models.TextField()
    addressee = models.CharField(max_length=40, choices=Addressee.choices, default=Addressee.STATES)
    addressee_detail = models.CharField(max_length=200, blank=True, help_text=_("e.g. the named forum or agency"))
    category = models.CharField(max_length=200, blank=True, help_text=_('e.g. "State responsibility"'))
    speaker = models.ForeignKey("dialogues.SessionParticipant", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", help_text=_("The speaker it came from"))
    addressed_organizations = models.ManyToManyField(
        "directory.Organization", blank=True, related_name="addressed_recommendations",
        help_text=_("Member States or organizations expected to report on this recommendation"),
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "cycle", "order", "id"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("outcomes:recommendation", args=[self.pk])

    def addressed_members(self) -> list:
        """The organizations expected to report on this, by name (uses the prefetched `addressed_organizations`
        and `followup_rounds__organizations` when there)."""
        orgs = {o.pk: o for o in self.addressed_organizations.all()}
        for followup_round in self.followup_rounds.all():
            orgs.update({o.pk: o for o in followup_round.organizations.all()})
        return sorted(orgs.values(), key=lambda o: o.name)

    def is_addressed_to(self, organization) -> bool:
        return Recommendation.objects.addressed_to(organization).filter(pk=self.pk).exists()

    def reportable_by(self, user, organization) -> bool:
        """May `user` report on this for `organization`? Only when it is addressed to the organization, also when
        the secretariat files on its behalf (a report on anything else would count nowhere: dashboards track
        addressed pairs only)."""
        if not may_report_for(user, organization):
            return False
        if not self.is_addressed_to(organization):
            return False
        return is_secretariat(user) or self.published


class GoodPractice(DeskRecord):
    country = models.CharField(max_length=3, blank=True, validators=[validate_iso3])
    actor = models.CharField(max_length=300, blank=True, help_text=_("Who runs the practice"))
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    presenter = models.ForeignKey("dialogues.SessionParticipant", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text=_("The speaker who presented it"))

    class Meta:
        ordering = ["country", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:practice", args=[self.pk])

    @property
    def speaker(self):
        """The desk's name for `presenter`: the session participant it came from."""
        return self.presenter


class Commitment(OutcomeBase):
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField()
    published = models.BooleanField(default=True, help_text=_("Drafts are visible to the secretariat only"))
    target_date = models.DateField(null=True, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "target_date"]

    def __str__(self):
        return f"{self.organization}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("outcomes:commitment", args=[self.pk])

    def reportable_by(self, user) -> bool:
        """Its organization's focal points and the secretariat report on a commitment."""
        return may_report_for(user, self.organization)
