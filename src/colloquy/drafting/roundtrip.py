"""The round trip (docs/drafting.md): the truth a generated summary of conclusions should give back to
`colloquy extract`, built from the record in the format of ../shared/eval/score.py (its README)."""

from colloquy.dialogues.models import SessionKind
from colloquy.outcomes.models import GoodPractice, KeyMessage

PHRASE_WORDS = 6  # a key message is found when the extracted title holds its first six words


def summary_truth(event) -> dict:
    practices = sorted({p.country for p in GoodPractice.objects.published().filter(event=event) if p.country})
    people = []
    for session in event.sessions.prefetch_related("participants__person"):
        if session.kind in (SessionKind.BREAK, SessionKind.LUNCH):
            continue
        for role in session.participants.all():
            if role.person.consents_to_publication and role.person.name not in [p["name"] for p in people]:
                people.append({"name": role.person.name})
    donors = sorted({f.donor.country for f in event.funding.select_related("donor") if f.donor.country})
    return {
        "document": {"doc_type": "summary_of_conclusions", "title_contains": event.title, "place": event.city},
        "events": [{"title": event.title, "kind": event.kind, "city": event.city, "status": event.status,
                    "start": event.start_date.isoformat(), "end": (event.end_date or event.start_date).isoformat(),
                    "participants": {"total": event.participants_total, "by_category": event.participants_by_category}}],
        "themes": [],
        "key_messages": [{"any": [" ".join(m.text.split()[:PHRASE_WORDS])]}
                         for m in KeyMessage.objects.published().filter(event=event).order_by("order", "id")],
        "good_practices": practices,
        "people": people,
        # no "sessions": the summary gives the programme in outline, not as timed rows (a document of timed rows
        # is read as a programme, docs/drafting.md)
        "donors": donors,
        "countries": sorted({event.country, *practices} - {""}),
    }
