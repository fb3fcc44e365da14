"""Stakeholder categories (keys from shared/reference/stakeholder-categories.csv, shipped in data/)."""

import csv
from functools import cache
from pathlib import Path

from django.utils.translation import gettext, gettext_lazy, gettext_noop

DATA = Path(__file__).parent / "data"


@cache
def stakeholder_categories() -> list[tuple[str, str]]:
    with open(DATA / "stakeholder-categories.csv", newline="", encoding="utf-8") as fh:
        return [(row["key"], row["label"]) for row in csv.DictReader(fh)]


# The CSV's English labels, marked so that makemessages extracts them (the CSV stays the source of keys and
# labels); category_label() and CATEGORY_CHOICES give them in the active language.
TRANSLATED_LABELS = (
    gettext_noop("Governments (Member and observer States)"),
    gettext_noop("International and intergovernmental organizations"),
    gettext_noop("Regional organizations and regional consultative processes"),
    gettext_noop("Non-governmental and civil society organizations"),
    gettext_noop("Private sector"),
    gettext_noop("Academia and research"),
    gettext_noop("Media"),
    gettext_noop("Diaspora and migrant organizations"),
    gettext_noop("Trade unions"),
    gettext_noop("Local and regional authorities"),
)


def category_label(key: str) -> str:
    label = dict(stakeholder_categories()).get(key)
    return gettext(label) if label else key


CATEGORY_CHOICES = [(key, gettext_lazy(label)) for key, label in stakeholder_categories()]
