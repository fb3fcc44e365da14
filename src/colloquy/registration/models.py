"""Registration of delegations and individual participants for an event.

Capacity counts **persons attending in person** (seats in the room). Remote participants never take a
seat, and a delegation takes as many seats as it has in-person participants. See docs/registration.md.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import focal_organization, is_secretariat
from colloquy.core.countries import validate_iso3
from colloquy.core.files import unguessable_name
from colloquy.dialogues.models import LANGUAGE_CHOICES, Event
from colloquy.directory.models import Gender
from colloquy.reference.categories import CATEGORY_CHOICES

# Categories whose people may apply on their own (not through a member focal point).
INDIVIDUAL_CATEGORIES = ("ngos", "academia", "private_sector")


class RegistrationSettingsQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The settings of events `user` may see (`Event.objects.visible_to`): where they may register."""
        return self.filter(event__in=Event.objects.visible_to(user))


class RegistrationSettings(models.Model):
    """Per-event registration rules, kept beside the event (the foundation Event model is not ours)."""

    event = models.OneToOneField("dialogues.Event", on_delete=models.CASCADE, related_name="registration_settings")
    opens_at = models.DateTimeField(null=True, blank=True, help_text="Empty: open as soon as the settings exist")
    closes_at = models.DateTimeField(null=True, blank=True, help_text="Empty: open until the event starts")
    capacity = models.PositiveIntegerField(null=True, blank=True, help_text="In-person seats; empty means no limit")
    waitlist_enabled = models.BooleanField(default=True)
    note_verbale_required = models.BooleanField(
        default=False, help_text="Delegations must upload a nomination letter or note verbale"
    )
    booked_languages = models.JSONField(
        default=list, blank=True, help_text='Interpretation booked by the secretariat, e.g. ["en", "fr", "es"]'
    )
    individual_applications = models.BooleanField(
        default=True, help_text="People from NGOs, academia and the private sector may apply on their own"
    )
    offer_days = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Days a waitlisted registration has to accept a freed place before the offer expires"),
    )

    objects = RegistrationSettingsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "registration settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="registration_closes_after_opening",
                violation_error_message="Registration must close after it opens.",
            ),
        ]

    def __str__(self):
        return f"Registration for {self.event}"

    def clean(self):
        known = dict(LANGUAGE_CHOICES)
        for code in self.booked_languages or []:
            if code not in known:
                raise ValidationError({"booked_languages": f"Unknown language code {code!r}."})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return False
        if self.closes_at and now >= self.closes_at:
            return False
        if not self.closes_at and self.event.start_date:  # open through the first day, in the event's own zone
            return timezone.localdate(now, self.event.tzinfo) <= self.event.start_date
        return True


class RegistrationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    OFFERED = "offered", _("Place offered")
    EXPIRED = "expired", _("Offer expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ATTENDED = "attended", _("Attended")


# States that count in participation statistics.
COUNTED_STATES = (RegistrationState.APPROVED, RegistrationState.ATTENDED)
# States that hold in-person seats: an open offer keeps its place until accepted, declined or expired.
SEAT_STATES = (*COUNTED_STATES, RegistrationState.OFFERED)


class RegistrationKind(models.TextChoices):
    DELEGATION = "delegation", "Delegation"
    INDIVIDUAL = "individual", "Individual application"


class RegistrationQuerySet(models.QuerySet):
    def counted(self):
        """Approved or attended: these hold seats and feed the statistics."""
        return self.filter(state__in=COUNTED_STATES)

    def waitlist(self):
        return self.filter(state=RegistrationState.WAITLISTED).order_by("waitlisted_at", "pk")

    def offers_due(self, now=None):
        """Open offers whose deadline has passed (expired at the deadline itself)."""
        return self.filter(state=RegistrationState.OFFERED, offer_expires_at__lte=now or timezone.now())

    def visible_to(self, user):
        """Secretariat: all. A focal point: their organization's and their own. Others: their own."""
        if is_secretariat(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        mine = Q(submitted_by=user)
        org = focal_organization(user)
        if org is not None:
            mine |= Q(organization=org)
        return self.filter(mine)

    def with_seats(self):
        return self.annotate(
            n_seats=Count("participants", filter=Q(participants__attendance="in_person")),
            n_participants=Count("participants"),
        )


def nomination_upload_to(instance, filename):
    return unguessable_name(f"registration/{instance.event_id}/nominations", filename)


class PrivateStorage(FileSystemStorage):
    """Files that must never be reachable by URL. Root: settings.PRIVATE_MEDIA_ROOT (<VAR_DIR>/private).

    Read at each use (not cached), so tests and deployments can point it elsewhere.
    """

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; stream them through a view that checks access.")


def private_storage():
    """Nomination letters are diplomatic correspondence: stored outside MEDIA_ROOT and streamed only by
    `registration:nomination-letter`, which checks access. Several machines share them through the "private"
    storage (settings.STORAGES, COLLOQUY_S3_BUCKET) instead."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return PrivateStorage()


class Registration(models.Model):
    """A delegation registered by a focal point, or an individual's own application."""

    event = models.ForeignKey("dialogues.Event", on_delete=models.CASCADE, related_name="registrations")
    kind = models.CharField(max_length=12, choices=RegistrationKind.choices, default=RegistrationKind.DELEGATION)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    organization_name = models.CharField(max_length=300, help_text="As registered (kept even if the directory changes)")
    category = models.CharField(max_length=40, choices=CATEGORY_CHOICES)
    country = models.CharField(max_length=3, blank=True, validators=[validate_iso3])
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    contact_email = models.EmailField()
    nomination_letter = models.FileField(upload_to=nomination_upload_to, storage=private_storage, blank=True)
    note = models.TextField(blank=True, help_text="From the registrant to the secretariat")
    state = models.CharField(
        max_length=12, choices=RegistrationState.choices, default=RegistrationState.PENDING, db_index=True
    )
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    state_changed_at = models.DateTimeField(default=timezone.now)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Deadline of the latest offer of a freed place (kept after it is answered)"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]

    def __str__(self):
        return f"{self.organization_name} — {self.event}"

    def is_visible_to(self, user) -> bool:
        """The secretariat, whoever submitted it, and the focal point of its organization (as `visible_to`)."""
        if is_secretariat(user):
            return True
        if self.submitted_by_id and getattr(user, "pk", None) == self.submitted_by_id:
            return True
        org = focal_organization(user)
        return org is not None and self.organization_id == org.pk

    def can_be_changed_by(self, user) -> bool:
        """Withdraw it, change its list, answer an offer: whoever may see it (the registrant's side or the
        secretariat); the services decide which states allow what."""
        return self.is_visible_to(user)

    def offer_deadline_text(self) -> str:
        """The offer's deadline in the event's own time zone, e.g. "Thursday 8 May 2031, 14:00 (Europe/Zurich)"."""
        if self.offer_expires_at is None:
            return ""
        local = self.offer_expires_at.astimezone(self.event.tzinfo)
        return f"{dateformat.format(local, 'l j F Y, H:i')} ({self.event.timezone})"  # day/month names translated

    @property
    def seats(self) -> int:
        return sum(1 for p in self.participants.all() if p.attendance == Attendance.IN_PERSON)


class ParticipantRole(models.TextChoices):
    HEAD = "head_of_delegation", "Head of delegation"
    DELEGATE = "delegate", "Delegate"
    ADVISER = "adviser", "Adviser"
    SPEAKER = "speaker", "Speaker"
    PARTICIPANT = "participant", "Participant"


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    REMOTE = "remote", "Remote"


class Participant(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="participants")
    honorific = models.CharField(max_length=40, blank=True, help_text="H.E., Dr, Ms, Mr ...")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True, help_text="Function, e.g. Director of Migration Policy")
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    role = models.CharField(max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.DELEGATE)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON)
    interpretation_language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, blank=True)
    accessibility_needs = models.TextField(blank=True)
    email = models.EmailField(blank=True, help_text="Private; never published")
    consents_to_publication = models.BooleanField(
        default=False, help_text="May the name appear in the public list of participants?"
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["registration", "order", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()
