"""ISO 3166-1 alpha-3 countries via pycountry, plus UN M49 regions from a small shipped table."""

import csv
import gettext as gettext_module
import unicodedata
from functools import cache
from pathlib import Path

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext

DATA = Path(__file__).parent / "data"


def country_choices() -> list[tuple[str, str]]:
    """(code, name) for every country, named and sorted in the active language ("Suisse" under S in French)."""
    return _country_choices((get_language() or "en")[:2])


@cache
def _country_choices(language: str) -> list[tuple[str, str]]:
    if language == "en":
        names = ((c.alpha_3, c.name) for c in pycountry.countries)
    else:
        catalogue = _iso3166_catalogue(language)
        names = ((c.alpha_3, catalogue.gettext(c.name)) for c in pycountry.countries)
    return sorted(names, key=lambda pair: _sort_key(pair[1]))


def _sort_key(name: str) -> str:
    """Accents sort with their letter ("Égypte" before "Espagne"): the base letters, case folded."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()


def country_name(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def _iso3166_catalogue(language: str):
    """pycountry's own translations of the ISO 3166-1 names (shipped with it; nothing is downloaded)."""
    return gettext_module.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name_in_language(code: str | None) -> str:
    """The country's name in the active language ("Mexique", "México"), for prose written in that language
    (the drafted documents). Data outputs (API, exports) keep `country_name`, in English, stable for machines."""
    name = country_name(code)
    language = (get_language() or "en")[:2]
    if not code or language == "en" or name == code:
        return name
    return _iso3166_catalogue(language).gettext(name)


def validate_iso3(value: str) -> None:
    if value and pycountry.countries.get(alpha_3=value.upper()) is None:
        raise ValidationError(gettext('%(value)s is not an ISO 3166-1 alpha-3 country code.') % {'value': repr(value)})


@cache
def _m49() -> dict[str, tuple[str, str]]:
    with open(DATA / "m49-regions.csv", newline="", encoding="utf-8") as fh:
        return {row["iso3"]: (row["region"], row["subregion"]) for row in csv.DictReader(fh)}


def region_of(code: str | None) -> str:
    """UN geoscheme (M49) region of a country, e.g. 'Africa', or '' when unknown."""
    return _m49().get((code or "").upper(), ("", ""))[0]


def subregion_of(code: str | None) -> str:
    return _m49().get((code or "").upper(), ("", ""))[1]
