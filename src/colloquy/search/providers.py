"""Providers for the foundation and outcome records (see registry.py for the contract)."""

from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from colloquy.core.countries import country_name
from colloquy.dialogues.models import DocumentAccess, DocumentStatus, SessionKind, in_programme_order
from colloquy.search.registry import (
    PUBLIC,
    STAFF,
    Entry,
    Provider,
    dependent,
    followup_status,
    forum_audience,
    register,
)
from colloquy.search.text import clean, passages


def _url(obj, fallback="/") -> str:
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return fallback


def _cycle_audience(cycle) -> str:
    return PUBLIC if cycle is None or cycle.is_published else STAFF


def _event_audience(event) -> str:
    return PUBLIC if event.is_published else STAFF


def _event_facets(event) -> dict:
    return {"forum": [event.cycle.forum.slug], "year": [_event_year(event)],
            "event_kind": [event.kind], "country": [event.country]}


def _anchor(text: str, size: int = 80) -> str:
    """A parent's name as a hit's anchor (SearchEntry.anchor holds 80 characters)."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _event_year(event):
    return event.start_date.year if event.start_date else event.cycle.year


# --- Documents: one entry for the document, one per passage --------------------------------------

def document_audience(document) -> str:
    if document.status != DocumentStatus.PUBLISHED:
        return STAFF
    if document.access == DocumentAccess.PUBLIC:
        return PUBLIC
    forum = document.owning_forum
    return forum_audience(forum.pk) if forum else STAFF


def document_facets(document) -> tuple[int | None, dict]:
    year = document.date.year if document.date else None
    if year is None and document.event_id:
        year = _event_year(document.event)
    if year is None and document.cycle_id:
        year = document.cycle.year
    forum = document.owning_forum
    facets = {"forum": [forum.slug if forum else None], "year": [year], "doc_type": [document.doc_type]}
    if document.event_id:
        facets["event_kind"] = [document.event.kind]
        facets["country"] = [document.event.country]
    return year, facets


@register
class DocumentProvider(Provider):
    kind = "document"
    kinds = ("document", "passage")
    label = _("Document")
    model = "dialogues.Document"
    embed = True

    def queryset(self):
        return super().queryset().select_related("forum", "cycle__forum", "event__cycle__forum")

    def entries(self, document) -> list[Entry]:
        year, facets = document_facets(document)
        audience = document_audience(document)
        url = _url(document)
        context = " · ".join(str(x) for x in (document.symbol, document.get_doc_type_display(),
                                              document.event or document.cycle or "") if x)
        out = [Entry("document", document.pk, clean(document.title), url, body=clean(context), year=year,
                     audience=audience, facets=facets, language=document.language)]
        for passage in passages(document.text):
            out.append(Entry("passage", document.pk, clean(document.title), f"{url}#p-{passage.first_paragraph}",
                             body=passage.text, part=passage.number, anchor=passage.label, year=year,
                             audience=audience, facets=facets, language=document.language))
        return out


@register
class EventProvider(Provider):
    kind = "event"
    label = _("Event")
    model = "dialogues.Event"

    def queryset(self):
        return super().queryset().select_related("cycle__forum").prefetch_related("co_organizers")

    def entries(self, event):
        body = " · ".join(x for x in (event.get_kind_display(), event.city, event.country_name or "", event.venue,
                                      ", ".join(str(o) for o in event.co_organizers.all()), event.description) if x)
        return [Entry("event", event.pk, clean(event.title), _url(event), body=clean(body), year=_event_year(event),
                      audience=_event_audience(event), facets=_event_facets(event))]


@register
class SessionProvider(Provider):
    kind = "session"
    label = _("Session")
    model = "dialogues.Session"

    def queryset(self):
        return super().queryset().select_related("event__cycle__forum")

    def entries(self, session):
        if session.kind in (SessionKind.BREAK, SessionKind.LUNCH):
            return []
        people = []
        for p in in_programme_order(session.participants.select_related("person", "organization")):
            people.append(f"{p.get_role_display()}: {p.person.public_name}"
                          + (f" ({p.affiliation_text})" if p.affiliation_text and p.person.consents_to_publication else ""))
        # Matched and ranked on its own words only: with its event's title in the body, "labour migration"
        # listed every "Discussion" and "Registration" of a labour migration event before the sessions,
        # documents and the event itself that say the words (issue 17). The event's title still names the
        # session's place in the hit (the anchor), and the event's own entry matches its title.
        body = " · ".join(x for x in (session.description, "; ".join(people)) if x)
        return [Entry("session", session.pk, clean(session.title), _url(session.event) + f"#session-{session.pk}",
                      body=clean(body), anchor=_anchor(session.event.title), year=_event_year(session.event),
                      audience=_event_audience(session.event), facets=_event_facets(session.event))]


@register
class OrganizationProvider(Provider):
    kind = "organization"
    label = _("Organization")
    model = "directory.Organization"

    def queryset(self):
        return super().queryset().prefetch_related("aliases")

    def entries(self, org):
        aliases = ", ".join(a.name for a in org.aliases.all())
        body = " · ".join(x for x in (org.acronym, aliases, org.get_category_display(), org.country_name or "",
                                      org.description) if x)
        return [Entry("organization", org.pk, clean(str(org)), _url(org), body=clean(body),
                      facets={"category": [org.category], "country": [org.country]})]


@register
class PersonProvider(Provider):
    """Only people who consent to publication are searchable; the others are never indexed."""

    kind = "person"
    label = _("Person")
    model = "directory.Person"

    def queryset(self):
        return super().queryset().filter(consents_to_publication=True)

    def entries(self, person):
        if not person.consents_to_publication:
            return []
        affiliations = list(person.affiliations.select_related("organization"))
        body = " · ".join(x for x in ("; ".join(str(a).split(": ", 1)[-1] for a in affiliations),
                                      country_name(person.country) or "", person.biography) if x)
        return [Entry("person", person.pk, clean(person.display_name), _url(person), body=clean(body),
                      facets={"country": [person.country],
                              "category": sorted({a.organization.category for a in affiliations})})]


@register
class CycleProvider(Provider):
    kind = "cycle"
    label = _("Cycle")
    model = "dialogues.Cycle"

    def queryset(self):
        return super().queryset().select_related("forum")

    def entries(self, cycle):
        title = f"{cycle.forum} {cycle.year}" + (f": {cycle.overarching_theme}" if cycle.overarching_theme else "")
        return [Entry("cycle", cycle.pk, clean(title), _url(cycle), body=clean(cycle.theme_rationale), year=cycle.year,
                      audience=_cycle_audience(cycle), facets={"forum": [cycle.forum.slug], "year": [cycle.year]})]


@register
class ThemeProvider(Provider):
    kind = "theme"
    label = _("Theme")
    model = "dialogues.Theme"

    def queryset(self):
        return super().queryset().select_related("cycle__forum", "event")

    def entries(self, theme):
        url = _url(theme.event) if theme.event_id else _url(theme.cycle)
        body = " · ".join(x for x in (theme.get_level_display(), theme.get_status_display(), str(theme.cycle),
                                      theme.rationale) if x)
        return [Entry("theme", theme.pk, clean(theme.title), url, body=clean(body), year=theme.cycle.year,
                      audience=_cycle_audience(theme.cycle),
                      facets={"forum": [theme.cycle.forum.slug], "year": [theme.cycle.year]})]


# --- Outcomes -------------------------------------------------------------------------------------

class OutcomeProvider(Provider):
    def queryset(self):
        return super().queryset().select_related("event__cycle__forum", "cycle__forum").prefetch_related("gcm_objectives")

    def context(self, obj) -> tuple[str, str, int | None, dict, str]:
        """(where label, fallback url, year, facets, audience) from the record's event or cycle."""
        facets = {"gcm": [g.number for g in obj.gcm_objectives.all()]}
        if obj.event_id:
            event = obj.event
            facets.update(_event_facets(event))
            where, url, year = event.title, _url(event), _event_year(event)
        elif obj.cycle_id:
            where, url, year = str(obj.cycle), _url(obj.cycle), obj.cycle.year
            facets.update({"forum": [obj.cycle.forum.slug], "year": [year]})
        else:
            where, url, year = "", "/", None
        return where, url, year, facets, PUBLIC if obj.is_public else STAFF


@register
class KeyMessageProvider(OutcomeProvider):
    kind = "key_message"
    label = _("Key message")
    model = "outcomes.KeyMessage"

    def entries(self, obj):
        where, url, year, facets, audience = self.context(obj)
        return [Entry(self.kind, obj.pk, clean(f"Key message — {where}" if where else "Key message"), url,
                      body=clean(obj.text), year=year, audience=audience, facets=facets)]


@register
class RecommendationProvider(OutcomeProvider):
    kind = "recommendation"
    label = _("Recommendation")
    model = "outcomes.Recommendation"
    embed = True

    def entries(self, obj):
        where, url, year, facets, audience = self.context(obj)
        facets["addressee"] = [obj.addressee]
        facets["followup"] = [followup_status(obj)]
        # the organizations it is addressed to, and their countries: "remittances Ghana" finds the
        # recommendation addressed to Ghana (issue 17)
        addressed = []
        for org in obj.addressed_organizations.all():
            addressed += [org.name, org.acronym, country_name(org.country)]
        body = " · ".join(x for x in (obj.text, obj.get_addressee_display(), obj.addressee_detail, obj.category,
                                      *dict.fromkeys(addressed)) if x)
        title = f"Recommendation — {where}" if where else "Recommendation"
        return [Entry(self.kind, obj.pk, clean(title), _url(obj, url), body=clean(body), year=year,
                      audience=audience, facets=facets)]


@register
class GoodPracticeProvider(OutcomeProvider):
    kind = "good_practice"
    label = _("Good practice")
    model = "outcomes.GoodPractice"

    def entries(self, obj):
        where, url, year, facets, audience = self.context(obj)
        facets["country"] = [obj.country] if obj.country else facets.get("country", [])
        body = " · ".join(x for x in (obj.description, obj.actor, country_name(obj.country) or "", where) if x)
        return [Entry(self.kind, obj.pk, clean(obj.title), _url(obj, url), body=clean(body), year=year,
                      audience=audience, facets=facets)]


@register
class CommitmentProvider(OutcomeProvider):
    kind = "commitment"
    label = _("Commitment")
    model = "outcomes.Commitment"

    def queryset(self):
        return super().queryset().select_related("organization")

    def entries(self, obj):
        where, url, year, facets, audience = self.context(obj)
        facets["category"] = [obj.organization.category]
        facets["country"] = [obj.organization.country] if obj.organization.country else facets.get("country", [])
        facets["followup"] = [followup_status(obj)]
        body = " · ".join(x for x in (obj.text, where) if x)
        return [Entry(self.kind, obj.pk, clean(f"Commitment — {obj.organization}"), _url(obj, url), body=clean(body),
                      year=year, audience=audience, facets=facets)]


# --- Records whose index entries depend on other rows -------------------------------------------

dependent("directory.OrganizationAlias", lambda alias: [alias.organization])
dependent("directory.Affiliation", lambda a: [a.person])
dependent("dialogues.SessionParticipant", lambda p: [p.session])
# A person who withdraws consent must vanish from the sessions' entries too, not only from their own.
dependent("directory.Person", lambda person: [sp.session for sp in person.session_roles.select_related("session")])
dependent("dialogues.Event", lambda e: [*e.sessions.all(), *e.documents.all()])
dependent("dialogues.Cycle", lambda c: [*c.events.all(), *c.themes.all(), *c.documents.all()])
