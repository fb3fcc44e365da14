"""Calls to members: the secretariat asks for speakers, case studies or partner organizations for an event or a
cycle; focal points answer before the deadline; the secretariat shortlists, accepts or declines each answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization, is_member_of_forum, is_secretariat, member_forum_ids
from colloquy.core.countries import validate_iso3
from colloquy.core.files import unguessable_name


class CallKind(models.TextChoices):
    SPEAKERS = "speakers", _("Speakers")
    CASE_STUDIES = "case_studies", _("Case studies")
    PARTNERS = "partners", _("Partner organizations")


class CallState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CallQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The secretariat sees every call; a focal point those for the forums its organization belongs to
        today; nobody else any."""
        if is_secretariat(user):
            return self.all()
        forums = member_forum_ids(user)
        return self.filter(Q(cycle__forum_id__in=forums) | Q(event__cycle__forum_id__in=forums))

    def accepting(self, now=None):
        return self.filter(state=CallState.OPEN, deadline__gt=now or timezone.now())


class Call(models.Model):
    """A call for speakers, case studies or partners, for one event or one cycle."""

    kind = models.CharField(max_length=20, choices=CallKind.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    event = models.ForeignKey("dialogues.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="calls")
    cycle = models.ForeignKey("dialogues.Cycle", null=True, blank=True, on_delete=models.CASCADE, related_name="calls")
    deadline = models.DateTimeField(help_text=_("Answers are accepted until this moment"))
    state = models.CharField(max_length=10, choices=CallState.choices, default=CallState.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(event__isnull=False) | Q(cycle__isnull=False),
                                   name="call_for_event_or_cycle",
                                   violation_error_message="A call is for an event or a cycle."),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:detail", args=[self.pk])

    @property
    def forum(self):
        return self.event.cycle.forum if self.event_id else self.cycle.forum

    def is_accepting(self, now=None) -> bool:
        """Open and before the deadline: after it, a call is closed whatever its state says."""
        return self.state == CallState.OPEN and (now or timezone.now()) < self.deadline

    def accepts_answers_from(self, user, now=None) -> bool:
        return self.is_accepting(now) and is_member_of_forum(user, self.forum)


class ResponseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ConsentState(models.TextChoices):
    NOT_ASKED = "", _("Not asked")
    ASKED = "asked", _("Asked")
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")


class CallResponseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The secretariat sees every answer; a focal point its own organization's; nobody else any."""
        if is_secretariat(user):
            return self.all()
        organization = focal_organization(user)
        if organization is None:
            return self.none()
        return self.filter(organization=organization)


def _response_file(instance, filename):
    return unguessable_name("calls/", filename)


class CallResponse(models.Model):
    """A member's answer: a person with an affiliation (speakers, partners) or a case study."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="responses")
    organization = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="call_responses")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=ResponseStatus.choices, default=ResponseStatus.SUBMITTED)
    # a person (speakers) or an organization (partners)
    name = models.CharField(max_length=200, blank=True, help_text=_("The person's or organization's name"))
    email = models.EmailField(blank=True)
    affiliation = models.CharField(max_length=300, blank=True, help_text=_("Title and organization"))
    # a case study
    title = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=3, blank=True, validators=[validate_iso3])
    summary = models.TextField(blank=True)
    file = models.FileField(upload_to=_response_file, blank=True, max_length=300)
    note = models.TextField(blank=True, help_text=_("The secretariat's note on the decision"))
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # what an accepted answer became
    participant = models.ForeignKey("dialogues.SessionParticipant", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    good_practice = models.ForeignKey("outcomes.GoodPractice", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    consent = models.CharField(max_length=10, choices=ConsentState.choices, default=ConsentState.NOT_ASKED, blank=True)

    objects = CallResponseQuerySet.as_manager()

    class Meta:
        ordering = ["call", "created_at", "id"]

    def __str__(self):
        return self.title or self.name

    @property
    def label(self) -> str:
        return self.title or self.name


class CallReminder(models.Model):
    """One reminder e-mailed to a focal point about a call, so each is sent once."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="reminders")
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "email"], name="one_call_reminder_per_address")]

    def __str__(self):
        return f"{self.call} → {self.email}"
