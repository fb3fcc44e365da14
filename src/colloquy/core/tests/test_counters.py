"""Rate limits and "once per period" marks are counted in the database, shared by every web process: the
local-memory cache they used before is one per gunicorn worker, so each limit was multiplied by the workers."""

import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection

from colloquy.core import counters
from colloquy.core.models import Counter


@pytest.mark.django_db
def test_hit_counts_in_a_fixed_window_and_says_how_long_it_lasts(monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(counters.time, "time", lambda: clock[0])
    assert counters.hit("upload:7", window=60) == (1, 20)  # 1_000_000 = 16_666 * 60 + 40
    clock[0] += 5
    assert counters.hit("upload:7", window=60) == (2, 15)
    assert counters.hit("upload:8", window=60)[0] == 1  # another key counts apart
    clock[0] += 15  # the next window
    assert counters.hit("upload:7", window=60) == (1, 60)
    clock[0] += 3600  # a new row removes the expired ones
    counters.hit("upload:9", window=60)
    assert list(Counter.objects.values_list("key", flat=True)) == [f"upload:9:{int(clock[0]) // 60 * 60}"]


@pytest.mark.django_db
def test_first_is_true_once_per_period(monkeypatch):
    clock = [5_000.0]
    monkeypatch.setattr(counters.time, "time", lambda: clock[0])
    assert counters.first("lockout-audited:alice:", seconds=900) is True
    assert counters.first("lockout-audited:alice:", seconds=900) is False
    assert counters.first("lockout-audited:bob:", seconds=900) is True
    clock[0] += 901
    assert counters.first("lockout-audited:alice:", seconds=900) is True


@pytest.mark.django_db(transaction=True)
def test_hits_from_many_connections_at_once_are_each_counted_once():
    """Eight threads, each with its own database connection (as separate processes have), hit one key at once:
    the counts they get back are exactly 1..8."""
    barrier, seen, errors = threading.Barrier(8), [], []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            seen.append(counters.hit("cast:42", window=3600)[0])
        except Exception as exc:  # reported below; the test fails on any
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(seen) == list(range(1, 9))
    connection.close()


@pytest.mark.django_db
def test_a_limit_holds_when_the_next_request_reaches_another_worker(client, make_user, settings):
    """Another gunicorn worker has its own local-memory cache: clearing this process's cache between requests
    stands for it. Before, each request then started a fresh count and all five were accepted."""
    settings.COLLOQUY_RATE_LIMITS = {**settings.COLLOQUY_RATE_LIMITS, "password-reset": 3}
    make_user("alice", email="alice@example.org")
    codes = []
    for _ in range(5):
        cache.clear()
        codes.append(client.post("/accounts/password-reset/", {"email": "alice@example.org"}).status_code)
    assert codes == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
