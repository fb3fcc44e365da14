"""Benchmarks for running an event: printed outputs, statistics and exports on realistic sizes.

Run: `python -m benchmarks registration [RUNS]` from the project root (RUNS per measurement, default 5).
Uses its own throw-away database (a temporary SQLite file, or `<test name>_bench` on PostgreSQL when
DATABASE_URL is set); it never touches real data or the pytest database.

Sizes: a 3-day event with 8 sessions a day (4 speakers and a chair each), 120 delegations (300 people).
"""

import datetime
import os
import statistics
import sys
import time


def _timed(fn, repeat):
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), max(times), result


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # Never share the pytest database: a separate throw-away file (SQLite) or database (PostgreSQL).
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        import tempfile

        test["NAME"] = os.path.join(tempfile.mkdtemp(prefix="colloquy-bench-"), "bench.sqlite3")
    else:
        test["NAME"] = (test.get("NAME") or "test_colloquy") + "_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection, old_name


def _data():
    import pycountry

    from colloquy.dialogues.models import Cycle, Event, Forum, Session, SessionParticipant
    from colloquy.directory.models import Organization, Person
    from colloquy.registration.models import Participant, Registration, RegistrationSettings

    forum = Forum.objects.create(name="Bench forum", slug="bench", acronym="BF")
    cycle = Cycle.objects.create(forum=forum, year=2030, state="active")
    start = datetime.date(2030, 10, 6)
    event = Event.objects.create(cycle=cycle, title="Three-day bench workshop", start_date=start,
                                 end_date=start + datetime.timedelta(days=2), status="planned")
    RegistrationSettings.objects.create(event=event, capacity=400, booked_languages=["en", "fr"])
    people = [Person(name=f"Speaker {i}", slug=f"speaker-{i}", gender="female" if i % 2 else "male",
                     consents_to_publication=i % 9 != 0) for i in range(120)]
    Person.objects.bulk_create(people)
    people = list(Person.objects.all())
    orgs = []
    countries = [c.alpha_3 for c in pycountry.countries][:100]
    for code in countries:
        orgs.append(Organization(name=f"Government {code}", slug=f"gov-{code.lower()}", category="governments",
                                 country=code, normalized_name=f"government {code.lower()}"))
    for i in range(20):
        orgs.append(Organization(name=f"Org {i}", slug=f"org-{i}", category=["ngos", "academia", "international_organizations", "media"][i % 4],
                                 normalized_name=f"org {i}"))
    Organization.objects.bulk_create(orgs)
    orgs = list(Organization.objects.all())
    n = 0
    for day in range(3):
        for k in range(8):
            s = Session.objects.create(event=event, date=start + datetime.timedelta(days=day),
                                       start_time=datetime.time(9 + k), end_time=datetime.time(9 + k, 50),
                                       title=f"Session {day + 1}.{k + 1}: labour mobility and skills", room="Room XVIII")
            SessionParticipant.objects.create(session=s, person=people[n % 120], role="chair", organization=orgs[n % 120],
                                              affiliation_title="Director")
            for j in range(4):
                n += 1
                SessionParticipant.objects.create(session=s, person=people[n % 120], role="speaker", order=j,
                                                  organization=orgs[n % 120], affiliation_title="Head of unit")
    for i, org in enumerate(orgs):
        reg = Registration.objects.create(event=event, organization=org, organization_name=org.name,
                                          category=org.category, country=org.country, contact_email="x@example.org",
                                          state="approved")
        Participant.objects.bulk_create(
            Participant(registration=reg, name=f"Delegate {i}-{j}", role="delegate", consents_to_publication=j != 2,
                        interpretation_language=["en", "fr", "es"][j % 3], attendance="in_person" if j < 2 else "remote")
            for j in range(3 if i % 2 else 2))
    return event


def main(argv=None) -> int:
    repeat = int(((sys.argv[1:] if argv is None else argv) or ["5"])[0])
    connection, old_name = _setup()
    try:
        from colloquy.dialogues.services.sessions import event_programme_warnings
        from colloquy.registration import exports, pdf
        from colloquy.registration.models import Participant
        from colloquy.registration.stats import event_statistics

        event = _data()
        persons = Participant.objects.filter(registration__event=event).count()
        rows = [
            ("programme PDF, 3 days × 8 sessions × 5 people", lambda: pdf.programme_pdf(event)),
            (f"badges PDF, {Participant.objects.filter(attendance='in_person').count()} badges", lambda: pdf.badges_pdf(event)),
            (f"list of participants PDF (public), {persons} people", lambda: pdf.participants_pdf(event, public=True)),
            (f"participation statistics, {persons} people", lambda: event_statistics(event)),
            ("programme conflict checks, 24 sessions", lambda: event_programme_warnings(event)),
            (f"registrations XLSX, {persons} rows", lambda: exports.registrations_xlsx(event)),
        ]
        print(f"colloquy.registration bench (median / max of {repeat} runs, {connection.vendor})")
        for label, fn in rows:
            median, worst, result = _timed(fn, repeat)
            size = f", {len(result) // 1024} KiB" if isinstance(result, bytes) else ""
            print(f"  {label:<58} {median * 1000:8.1f} ms / {worst * 1000:8.1f} ms{size}", flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
