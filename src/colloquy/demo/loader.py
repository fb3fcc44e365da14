"""Load the demo archive: real IDM and related events (shared/reference facts shipped in data/),
forums and their secretariats, organizations and one full programme. Idempotent."""

import csv
import datetime
import io
import json
from pathlib import Path

from django.db import transaction

from colloquy.core.access import SYSTEM
from colloquy.demo import scenario, translations
from colloquy.dialogues.importing import events_import_csv
from colloquy.dialogues.models import Event, EventFunding, Forum, Session, SessionParticipant
from colloquy.directory.models import (
    Affiliation,
    Membership,
    MembershipStatus,
    Organization,
    OrganizationAlias,
    Person,
    normalize_name,
)
from colloquy.reference.loaders import load_sdg_targets
from colloquy.reference.models import SdgTarget

DATA = Path(__file__).parent / "data"

FORUMS = {
    "idm": ("International Dialogue on Migration", "IDM", "IOM",
            "IOM's principal forum for migration policy dialogue, held every year since 2001."),
    "unitar-migration-and-development-series": ("UNITAR Migration and Development Series", "", "UNITAR",
                                                "Seminars for UN delegates in New York on migration and development."),
    "gfmd": ("Global Forum on Migration and Development", "GFMD", "GFMD", "A State-led, informal, non-binding forum."),
}

# The source list names one UNITAR seminar's forum "UNITAR" and the others "UNITAR Migration and Development
# Series": the same organizer's series, which the home page showed as two forums. The demo files it under one.
FORUM_ALIASES = {"UNITAR": "UNITAR Migration and Development Series"}

IDM_MEMBER_STATES = ["USA", "MEX", "LKA", "GHA", "PHL", "CHE", "BGD", "MAR", "DEU", "ECU", "CAN", "NLD"]


@transaction.atomic
def load_demo() -> dict:
    counts = {"sdg_targets": load_sdg_targets(SdgTarget)}
    result = events_import_csv(actor=SYSTEM, data=_events_csv())
    counts["events_created"] = result.created
    orgs = _load_organizations()
    counts["organizations"] = len({o.pk for o in orgs.values()})
    for slug, (name, acronym, secretariat, description) in FORUMS.items():
        forum = Forum.objects.filter(slug=slug).first() or Forum(slug=slug)
        forum.name, forum.acronym, forum.description = name, acronym or forum.acronym, description
        forum.secretariat = orgs.get(secretariat)
        forum.save()
    idm = Forum.objects.get(slug="idm")
    for code in IDM_MEMBER_STATES:
        org = Organization.objects.get(category="governments", country=code)
        Membership.objects.get_or_create(organization=org, forum=idm, status=MembershipStatus.MEMBER_STATE)
    Membership.objects.get_or_create(
        organization=orgs["Sovereign Order of Malta"], forum=idm, status=MembershipStatus.OBSERVER_ORGANIZATION
    )
    counts["sessions"] = _load_programme(DATA / "programme-unitar-labour-migration-2006.json", orgs)
    counts.update(scenario.load_outcomes())
    upcoming = scenario.load_upcoming_event()
    counts["upcoming_event"] = upcoming.slug
    scenario.load_theme_ballot(upcoming)
    counts["translated"] = sum(translations.load_translations().values())
    return counts


def _events_csv() -> bytes:
    """The demo's event list with FORUM_ALIASES applied to its forum column."""
    with open(DATA / "idm-events.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row["forum"] = FORUM_ALIASES.get(row["forum"], row["forum"])
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _load_organizations() -> dict[str, Organization]:
    by_key = {}
    with open(DATA / "organizations.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            org = Organization.objects.filter(name=row["name"]).first()
            if org is None:
                org = Organization(name=row["name"])
            org.acronym, org.category, org.country, org.website = row["acronym"], row["category"], row["country"], row["website"]
            org.save()
            for alias in filter(None, row["aliases"].split("|")):
                OrganizationAlias.objects.get_or_create(organization=org, normalized=_norm(alias), defaults={"name": alias})
            by_key[row["acronym"] or row["name"]] = org
            by_key[row["name"]] = org
            if row["category"] == "governments":
                by_key[row["country"]] = org
    return by_key


def _norm(text):
    return normalize_name(text)


def _person(name, honorific, gender, org) -> Person:
    person = Person.objects.filter(name=name).first()
    if person is None:
        person = Person.objects.create(name=name, honorific=honorific, gender=gender)
    Affiliation.objects.get_or_create(person=person, organization=org)
    return person


def _load_programme(path: Path, orgs) -> int:
    spec = json.loads(path.read_text(encoding="utf-8"))
    info = spec["event"]
    event = Event.objects.get(cycle__forum__name=info["forum"], cycle__year=info["year"], title=info["title"])
    for key in ("city", "country", "venue", "room", "timezone", "interpretation_languages"):
        setattr(event, key, info[key])
    event.save()
    event.co_organizers.add(*(orgs[k] for k in info["co_organizers"]))
    for donor in info["donors"]:
        EventFunding.objects.get_or_create(event=event, donor=orgs[donor])
    day = datetime.date.fromisoformat(spec["date"])
    for order, item in enumerate(spec["sessions"]):
        session, _ = Session.objects.get_or_create(
            event=event, date=day, start_time=datetime.time.fromisoformat(item["start"]), title=item["title"],
            defaults={"end_time": datetime.time.fromisoformat(item["end"]), "kind": item["kind"], "order": order},
        )
        for role, key in (("chair", "chairs"), ("speaker", "speakers")):
            for position, (name, honorific, gender, org_key) in enumerate(item.get(key, [])):
                org = orgs[org_key]
                person = _person(name, honorific, gender, org)
                SessionParticipant.objects.get_or_create(
                    session=session, person=person, role=role, defaults={"organization": org, "order": position}
                )
    return event.sessions.count()
