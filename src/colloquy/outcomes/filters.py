"""The one set of filters shared by dashboards, lists, exports and the API: forum, year, objective, country,
region, status. Bad values give a message naming the problem (and the filter is ignored), never a 500."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from colloquy.core.countries import _m49, country_name, region_of
from colloquy.outcomes.models.followup import NO_REPORT, ReportStatus

STATUS_CHOICES = [*ReportStatus.choices, (NO_REPORT, "No report yet")]


def regions() -> list[str]:
    return sorted({region for region, _sub in _m49().values() if region})


@dataclass
class OutcomeFilter:
    forum: str = ""
    year: int | None = None
    objective: int | None = None
    country: str = ""
    region: str = ""
    status: str = ""
    errors: list[str] = field(default_factory=list)

    KEYS = ("forum", "year", "objective", "country", "region", "status")

    @classmethod
    def from_params(cls, params) -> "OutcomeFilter":
        f = cls()
        get = lambda key: (params.get(key) or "").strip()  # noqa: E731
        f.forum = get("forum")[:100]
        for key, low, high in (("year", 1900, 2200), ("objective", 1, 23)):
            raw = get(key)
            if raw:
                if raw.isdigit() and low <= int(raw) <= high:
                    setattr(f, key, int(raw))
                else:
                    f.errors.append(f"{key}: {raw!r} is not a number between {low} and {high}; ignored.")
        country = get("country").upper()
        if country:
            if country_name(country) != country:
                f.country = country
            else:
                f.errors.append(f"country: {country!r} is not an ISO 3166-1 alpha-3 code; ignored.")
        region = get("region")
        if region:
            if region in regions():
                f.region = region
            else:
                f.errors.append(f"region: {region!r} is not a UN M49 region ({', '.join(regions())}); ignored.")
        status = get("status")
        if status:
            if status in dict(STATUS_CHOICES):
                f.status = status
            else:
                f.errors.append(f"status: {status!r} is not one of {', '.join(dict(STATUS_CHOICES))}; ignored.")
        return f

    def as_params(self) -> dict:
        return {k: getattr(self, k) for k in self.KEYS if getattr(self, k) not in ("", None)}

    @property
    def active(self) -> bool:
        return bool(self.as_params())

    def querystring(self) -> str:
        return urlencode(self.as_params())

    # --- applying to querysets of outcome records ---------------------------------------------

    def _forum_year_objective(self, qs):
        if self.forum:
            qs = qs.filter(Q(event__cycle__forum__slug=self.forum) | Q(event__isnull=True, cycle__forum__slug=self.forum))
        if self.year:
            qs = qs.filter(
                Q(event__start_date__year=self.year)
                | Q(event__isnull=False, event__start_date__isnull=True, event__cycle__year=self.year)
                | Q(event__isnull=True, cycle__year=self.year)
            )
        if self.objective:
            qs = qs.filter(gcm_objectives__number=self.objective)
        return qs.distinct()

    def countries_in_region(self) -> list[str]:
        return [code for code, (region, _sub) in _m49().items() if region == self.region]

    def recommendations(self, qs):
        qs = self._forum_year_objective(qs)
        if self.country:
            qs = qs.addressed_in([self.country])
        if self.region:
            qs = qs.addressed_in(self.countries_in_region())
        return qs.distinct()

    def practices(self, qs):
        qs = self._forum_year_objective(qs)
        if self.country:
            qs = qs.filter(country=self.country)
        if self.region:
            qs = qs.filter(country__in=self.countries_in_region())
        return qs

    def commitments(self, qs):
        qs = self._forum_year_objective(qs)
        if self.country:
            qs = qs.filter(organization__country=self.country)
        if self.region:
            qs = qs.filter(organization__country__in=self.countries_in_region())
        return qs

    def keeps_item(self, item) -> bool:
        """For tracked (item, organization) pairs: country, region and status apply to the organization."""
        if self.country and item.country != self.country:
            return False
        if self.region and region_of(item.country) != self.region:
            return False
        return not (self.status and item.status != self.status)
