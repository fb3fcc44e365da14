"""Load the shipped reference CSVs. Idempotent: used by the data migration and by `colloquy demo`."""

import csv

from colloquy.reference.categories import DATA


def load_gcm_objectives(model) -> int:
    with open(DATA / "gcm-objectives.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        model.objects.update_or_create(
            number=int(row["number"]), defaults={"title": row["title"], "source_url": row["source_url"]}
        )
    return len(rows)


def load_sdg_targets(model) -> int:
    path = DATA / "sdg-targets.csv"
    if not path.exists():
        return 0
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        model.objects.update_or_create(code=row["code"], defaults={"title": row["title"]})
    return len(rows)
