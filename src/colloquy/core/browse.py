"""Browsing helpers shared by the lists of every app: query-string forms, their errors, API pages.

A bad filter value is reported by name (HTTP 400), never silently ignored and never a 500.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from colloquy.core.apischema import API_MAX_LIMIT, MAX_OFFSET
from colloquy.core.countries import country_choices, country_name
from colloquy.core.errors import DomainError

PER_PAGE = 50
ANY = [("", _("Any"))]


def country_field(value: str) -> str:
    code = (value or "").strip().upper()
    if code and country_name(code) == code:
        raise ValidationError(_("%(code)s is not an ISO 3166-1 alpha-3 country code (for example GHA, PHL)."),
                              params={"code": code})
    return code


class CountryFilterField(forms.ChoiceField):
    """A country picked by name from a list (pycountry); the value is its ISO alpha-3 code, in any case, so
    bookmarked `?country=gha` URLs keep working. A cut free-text field turned "Switzerland" into "Swi"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=lambda: ANY + country_choices(), **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()

    def validate(self, value):
        country_field(value)
        super().validate(value)


def cleaned_or_error(form_class, params: dict) -> dict:
    """The form's cleaned values for API query parameters, or a DomainError (400) naming each problem."""
    form = form_class({k: v for k, v in params.items() if v is not None})
    if form.is_valid():
        return form.cleaned_data
    problems = [f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
                for name, errors in form.errors.items()]
    raise DomainError("Invalid filter: " + "; ".join(problems), code="invalid_filter")


def api_page(response, rows, limit: int, offset: int):
    """One page of `rows` for the API; the total goes in the X-Total-Count header."""
    if not 1 <= limit <= API_MAX_LIMIT or not 0 <= offset <= MAX_OFFSET:
        raise DomainError(gettext("limit must be between 1 and %(limit)s and offset between 0 and %(offset)s.")
                          % {"limit": API_MAX_LIMIT, "offset": MAX_OFFSET}, code="invalid_filter")
    response["X-Total-Count"] = str(rows.count())
    return rows[offset : offset + limit]
