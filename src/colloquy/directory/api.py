from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from colloquy.directory.models import Organization, Person

router = Router(tags=["directory"])


class OrganizationOut(Schema):
    slug: str
    name: str
    acronym: str
    category: str
    country: str
    aliases: list[str]

    @staticmethod
    def resolve_aliases(obj):
        return [a.name for a in obj.aliases.all()]


class PersonOut(Schema):
    slug: str
    name: str
    honorific: str


@router.get("/organizations", response=list[OrganizationOut])
def list_organizations(request, category: str | None = None, country: str | None = None):
    qs = Organization.objects.prefetch_related("aliases")
    if category:
        qs = qs.filter(category=category)
    if country:
        qs = qs.filter(country=country.upper())
    return qs


@router.get("/organizations/{slug}", response=OrganizationOut)
def get_organization(request, slug: str):
    return get_object_or_404(Organization.objects.prefetch_related("aliases"), slug=slug)


@router.get("/people", response=list[PersonOut])
def list_people(request):
    # Only people who consent to publication; contact details are never part of the API.
    return Person.objects.publishable()
