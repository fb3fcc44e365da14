"""The list of participants: grouped by stakeholder category, then country or organization, then name.

The public version leaves out everyone who did not consent to publication. Only approved and attended
registrations are listed.
"""

from collections import defaultdict
from dataclasses import dataclass

from colloquy.core.countries import country_name
from colloquy.reference.categories import category_label
from colloquy.registration.models import COUNTED_STATES, Participant
from colloquy.registration.stats import ORDER


@dataclass
class Entry:
    name: str
    title: str
    role: str
    organization: str
    country: str
    category: str
    attendance: str
    consents: bool


def participants(event, *, public: bool) -> list[Entry]:
    qs = (Participant.objects.filter(registration__event=event, registration__state__in=COUNTED_STATES)
          .select_related("registration"))
    if public:
        qs = qs.filter(consents_to_publication=True)
    return [
        Entry(name=p.display_name, title=p.title, role=p.get_role_display(), organization=p.registration.organization_name,
              country=p.registration.country, category=p.registration.category,
              attendance=p.get_attendance_display(), consents=p.consents_to_publication)
        for p in qs
    ]


def grouped(entries: list[Entry]) -> list[tuple[str, list[tuple[str, list[Entry]]]]]:
    """[(category label, [(country or organization, [entries by name])])] in the reports' category order."""
    tree = defaultdict(lambda: defaultdict(list))
    labels = {}
    for e in entries:
        group = country_name(e.country) if e.category == "governments" and e.country else e.organization
        tree[e.category][group].append(e)
        labels[e.category] = category_label(e.category)
    rank = {key: i for i, key in enumerate(ORDER)}
    out = []
    for cat in sorted(tree, key=lambda k: (rank.get(k, len(rank)), k)):
        groups = [(g, sorted(people, key=lambda e: e.name.casefold()))
                  for g, people in sorted(tree[cat].items(), key=lambda kv: kv[0].casefold())]
        out.append((labels[cat], groups))
    return out


CSV_HEADER = ["category", "country_or_organization", "name", "title", "role", "organization", "country"]


def csv_rows(entries: list[Entry]):
    for cat_label, groups in grouped(entries):
        for group, people in groups:
            for e in people:
                yield [cat_label, group, e.name, e.title, e.role, e.organization, e.country]
