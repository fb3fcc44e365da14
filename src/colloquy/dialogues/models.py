"""The dialogue record: forums, yearly cycles, events, their programme sessions and documents."""

import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat, member_forum_ids
from colloquy.core.countries import country_name, validate_iso3
from colloquy.core.files import unguessable_name
from colloquy.directory.models import unique_slug

LANGUAGE_CHOICES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish")), ("ar", _("Arabic")), ("ru", _("Russian")),
                    ("zh", _("Chinese"))]


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(gettext('%(value)s is not an IANA time zone (e.g. Europe/Zurich).') % {'value': repr(value)}) from exc


class Forum(models.Model):
    name = models.CharField(max_length=200, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    secretariat = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="secretariat_of"
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.acronym or self.name


class CycleState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    THEME_SELECTION = "theme_selection", _("Theme selection")
    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")


class CycleQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(state=CycleState.DRAFT)

    def visible_to(self, user):
        """The secretariat sees every cycle; everyone else the published ones."""
        return self if is_secretariat(user) else self.published()


class Cycle(models.Model):
    """One year of a forum's dialogue, with its overarching theme."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="cycles")
    year = models.PositiveSmallIntegerField()
    overarching_theme = models.CharField(max_length=300, blank=True)
    theme_rationale = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=CycleState.choices, default=CycleState.DRAFT)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "forum__name"]
        constraints = [models.UniqueConstraint(fields=["forum", "year"], name="one_cycle_per_forum_year")]

    def __str__(self):
        return f"{self.forum} {self.year}"

    def get_absolute_url(self):
        return reverse("public:cycle", args=[self.forum.slug, self.year])

    @property
    def is_published(self) -> bool:
        return self.state != CycleState.DRAFT


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Expert seminar")
    BRIEFING = "briefing", _("Briefing")
    TRAINING = "training", _("Training session")
    CONSULTATION = "consultation", _("Informal consultation")
    CONFERENCE = "conference", _("Conference")
    COUNCIL_SESSION = "council_session", _("Council session")
    SIDE_EVENT = "side_event", _("Side event")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class FundingStatus(models.TextChoices):
    UNKNOWN = "", _("Not recorded")
    SUBJECT_TO_FUNDING = "subject_to_funding", _("Subject to funding")
    FUNDED = "funded", _("Funded")


class EventQuerySet(models.QuerySet):
    def published(self):
        """What anonymous visitors may see: not proposed, and in a published cycle."""
        return self.exclude(status=EventStatus.PROPOSED).exclude(cycle__state=CycleState.DRAFT)

    def visible_to(self, user):
        """The secretariat sees every event; everyone else the published ones."""
        return self if is_secretariat(user) else self.published()


class Event(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.WORKSHOP)
    title = models.CharField(max_length=400)
    slug = models.SlugField(max_length=140, unique=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    timezone = models.CharField(max_length=64, default="Europe/Zurich", validators=[validate_timezone])
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=3, blank=True, validators=[validate_iso3])
    venue = models.CharField(max_length=300, blank=True)
    room = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED, db_index=True)
    funding_status = models.CharField(max_length=30, choices=FundingStatus.choices, blank=True, default="")
    donors = models.ManyToManyField("directory.Organization", through="EventFunding", related_name="funded_events", blank=True)
    co_organizers = models.ManyToManyField("directory.Organization", related_name="co_organized_events", blank=True)
    interpretation_languages = models.JSONField(default=list, blank=True, help_text=_('Language codes, e.g. ["en", "fr", "es"]'))
    working_language = models.CharField(_("Working language"), max_length=8, blank=True, choices=LANGUAGE_CHOICES,
                                        help_text=_("Language of its printed programme, badges and lists; empty: the reader's"))
    description = models.TextField(blank=True)
    participants_total = models.PositiveIntegerField(null=True, blank=True, help_text=_("Persons, as reported"))
    participants_reported = models.CharField(
        max_length=120, blank=True, help_text=_('As the source gives it, qualifier kept: "~600", ">500", "500 (registered)"')
    )
    participants_qualifier = models.CharField(
        max_length=8, blank=True, choices=[("", _("exact")), ("over", _("over")), ("about", _("about"))],
        help_text=_('How the source states the total: "over 200", "about 200"'))
    participants_by_category = models.JSONField(
        default=dict, blank=True,
        help_text=_('Organizations or delegations by stakeholder category, as reported: {"governments": 40}'))
    source_url = models.TextField(blank=True, help_text=_("Source URL(s), separated by ' | '"))

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="event_dates_ordered",
                violation_error_message="An event cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            year = self.start_date.year if self.start_date else self.cycle.year
            self.slug = unique_slug(Event, f"{year} {self.title}", max_length=120)
        if self.country:
            self.country = self.country.upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:event", args=[self.slug])

    def clean(self):
        for code in self.interpretation_languages or []:
            if code not in dict(LANGUAGE_CHOICES):
                raise ValidationError({"interpretation_languages": f"Unknown language code {code!r}."})

    @property
    def is_published(self) -> bool:
        return self.status != EventStatus.PROPOSED and self.cycle.is_published

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def country_name(self):
        return country_name(self.country)

    @property
    def source_urls(self) -> list[str]:
        return [u.strip() for u in self.source_url.split("|") if u.strip()]


class EventFunding(models.Model):
    """A donor named for an event (thanked in reports). Amounts are pledges in the funding app."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="funding")
    donor = models.ForeignKey("directory.Organization", on_delete=models.PROTECT, related_name="funding")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "donor"], name="one_funding_row_per_donor")]

    def __str__(self):
        return f"{self.donor} → {self.event}"


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    KEYNOTE = "keynote", _("Keynote")
    PANEL = "panel", _("Panel")
    DISCUSSION = "discussion", _("Discussion")
    MIGRANTS_VOICES = "migrants_voices", _("Migrants' voices")
    BREAK = "break", _("Break")
    LUNCH = "lunch", _("Lunch")
    SIDE_EVENT = "side_event", _("Side event")
    CLOSING = "closing", _("Closing")
    OTHER = "other", _("Other")


class Session(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(null=True, blank=True)
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=400)
    kind = models.CharField(max_length=20, choices=SessionKind.choices, default=SessionKind.PANEL)
    room = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["event", "date", "start_time", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=True) | Q(end_time__gte=models.F("start_time")),
                name="session_times_ordered",
                violation_error_message="A session cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_break(self):
        return self.kind in (SessionKind.BREAK, SessionKind.LUNCH)


class SessionRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")
    DISCUSSANT = "discussant", _("Discussant")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


CHAIR_ROLES = (SessionRole.CHAIR, SessionRole.MODERATOR)
SPEAKER_ROLES = (SessionRole.SPEAKER, SessionRole.DISCUSSANT, SessionRole.RAPPORTEUR)


def in_programme_order(participants) -> list:
    """Chairs and moderators first, then speakers, discussants and rapporteurs; each group in the order the
    secretariat set (`order`), whatever the role. Every public output lists people this way."""
    return sorted(participants, key=lambda p: (p.role not in CHAIR_ROLES, p.order, p.pk))


class SessionParticipant(models.Model):
    """A person's role in a session, with the affiliation they held at that time."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT, related_name="session_roles")
    role = models.CharField(max_length=20, choices=SessionRole.choices, default=SessionRole.SPEAKER)
    organization = models.ForeignKey(
        "directory.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="session_roles"
    )
    affiliation_title = models.CharField(max_length=200, blank=True, help_text=_("Title held at the time"))
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["session", "role", "order", "id"]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()}) — {self.session}"

    @property
    def affiliation_text(self) -> str:
        parts = [self.affiliation_title, self.organization.name if self.organization else ""]
        return ", ".join(p for p in parts if p)


class DocumentType(models.TextChoices):
    DISCUSSION_NOTE = "discussion_note", _("Discussion note")
    SUMMARY_OF_CONCLUSIONS = "summary_of_conclusions", _("Summary of conclusions")
    WORKSHOP_REPORT = "workshop_report", _("Workshop report")
    PROGRAMME = "programme", _("Programme")
    BACKGROUND_PAPER = "background_paper", _("Background paper")
    PRESENTATION = "presentation", _("Presentation")
    SERIES_REPORT = "series_report", _("Series report")
    LIST_OF_PARTICIPANTS = "list_of_participants", _("List of participants")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")
    OTHER = "other", _("Other")


class DocumentAccess(models.TextChoices):
    PUBLIC = "public", _("Public")
    RESTRICTED = "restricted", _("Restricted to members of the forum")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=DocumentStatus.PUBLISHED, access=DocumentAccess.PUBLIC)

    def visible_to(self, user):
        """Public documents for everyone; restricted ones for focal points of a member of their forum today."""
        if is_secretariat(user):
            return self
        public = Q(status=DocumentStatus.PUBLISHED, access=DocumentAccess.PUBLIC)
        forum_ids = member_forum_ids(user)
        if not forum_ids:
            return self.filter(public)
        restricted = Q(status=DocumentStatus.PUBLISHED, access=DocumentAccess.RESTRICTED) & (
            Q(forum_id__in=forum_ids) | Q(cycle__forum_id__in=forum_ids) | Q(event__cycle__forum_id__in=forum_ids))
        return self.filter(public | restricted)


def document_upload_to(instance, filename):
    """An unguessable name (restricted documents among them): served only by `public:document-file`."""
    return unguessable_name("documents", filename)


class Document(models.Model):
    title = models.CharField(max_length=500)
    symbol = models.CharField(max_length=60, blank=True, db_index=True, help_text=_("e.g. IC/2007/7"))
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, default="en")
    doc_type = models.CharField(max_length=30, choices=DocumentType.choices, default=DocumentType.OTHER)
    forum = models.ForeignKey(Forum, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    cycle = models.ForeignKey(Cycle, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    file = models.FileField(upload_to=document_upload_to, blank=True)
    text = models.TextField(blank=True, help_text=_("Normalised text, when known"))
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    source_url = models.URLField(max_length=500, blank=True)
    access = models.CharField(max_length=12, choices=DocumentAccess.choices, default=DocumentAccess.PUBLIC)
    status = models.CharField(max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.PUBLISHED)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self):
        return f"{self.symbol} {self.title}".strip() if self.symbol else self.title

    def get_absolute_url(self):
        return reverse("public:document", args=[self.pk])

    @property
    def owning_forum(self):
        if self.forum_id:
            return self.forum
        if self.event_id:
            return self.event.cycle.forum
        if self.cycle_id:
            return self.cycle.forum
        return None


class ThemeLevel(models.TextChoices):
    OVERARCHING = "overarching", _("Overarching theme")
    WORKSHOP_TOPIC = "workshop_topic", _("Workshop topic")


class ThemeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Declined")


class Theme(models.Model):
    """A theme or workshop topic proposed or selected for a cycle (by ballot, consultation or record)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(max_length=400)
    level = models.CharField(max_length=20, choices=ThemeLevel.choices, default=ThemeLevel.OVERARCHING)
    status = models.CharField(max_length=12, choices=ThemeStatus.choices, default=ThemeStatus.PROPOSED)
    rationale = models.TextField(blank=True)
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="themes",
                              help_text=_("The workshop that took up this topic, once known"))

    class Meta:
        ordering = ["cycle", "level", "title"]

    def __str__(self):
        return self.title


class Citation(models.Model):
    """Where a record comes from: a passage of a document (character offsets into its normalised text).

    Any record may carry citations (events, sessions, themes, recommendations, ...), so a public page can
    show "source: IC/2007/7, para. 6".
    """

    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(max_length=60, blank=True, help_text=_('e.g. "para. 6", "p. 12"'))
    quote = models.TextField(blank=True, help_text=_("The cited passage"))

    class Meta:
        ordering = ["document", "start"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.document}{', ' + self.label if self.label else ''}"


def citations_for(obj):
    return Citation.objects.filter(
        target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk
    ).select_related("document")


def cite(obj, *, document, start=None, end=None, label="", quote="", page=None) -> Citation:
    return Citation.objects.create(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk,
                                   document=document, start=start, end=end, label=label, quote=quote, page=page)
