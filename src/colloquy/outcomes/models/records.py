"""Outcome records linked to their event or cycle: key messages, recommendations, good practices,
commitments. (Follow-up models live in followup.py.)

Provenance (the source passage) is a dialogues.Citation on the record.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from colloquy.core.countries import validate_iso3


class Addressee(models.TextChoices):
    STATES = "states", "States"
    COUNTRIES_OF_ORIGIN = "countries_of_origin", "Countries of origin"
    COUNTRIES_OF_TRANSIT = "countries_of_transit", "Countries of transit"
    COUNTRIES_OF_DESTINATION = "countries_of_destination", "Countries of destination"
    INTERNATIONAL_ORGANIZATIONS = "international_organizations", "International organizations"
    UN_AGENCIES = "un_agencies", "UN agencies"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    PRIVATE_SECTOR = "private_sector", "Private sector"
    FORUM = "forum", "A named forum"
    ALL = "all", "All stakeholders"
    OTHER = "other", "Other"


class OutcomeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True).filter(
            Q(event__isnull=True) | ~Q(event__status="proposed")
        )


class OutcomeBase(models.Model):
    event = models.ForeignKey("dialogues.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey("dialogues.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("dialogues.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    gcm_objectives = models.ManyToManyField("reference.GcmObjective", blank=True, related_name="+")
    sdg_targets = models.ManyToManyField("reference.SdgTarget", blank=True, related_name="+")
    published = models.BooleanField(default=True, help_text="Drafts are visible to the secretariat only")
    created_at = models.DateTimeField(auto_now_add=True)

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


class KeyMessage(OutcomeBase):
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["event", "cycle", "order", "id"]

    def __str__(self):
        return self.text[:80]


class Recommendation(OutcomeBase):
    text = models.TextField()
    addressee = models.CharField(max_length=40, choices=Addressee.choices, default=Addressee.STATES)
    addressee_detail = models.CharField(max_length=200, blank=True, help_text="e.g. the named forum or agency")
    category = models.CharField(max_length=200, blank=True, help_text='e.g. "State responsibility"')
    order = models.PositiveIntegerField(default=0)
    addressed_organizations = models.ManyToManyField(
        "directory.Organization", blank=True, related_name="addressed_recommendations",
        help_text="Member States or organizations expected to report on this recommendation",
    )

    class Meta:
        ordering = ["event", "cycle", "order", "id"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("outcomes:recommendation", args=[self.pk])


class GoodPractice(OutcomeBase):
    country = models.CharField(max_length=3, blank=True, validators=[validate_iso3])
    actor = models.CharField(max_length=300, blank=True, help_text="Who runs the practice")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    presenter = models.ForeignKey("dialogues.SessionParticipant", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", help_text="The speaker who presented it")

    class Meta:
        ordering = ["country", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:practice", args=[self.pk])


class Commitment(OutcomeBase):
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="commitments")
    text = models.TextField()
    target_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organization", "target_date"]

    def __str__(self):
        return f"{self.organization}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("outcomes:commitment", args=[self.pk])
