"""Benchmark of the foundation: demo load, CSV import of 5,000 events, and public page render times."""

import os
import resource
import statistics
import tempfile
import time


def _setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    tmp = tempfile.mkdtemp(prefix="colloquy-bench-")
    os.environ["COLLOQUY_VAR"] = tmp
    os.environ.setdefault("COLLOQUY_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def main(argv=None):
    _setup()
    from django.test import Client

    from colloquy.core.access import SYSTEM
    from colloquy.demo.loader import load_demo
    from colloquy.dialogues.importing import events_import_csv
    from colloquy.dialogues.models import Event

    t = time.perf_counter()
    load_demo()
    print(f"demo load: {time.perf_counter() - t:.2f} s")

    header = "year,forum,event_title,kind,start_date,end_date,city,venue,overarching_theme,participants_total,source_url\n"
    rows = [f"{2001 + i % 24},Bench Forum {i % 7},Bench workshop {i},workshop,{2001 + i % 24}-03-{1 + i % 28:02d},,Geneva,,,~{100 + i},https://example.org/{i}\n" for i in range(5000)]
    data = header + "".join(rows)
    t = time.perf_counter()
    events_import_csv(actor=SYSTEM, data=data)
    first = time.perf_counter() - t
    t = time.perf_counter()
    events_import_csv(actor=SYSTEM, data=data)
    second = time.perf_counter() - t
    print(f"csv import 5,000 rows: first {first:.2f} s ({5000 / first:.0f} rows/s), re-import (no changes) {second:.2f} s")

    client = Client()
    event = Event.objects.get(title="Key Migration Issues: Labour Migration (with ILO)")
    for label, url in [("home", "/"), ("event page", event.get_absolute_url()), ("iCal", event.get_absolute_url() + "calendar.ics")]:
        times = []
        for _ in range(30):
            t = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"{label}: p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
