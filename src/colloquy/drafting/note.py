"""The discussion note of a cycle for the informal consultations, built from the record in the active language.

Events held in the cycle (sentence and key outcomes), the state of follow-up of the forum's recommendations and
commitments (outcomes.stats, the dashboards' numbers), the proposals of the consultations on this cycle and the next,
the ballot and consultation timetable, and the planned events with their funding status.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext

from colloquy.ballots.models import Ballot, Consultation
from colloquy.ballots.models.consultations import ConsultationMeeting
from colloquy.dialogues.models import Event, EventStatus, FundingStatus
from colloquy.drafting import markup
from colloquy.drafting.layouts import TEXT
from colloquy.drafting.words import date_range, day, where_and_when
from colloquy.outcomes import stats
from colloquy.outcomes.filters import OutcomeFilter
from colloquy.outcomes.models import KeyMessage
from colloquy.registration.stats import event_statistics

KEY_OUTCOMES_SHOWN = 3  # the first key messages of each event; the summary of conclusions holds them all


def note_title(cycle) -> str:
    return gettext("Discussion note: %(forum)s %(year)s") % {"forum": cycle.forum, "year": cycle.year}


def _events(cycle):
    return cycle.events.published().order_by("start_date", "title")


def events_held(cycle) -> list[str]:
    lines = []
    for event in _events(cycle).filter(status=EventStatus.HELD):
        lines.append(markup.heading(event.title, 2))
        facts = where_and_when(event)
        sentence = event_statistics(event).sentence
        lines.append(markup.one_line(" ".join(p for p in (facts + "." if facts else "", sentence) if p)))
        messages = KeyMessage.objects.published().filter(event=event).order_by("order", "id")[:KEY_OUTCOMES_SHOWN]
        lines.extend(markup.bullets(m.text for m in messages))
    return lines


def followup(cycle) -> list[str]:
    items = stats.tracked_items(AnonymousUser(), OutcomeFilter(forum=cycle.forum.slug))
    if not items:
        return []
    answered = sum(1 for item in items if item.report is not None)
    lines = [gettext("Members have reported on %(answered)s of %(total)s tracked items (a response rate of "
                     "%(percent)s%%).") % {"answered": answered, "total": len(items),
                                           "percent": round(100 * answered / len(items))}]
    for row in stats.by_objective(items):
        if row.key is None:
            label = gettext("Not tagged with a GCM objective")
        else:
            label = gettext("GCM objective %(label)s") % {"label": row.label}
        percent = row.implemented_percent
        done = (gettext("%(percent)s%% implemented") % {"percent": percent}) if percent is not None else gettext("no applicable item")
        lines.append("- " + markup.one_line(gettext("%(label)s: %(done)s (%(n)s items).") % {
            "label": label, "done": done, "n": row.total}))
    return lines


def _consultations(cycle):
    return (Consultation.objects.filter(cycle__forum=cycle.forum, cycle__year__in=(cycle.year, cycle.year + 1))
            .select_related("cycle").prefetch_related("proposals__gcm_objectives").order_by("cycle__year", "created_at"))


def proposals(cycle) -> list[str]:
    lines = []
    for consultation in _consultations(cycle):
        for proposal in consultation.proposals.all():
            lines.append(markup.heading(proposal.title, 2))
            if proposal.rationale:
                lines.append(markup.one_line(gettext("Rationale: %(text)s") % {"text": proposal.rationale}))
            objectives = [str(o.number) for o in proposal.gcm_objectives.all()]
            if objectives:
                lines.append(gettext("GCM objectives: %(numbers)s.") % {"numbers": ", ".join(objectives)})
            questions = [q.strip() for q in proposal.guiding_questions.splitlines() if q.strip()]
            if questions:
                lines.append(gettext("Guiding questions:"))
                lines.extend(markup.bullets(questions))
    return lines


def timetable(cycle) -> list[str]:
    lines = []
    consultations = list(_consultations(cycle))
    for meeting in (ConsultationMeeting.objects.filter(consultation__in=consultations)
                    .select_related("event").order_by("event__start_date")):
        lines.append("- " + markup.one_line(gettext("%(date)s: informal consultations (%(event)s).") % {
            "date": day(meeting.event.start_date) or gettext("date to be set"), "event": meeting.event.title}))
    ballots = Ballot.objects.filter(Q(consultation__in=consultations) | Q(cycle=cycle)).exclude(state="draft")
    for ballot in ballots.order_by("closes_at"):
        opens = day(ballot.opens_at.date()) if ballot.opens_at else ""
        text = gettext("Ballot “%(title)s”: open from %(opens)s, closes on %(closes)s.") if opens else gettext(
            "Ballot “%(title)s”: closes on %(closes)s.")
        lines.append("- " + markup.one_line(text % {"title": ballot.title, "opens": opens,
                                                     "closes": day(ballot.closes_at.date())}))
    return lines


def planned_events(cycle) -> list[str]:
    lines = []
    upcoming = Event.objects.published().filter(cycle__forum=cycle.forum, cycle__year__in=(cycle.year, cycle.year + 1),
                                                status__in=(EventStatus.PLANNED, EventStatus.CONFIRMED))
    for event in upcoming.order_by("start_date", "title"):
        when = date_range(event.start_date, event.end_date) or gettext("date to be set")
        funding = {FundingStatus.SUBJECT_TO_FUNDING: gettext("subject to funding"),
                   FundingStatus.FUNDED: gettext("funded")}.get(event.funding_status, "")
        text = f"{event.title} ({event.get_kind_display().lower()}), {when}"
        if event.city:
            text += ", " + event.city
        lines.append("- " + markup.one_line(text + (f"; {funding}." if funding else ".")))
    return lines


def note_body(cycle, sections: list[dict]) -> str:
    fill = {"events_held": events_held, "followup": followup, "proposals": proposals, "timetable": timetable,
            "planned_events": planned_events}
    lines = []
    if cycle.overarching_theme:
        lines.append(markup.one_line(gettext("Overarching theme of %(year)s: %(theme)s.") % {
            "year": cycle.year, "theme": cycle.overarching_theme}))
    for section in sections:
        content = [] if section["key"] == TEXT else fill[section["key"]](cycle)
        if not content and not section.get("boilerplate"):
            continue
        lines.append(markup.heading(section["heading"]))
        if section.get("boilerplate"):
            lines.extend(section["boilerplate"].splitlines())
        lines.extend(content)
    return "\n".join(lines) + "\n"
