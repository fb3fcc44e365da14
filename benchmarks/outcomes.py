"""Benchmark: dashboard, country page and exports on a synthetic follow-up record.

    python -m benchmarks outcomes [--recommendations 400] [--members 20]

Builds a throw-away test database (SQLite by default, PostgreSQL when DATABASE_URL is set), fills it with
N recommendations each addressed to a few of M member States, 3 report versions on half of the pairs, and
times the pages. Results go to docs/benchmarks-outcomes.md by hand."""

import argparse
import os
import random
import time


def _seed(n_recs: int, n_members: int):
    import datetime

    from colloquy.core.access import SYSTEM
    from colloquy.dialogues.models import Cycle, Event, Forum
    from colloquy.directory.models import Organization
    from colloquy.outcomes.models import ProgressReport, Recommendation
    from colloquy.reference.models import GcmObjective

    rng = random.Random(7)
    forum = Forum.objects.create(name="Bench forum", slug="bench", acronym="BF")
    codes = ["GHA", "KEN", "MEX", "PHL", "IND", "NGA", "SEN", "MAR", "EGY", "BRA", "PER", "COL", "THA", "VNM", "IDN",
             "PAK", "BGD", "LKA", "NPL", "ETH", "UGA", "TZA", "ZAF", "FRA", "DEU", "ITA", "ESP", "CAN", "USA", "AUS"]
    orgs = [Organization.objects.create(name=f"Member {i}", category="governments", country=codes[i % len(codes)])
            for i in range(n_members)]
    events = []
    for year in range(2001, 2011):
        cycle = Cycle.objects.create(forum=forum, year=year)
        events.append(Event.objects.create(cycle=cycle, title=f"Workshop {year}", start_date=datetime.date(year, 3, 1),
                                           end_date=datetime.date(year, 3, 2), status="held"))
    objectives = list(GcmObjective.objects.all())
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    reports = []
    for i in range(n_recs):
        rec = Recommendation.objects.create(text=f"Recommendation {i} on migration governance.", event=rng.choice(events))
        rec.gcm_objectives.set(rng.sample(objectives, 2))
        addressed = rng.sample(orgs, min(5, len(orgs)))
        rec.addressed_organizations.set(addressed)
        for org in addressed[: len(addressed) // 2]:
            for version in (1, 2, 3):
                reports.append(ProgressReport(recommendation=rec, organization=org, state="submitted", version=version,
                                              status=rng.choice(["not_started", "in_progress", "implemented"]),
                                              narrative="Progress.", submitted_at=now))
    ProgressReport.objects.bulk_create(reports, batch_size=1000)
    del SYSTEM
    return len(reports)


def _time(client, url, repeat=3) -> tuple[float, int]:
    from django.db import connection, reset_queries

    best, queries = float("inf"), 0
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        best = min(best, elapsed)
        queries = len(connection.queries)
    return best, queries


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recommendations", type=int, default=400)
    parser.add_argument("--members", type=int, default=20)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings_test")
    os.environ["COLLOQUY_SEMANTIC"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.DEBUG = True  # count queries
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        n_reports = _seed(args.recommendations, args.members)
        client = Client()
        print(f"{args.recommendations} recommendations, {args.members} members, {n_reports} submitted reports "
              f"({connection.vendor})")
        print(f"{'page':<45} {'best of 3':>10} {'queries':>8}")
        for url in ["/outcomes/", "/outcomes/?region=Africa", "/countries/GHA/", "/outcomes/export/status.csv",
                    "/outcomes/export/recommendations.json", "/api/outcomes/recommendations"]:
            seconds, queries = _time(client, url)
            print(f"{url:<45} {seconds * 1000:>8.0f}ms {queries:>8}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
