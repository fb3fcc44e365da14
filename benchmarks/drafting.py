"""Benchmark for drafted documents: the summary of conclusions and the discussion note of a 400-participant event.

Run: `python -m benchmarks drafting [RUNS]` from the project root (RUNS per measurement, default 5). Its own
throw-away database, as `benchmarks.registration` (whose data it starts from).

Sizes: a 3-day event with 24 sessions (5 people each), 400 approved participants from 160 organizations, 30 key
messages, 40 recommendations (8 addressees), 20 good practices (10 countries), 3 donors; its cycle holds 4 more
held events and 2 planned ones, a consultation with 5 proposals; the goal is ≤ 2 s per document (issue 18).
"""

import datetime
import sys

from benchmarks.registration import _setup, _timed


def _data():
    from benchmarks.registration import _data as registration_data
    from colloquy.ballots.models import Consultation, Proposal
    from colloquy.dialogues.models import Event, EventFunding
    from colloquy.directory.models import Organization
    from colloquy.outcomes.models import Addressee, GoodPractice, KeyMessage, Recommendation
    from colloquy.registration.models import Participant, Registration

    event = registration_data()
    Event.objects.filter(pk=event.pk).update(status="held")
    event.refresh_from_db()
    extra = []
    for i in range(40):
        org = Organization.objects.create(name=f"Extra org {i}", slug=f"extra-{i}", category="ngos",
                                          normalized_name=f"extra org {i}")
        reg = Registration.objects.create(event=event, organization=org, organization_name=org.name, category="ngos",
                                          contact_email="x@example.org", state="approved")
        extra.append(reg)
    persons = Participant.objects.filter(registration__event=event).count()
    regs = iter(extra * 10)
    while persons < 400:
        Participant.objects.create(registration=next(regs), name=f"Extra delegate {persons}")
        persons += 1
    for i in range(30):
        KeyMessage.objects.create(event=event, order=i, text=f"Key message {i}: participants agreed that labour "
                                                              "mobility needs skills recognition and fair recruitment.")
    addressees = [a for a, _label in Addressee.choices][:8]
    for i in range(40):
        Recommendation.objects.create(event=event, order=i, addressee=addressees[i % 8],
                                      text=f"Recommendation {i}: States should lower recruitment costs for workers.")
    countries = ["MEX", "PHL", "GHA", "MAR", "LKA", "ECU", "BGD", "CAN", "DEU", "NLD"]
    for i in range(20):
        GoodPractice.objects.create(event=event, country=countries[i % 10], title=f"Practice {i}",
                                    actor="Ministry of Labour", description="A bilateral scheme for seasonal workers.")
    for org in Organization.objects.filter(category="governments")[:3]:
        EventFunding.objects.create(event=event, donor=org)
    for i in range(4):
        Event.objects.create(cycle=event.cycle, title=f"Held workshop {i}", status="held",
                             start_date=datetime.date(2030, 3 + i, 10), city="Geneva", country="CHE")
    for i in range(2):
        Event.objects.create(cycle=event.cycle, title=f"Planned training {i}", status="planned", kind="training",
                             funding_status="subject_to_funding", start_date=datetime.date(2030, 11 + i, 10))
    consultation = Consultation.objects.create(cycle=event.cycle, title="Informal consultations on the next theme")
    for i in range(5):
        Proposal.objects.create(consultation=consultation, title=f"Proposed theme {i}", order=i,
                                rationale="Why members asked for it.", guiding_questions="What works?\nWhat does not?")
    return event, persons


def main(argv=None) -> int:
    repeat = int(((sys.argv[1:] if argv is None else argv) or ["5"])[0])
    connection, old_name = _setup()
    try:
        from colloquy.core.access import SYSTEM
        from colloquy.drafting import services

        event, persons = _data()

        def make(kind, fmt, language, **target):
            draft = services.draft_generate(kind=kind, language=language, actor=SYSTEM, **target)
            return services.draft_file(draft, fmt)[0]

        rows = []
        for fmt in ("docx", "pdf"):
            for language in ("en", "fr"):
                rows.append((f"summary of conclusions, {persons} participants, {fmt.upper()} {language}",
                             lambda fmt=fmt, language=language: make("summary_of_conclusions", fmt, language, event=event)))
                rows.append((f"discussion note of the cycle, {fmt.upper()} {language}",
                             lambda fmt=fmt, language=language: make("discussion_note", fmt, language, cycle=event.cycle)))
        print(f"colloquy.drafting bench (median / max of {repeat} runs, {connection.vendor}); each row = draft from "
              "the record + file")
        for label, fn in rows:
            median, worst, result = _timed(fn, repeat)
            print(f"  {label:<58} {median * 1000:8.1f} ms / {worst * 1000:8.1f} ms, {len(result) // 1024} KiB", flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
