"""Stakeholder categories (keys from shared/reference/stakeholder-categories.csv, shipped in data/)."""

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def stakeholder_categories() -> list[tuple[str, str]]:
    with open(DATA / "stakeholder-categories.csv", newline="", encoding="utf-8") as fh:
        return [(row["key"], row["label"]) for row in csv.DictReader(fh)]


def category_label(key: str) -> str:
    return dict(stakeholder_categories()).get(key, key)


CATEGORY_CHOICES = stakeholder_categories()
