"""Participation statistics in the form the dialogue reports publish them.

Source: approved and attended registrations. Persons are counted for the total; organizations are counted
distinct per stakeholder category (a linked directory organization, otherwise the registered name).

The sentence rule (documented in docs/registration.md):
- a category with no organization is left out;
- the private sector, academia and the media are sectors: they are named without a number whenever at
  least one of their organizations took part ("…, the private sector, academia and the media");
- any other category is given with its count when two or more of its organizations took part
  ("71 governments"), and named in the singular with an article when exactly one did ("a regional
  organization");
- the parts are joined with commas and a final "and", in the order of the reports (governments first).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from colloquy.core.countries import region_of
from colloquy.dialogues.models import SessionParticipant, SessionRole
from colloquy.directory.models import normalize_name
from colloquy.reference.categories import category_label
from colloquy.registration.models import Participant, ParticipantRole

# The singular with its article, the plural with its count; `% {"n": n}` picks the form in the active language.
COUNTED_CATEGORIES = {
    "governments": ngettext_lazy("a government", "%(n)s governments", "n"),
    "international_organizations": ngettext_lazy("an international organization",
                                                 "%(n)s international organizations", "n"),
    "regional_organizations": ngettext_lazy("a regional organization", "%(n)s regional organizations", "n"),
    "ngos": ngettext_lazy("a non-governmental organization", "%(n)s non-governmental organizations", "n"),
    "diaspora_migrant_organizations": ngettext_lazy("a diaspora or migrant organization",
                                                    "%(n)s diaspora and migrant organizations", "n"),
    "trade_unions": ngettext_lazy("a trade union", "%(n)s trade unions", "n"),
    "local_authorities": ngettext_lazy("a local authority", "%(n)s local and regional authorities", "n"),
}
SECTORS = {"private_sector": _("the private sector"), "academia": _("academia"), "media": _("the media")}
ORDER = [*COUNTED_CATEGORIES, *SECTORS]

EVENT_NOUNS = {
    "workshop": "workshop", "seminar": "seminar", "briefing": "briefing", "training": "training session",
    "consultation": "consultation", "conference": "conference", "council_session": "session",
    "side_event": "side event",
}
# The noun with its article, as the subject of the sentence (French and Spanish need the gender).
THE_EVENT = {
    "workshop": pgettext_lazy("attendance sentence", "the workshop"),
    "seminar": pgettext_lazy("attendance sentence", "the seminar"),
    "briefing": pgettext_lazy("attendance sentence", "the briefing"),
    "training session": pgettext_lazy("attendance sentence", "the training session"),
    "consultation": pgettext_lazy("attendance sentence", "the consultation"),
    "conference": pgettext_lazy("attendance sentence", "the conference"),
    "session": pgettext_lazy("attendance sentence", "the session"),
    "side event": pgettext_lazy("attendance sentence", "the side event"),
    "event": pgettext_lazy("attendance sentence", "the event"),
}
SPEAKING_ROLES = (SessionRole.CHAIR, SessionRole.MODERATOR, SessionRole.SPEAKER, SessionRole.DISCUSSANT)
UNKNOWN_REGION = "Not recorded"


def join_and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(str(p) for p in parts)
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(str(p) for p in parts[:-1]), "last": parts[-1]}


def category_phrases(org_counts: dict[str, int]) -> list[str]:
    phrases = []
    for key in ORDER + sorted(set(org_counts) - set(ORDER)):
        n = org_counts.get(key, 0)
        if n <= 0:
            continue
        if key in SECTORS:
            phrases.append(SECTORS[key])
        elif key in COUNTED_CATEGORIES:
            phrases.append(COUNTED_CATEGORIES[key] % {"n": n})
        else:
            label = str(category_label(key)).lower()
            phrases.append(ngettext("an organization (%(label)s)", "%(n)s organizations (%(label)s)", n)
                           % {"n": n, "label": label})
    return phrases


def rounded_total(n: int) -> str:
    """A total of persons as the reports state it: "more than 200" for 213.

    Below 100 the exact number. From 100, rounded down to the nearest 50 (to the nearest 100 above 500) and
    stated as "more than N" — unless the total is exactly that round number, which is then given as it is
    (150, 500, 600). Examples: 99 → 99, 100 → 100, 149 → more than 100, 213 → more than 200, 250 → 250,
    499 → more than 450, 500 → 500, 501 → more than 500, 650 → more than 600, 1000 → 1000.
    """
    if n < 100:
        return str(n)
    step = 100 if n > 500 else 50
    floor = n // step * step
    return str(n) if floor == n else gettext("more than %(n)s") % {"n": floor}


def attendance_sentence(*, event_noun: str, persons: int | str, org_counts: dict[str, int], reported=False,
                        rounded=False, tense: str = "past") -> str:
    """`rounded`: state an integer total as the reports do (`rounded_total`); reported totals stay as given.
    `tense` (see `event_tense`): "past" (was attended by), "future" (are registered for), "cancelled"."""
    if rounded and isinstance(persons, int):
        persons = rounded_total(persons)
    count = persons if isinstance(persons, int) else (1 if persons == "1" else 2)
    who = ngettext("%(n)s participant", "%(n)s participants", count) % {"n": persons}
    event = str(THE_EVENT.get(event_noun) or gettext("the %(noun)s") % {"noun": event_noun})
    phrases = category_phrases(org_counts)
    if persons in ("", None):  # a report that gives the categories but no total
        who = gettext("participants")
    groups = join_and(phrases) if phrases else ""
    if tense == "future":
        sentence = (ngettext("%(who)s is registered for %(event)s", "%(who)s are registered for %(event)s", count)
                    % {"who": who, "event": event})
        if groups:
            sentence += " " + gettext("representing %(groups)s") % {"groups": groups}
    elif tense == "cancelled":
        sentence = gettext("Before %(event)s was cancelled, %(who)s had registered") % {"event": event, "who": who}
        if groups:
            sentence += " " + gettext("representing %(groups)s") % {"groups": groups}
    elif groups:
        sentence = gettext("%(event)s was attended by %(who)s representing %(groups)s") % {
            "event": event, "who": who, "groups": groups}
    else:
        sentence = gettext("%(event)s was attended by %(who)s") % {"event": event, "who": who}
    sentence = capfirst(sentence)
    if reported:
        sentence += " (" + gettext("as reported") + ")"
    return sentence + "."


def event_tense(event, today=None) -> str:
    """"past" once the event is held or its last day is over, "cancelled" for a cancelled one, else "future"
    (an upcoming event with approved registrations was not yet attended by anyone)."""
    if event.status == "cancelled":
        return "cancelled"
    last_day = event.end_date or event.start_date
    if event.status == "held" or (last_day is not None and last_day < (today or timezone.localdate())):
        return "past"
    return "future"


def reported_persons(event) -> str:
    """The archive total as its source states it: "over 200", "about 200" (the qualifier kept), or as imported."""
    if event.participants_total and event.participants_qualifier:
        return f"{event.participants_qualifier} {event.participants_total}"
    return event.participants_reported or (str(event.participants_total) if event.participants_total else "")


def speaker_sentence(total: int, women: int, unknown: int = 0) -> str:
    if total == 0:
        return ""
    if total == 1:
        text = gettext("1 speaker, who was a woman") if women else gettext("1 speaker")
    elif women == 0:
        text = (gettext("%(total)s speakers, none of whom were women") if unknown == 0
                else gettext("%(total)s speakers")) % {"total": total}
    else:
        text = ngettext("%(total)s speakers, %(women)s of whom was a woman",
                        "%(total)s speakers, %(women)s of whom were women", women) % {"total": total, "women": women}
    if unknown and total > 1:
        text += " " + gettext("(gender not recorded for %(n)s)") % {"n": unknown}
    return text


@dataclass
class Row:
    key: str
    label: str
    organizations: int = 0
    persons: int = 0


@dataclass
class ParticipationStats:
    source: str  # "registrations" | "reported" | "none"
    persons: int = 0
    persons_reported: str = ""
    in_person: int = 0
    remote: int = 0
    categories: list[Row] = field(default_factory=list)
    regions: list[Row] = field(default_factory=list)
    speakers_total: int = 0
    speakers_women: int = 0
    speakers_men: int = 0
    speakers_unknown: int = 0
    speakers_source: str = ""
    sentence: str = ""
    speakers_text: str = ""
    rounded: bool = False  # the sentence states the total as the reports do ("more than 200")

    @property
    def has_data(self) -> bool:
        return self.source != "none" or self.speakers_total > 0


def _org_key(registration):
    if registration.organization_id:
        return ("org", registration.organization_id)
    return ("name", registration.category, normalize_name(registration.organization_name))


def event_statistics(event, *, rounded: bool = False) -> ParticipationStats:
    """`rounded=True` (the public panel): the sentence says "more than 200"; the numbers stay exact."""
    noun = EVENT_NOUNS.get(event.kind, "event")
    people = list(Participant.objects.filter(registration__event=event, registration__state__in=("approved", "attended"))
                  .select_related("registration"))
    stats = ParticipationStats(source="registrations" if people else "none", rounded=rounded)
    if people:
        orgs = defaultdict(set)
        persons_by_cat = Counter()
        region_countries = defaultdict(set)
        region_persons = Counter()
        for p in people:
            reg = p.registration
            orgs[reg.category].add(_org_key(reg))
            persons_by_cat[reg.category] += 1
            region = region_of(reg.country) or UNKNOWN_REGION
            if reg.country:
                region_countries[region].add(reg.country)
            region_persons[region] += 1
        stats.persons = len(people)
        stats.in_person = sum(1 for p in people if p.attendance == "in_person")
        stats.remote = stats.persons - stats.in_person
        org_counts = {k: len(v) for k, v in orgs.items()}
        stats.categories = [Row(k, category_label(k), org_counts[k], persons_by_cat[k])
                            for k in ORDER + sorted(set(org_counts) - set(ORDER)) if k in org_counts]
        stats.regions = sorted((Row(r, r, len(region_countries[r]), region_persons[r]) for r in region_persons),
                               key=lambda row: (row.key == UNKNOWN_REGION, -row.persons, row.key))
        stats.sentence = attendance_sentence(event_noun=noun, persons=stats.persons, org_counts=org_counts,
                                             rounded=rounded, tense=event_tense(event))
    elif event.participants_total or event.participants_reported or event.participants_by_category:
        stats.source = "reported"
        stats.persons = event.participants_total or 0
        stats.persons_reported = reported_persons(event)
        stats.sentence = attendance_sentence(event_noun=noun, persons=stats.persons_reported,
                                             org_counts=event.participants_by_category or {}, reported=True)
    _speakers(event, stats)
    return stats


def _speakers(event, stats: ParticipationStats) -> None:
    genders = {}
    for sp in SessionParticipant.objects.filter(session__event=event, role__in=SPEAKING_ROLES).select_related("person"):
        genders[sp.person_id] = sp.person.gender
    stats.speakers_source = "programme"
    if not genders:
        stats.speakers_source = "registrations"
        speakers = Participant.objects.filter(registration__event=event, role=ParticipantRole.SPEAKER,
                                              registration__state__in=("approved", "attended"))
        genders = {p.pk: p.gender for p in speakers}
    counts = Counter(genders.values())
    stats.speakers_total = len(genders)
    stats.speakers_women = counts.get("female", 0)
    stats.speakers_men = counts.get("male", 0)
    stats.speakers_unknown = stats.speakers_total - stats.speakers_women - stats.speakers_men - counts.get("other", 0)
    stats.speakers_text = speaker_sentence(stats.speakers_total, stats.speakers_women, stats.speakers_unknown)

