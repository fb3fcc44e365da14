"""Organizations, their membership of forums over time, people and their affiliations."""

import unicodedata

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from colloquy.core.access import is_secretariat
from colloquy.core.countries import country_name, validate_iso3
from colloquy.reference.categories import CATEGORY_CHOICES


def normalize_name(value: str) -> str:
    """Casefolded, accent-free, punctuation-free form used for matching names and aliases."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(text.split())


class OrganizationQuerySet(models.QuerySet):
    def governments(self):
        return self.filter(category="governments")

    def matching(self, name: str):
        """Organizations whose name, acronym or alias normalises to `name`."""
        key = normalize_name(name)
        return self.filter(Q(normalized_name=key) | Q(acronym__iexact=name.strip()) | Q(aliases__normalized=key)).distinct()


class Organization(models.Model):
    name = models.CharField(max_length=300)
    normalized_name = models.CharField(max_length=300, db_index=True, editable=False)
    acronym = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    category = models.CharField(max_length=40, choices=CATEGORY_CHOICES, db_index=True)
    country = models.CharField(
        max_length=3, blank=True, db_index=True, validators=[validate_iso3],
        help_text=_("ISO 3166-1 alpha-3; required for governments."),
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(category="governments") | ~Q(country=""),
                name="government_has_country",
                violation_error_message="A government must have a country.",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        if self.country:
            self.country = self.country.upper()
        if not self.slug:
            self.slug = unique_slug(Organization, self.acronym or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:organization", args=[self.slug])

    @property
    def country_name(self):
        return country_name(self.country)

    def membership_status(self, forum, on=None) -> str:
        on = on or timezone.localdate()
        membership = self.memberships.filter(forum=forum).active_on(on).first()
        return membership.status if membership else ""


class OrganizationAlias(models.Model):
    """Other names: IOM = OIM, UK = United Kingdom of Great Britain and Northern Ireland."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalized = models.CharField(max_length=300, db_index=True, editable=False)
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "organization aliases"
        constraints = [models.UniqueConstraint(fields=["organization", "normalized"], name="unique_alias")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)


class MembershipStatus(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    OBSERVER_STATE = "observer_state", _("Observer State")
    OBSERVER_ORGANIZATION = "observer_organization", _("Observer organization")


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Membership(models.Model):
    """An organization's status in a forum over a period. Changes are new rows, never edits."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    forum = models.ForeignKey("dialogues.Forum", on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(max_length=30, choices=MembershipStatus.choices)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["forum", "organization__name", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
                violation_error_message="A membership cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.organization} — {self.get_status_display()} of {self.forum}"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other / self-described")


class PersonQuerySet(models.QuerySet):
    def publishable(self):
        return self.filter(consents_to_publication=True)


ANONYMOUS_LABEL = "a migrant representative"  # shown for a person who does not consent to publication


class Person(models.Model):
    name = models.CharField(max_length=200)
    normalized_name = models.CharField(max_length=200, db_index=True, editable=False)
    honorific = models.CharField(max_length=40, blank=True, help_text=_("H.E., Dr, Ms, Mr, Prof. ..."))
    slug = models.SlugField(max_length=120, unique=True)
    gender = models.CharField(
        max_length=10, choices=Gender.choices, blank=True,
        help_text=_("Optional; used only for speaker balance statistics."),
    )
    country = models.CharField(max_length=3, blank=True, validators=[validate_iso3], help_text=_("Nationality, ISO alpha-3"))
    consents_to_publication = models.BooleanField(
        default=True,
        help_text=_("If off, public pages show only the role (e.g. 'a migrant representative'), never the name."),
    )
    anonymous_label = models.CharField(max_length=100, blank=True, default=ANONYMOUS_LABEL)
    biography = models.TextField(blank=True)
    # Private contact details: never rendered on public pages or exported publicly.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_name(self.name)
        if not self.slug:
            self.slug = unique_slug(Person, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:person", args=[self.slug])

    def contact_details_visible_to(self, user) -> bool:
        """Private contact details: secretariat only."""
        return is_secretariat(user)


    @property
    def public_name(self) -> str:
        return self.display_name if self.consents_to_publication else (self.anonymous_label or ANONYMOUS_LABEL)

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    def affiliation_on(self, day):
        qs = self.affiliations.select_related("organization")
        if day:
            qs = qs.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=day)
            )
        return qs.order_by("-start_date").first()


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="affiliations")
    title = models.CharField(max_length=200, blank=True, help_text=_("Role or title, e.g. Deputy Minister for Foreign Affairs"))
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-start_date"]

    def __str__(self):
        return f"{self.person}: {self.title}, {self.organization}".replace(": , ", ": ")


def unique_slug(model, text: str, max_length: int = 110) -> str:
    base = slugify(text, allow_unicode=False)[:max_length] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
