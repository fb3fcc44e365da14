"""SDG-target profiles for tag suggestions: for each migration-relevant target the reference app holds
(reference/data/sdg-targets.csv), word stems that signal it and a short description in plain words. Both are
our own paraphrases of the target's wording, written before the evaluation set was extended (docs/tagging.md),
and matched/embedded exactly like the GCM objectives' profiles."""

import csv
from functools import cache

from colloquy.reference.categories import DATA

RULES: dict[str, list[str]] = {
    "5.2": ["violence against women", "gender-based violence", "sexual exploitation", "sexual violence",
            "women and girls", "domestic violence", "abuse of women", "trafficking in women", "female migrant",
            "women migrant"],
    "8.7": ["forced labour", "forced labor", "modern slavery", "slavery", "child labour", "child labor", "bonded",
            "debt bondage", "servitude", "trafficking", "trafficked"],
    "8.8": ["labour right", "labor right", "working condition", "decent work", "occupational", "workplace",
            "migrant worker", "domestic worker", "precarious", "employer", "labour inspection", "labor inspection",
            "wage", "labour standard", "labor standard", "workers' rights", "employment contract"],
    "10.7": ["migration polic", "regular migration", "orderly", "safe migration", "mobility", "regular pathway",
             "migration management", "managed migration", "recruitment cost", "recruitment fee", "labour migration",
             "labor migration", "irregular migration", "visa", "admission", "readmission", "return migration",
             "migration governance", "well-managed", "circular migration"],
    "10.c": ["remittance", "transfer cost", "transaction cost", "money transfer", "sending money",
             "cost of transfer", "corridor"],
    "16.2": ["child", "children", "minor", "unaccompanied", "torture", "violence against children", "child abuse",
             "juvenile", "separated children"],
    "16.9": ["legal identity", "birth registration", "birth certificate", "identity document", "civil registr",
             "stateless", "identification", "identity card", "register births", "registered at birth"],
    "17.18": ["data", "statistic", "disaggregat", "census", "survey", "information system", "indicator", "evidence",
              "research", "measur", "database"],
}

DESCRIPTIONS: dict[str, str] = {
    "5.2": "Ending violence against women and girls, including trafficking, sexual abuse and exploitation of "
           "women migrants at home, at work and on the move.",
    "8.7": "Ending forced labour, modern slavery, human trafficking and child labour, and punishing those "
           "who exploit workers through debt or coercion.",
    "8.8": "Protecting the labour rights of all workers, including migrant and domestic workers, with safe "
           "workplaces, fair pay and contracts, and labour inspection.",
    "10.7": "Well-managed migration policies that make migration and mobility safe, orderly and regular: legal "
            "pathways, low recruitment costs, safe journeys, cooperation on admission and return, and the "
            "rights and well-being of migrants.",
    "10.c": "Cutting the cost of sending remittances home and removing expensive money-transfer corridors.",
    "16.2": "Ending abuse, exploitation, trafficking, torture and all violence against children, including "
            "unaccompanied and separated migrant children.",
    "16.9": "Legal identity for everyone, including birth registration and identity documents, so nobody is "
            "stateless or undocumented.",
    "17.18": "Building countries' capacity to produce reliable, timely data and statistics broken down by "
             "migratory status, sex, age and other characteristics.",
}


@cache
def target_texts() -> tuple[tuple[str, str], ...]:
    """(code, "official title. our description") for the targets we have a profile for, from the shipped CSV."""
    with open(DATA / "sdg-targets.csv", newline="", encoding="utf-8") as fh:
        titles = {row["code"]: row["title"] for row in csv.DictReader(fh)}
    return tuple((code, f"{titles.get(code, '')}. {DESCRIPTIONS[code]}".lstrip(". ")) for code in DESCRIPTIONS)
