from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router

from colloquy.core.apischema import Limit, Offset
from colloquy.core.browse import api_page, cleaned_or_error
from colloquy.directory.browse import (
    OrganizationFilterForm,
    PersonFilterForm,
    organizations_filtered,
    people_filtered,
)
from colloquy.directory.models import Organization
from colloquy.directory.schemas import OrganizationOut, PersonOut

router = Router(tags=["directory"])


@router.get("/organizations", response=list[OrganizationOut])
def list_organizations(request, response: HttpResponse, category: str | None = None, country: str | None = None,
                       forum: str | None = None, membership: str | None = None, q: str | None = None,
                       limit: Limit = 500, offset: Offset = 0):
    """Organizations with the filters of the /organizations/ page (membership = status held today).
    The total is in the `X-Total-Count` header; page with `limit` (at most 1000) and `offset`."""
    data = cleaned_or_error(OrganizationFilterForm, {
        "category": category, "country": country, "forum": forum, "membership": membership, "q": q})
    rows = organizations_filtered(data, timezone.localdate()).prefetch_related("aliases")
    return api_page(response, rows, limit, offset)


@router.get("/organizations/{slug}", response=OrganizationOut)
def get_organization(request, slug: str):
    return get_object_or_404(Organization.objects.prefetch_related("aliases"), slug=slug)


@router.get("/people", response=list[PersonOut])
def list_people(request, response: HttpResponse, q: str | None = None, limit: Limit = 500, offset: Offset = 0):
    """People who consent to publication (contact details are never part of the API); `q` matches the name."""
    data = cleaned_or_error(PersonFilterForm, {"q": q})
    rows = people_filtered(None, data)  # the public view, whoever asks
    return api_page(response, rows, limit, offset)
