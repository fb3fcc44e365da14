"""Performance suite (marked `perf`): pins the statements of the cast path (services/cast_sql.py).

These tests fail when a change adds a statement or a round trip to a cast, not when behaviour changes; the
behaviour is tested in test_cast_path.py and test_casting.py. They run in `make test` like the rest.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from colloquy.ballots import services
from colloquy.ballots.models import CurrentBallot
from colloquy.ballots.services import cast_sql
from colloquy.ballots.tests.conftest import option_ids
from colloquy.ballots.verify import verify_ballot

pytestmark = pytest.mark.perf


@pytest.mark.django_db(transaction=True)
def test_an_accepted_cast_writes_in_one_statement_on_postgresql_and_one_transaction_on_sqlite(make_ballot, ghana,
                                                                                               focal_point):
    ballot = make_ballot()
    a, b, _ = option_ids(ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    with CaptureQueriesContext(connection) as queries:
        services.ballot_cast(ballot=ballot, member=ghana, choices=[b], actor=focal_point)
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    # Every write moves the record version (core/records.py: cached public pages), one upsert of one row.
    version_bumps = [q["sql"] for q in queries.captured_queries if "core_recordversion" in q["sql"]]
    assert len(version_bumps) == 1
    if connection.vendor == "postgresql":
        # the checks, then the whole cast (its own transaction), then the record version after it (logged before
        # the cast: the query log records a statement when its execute wrappers have returned)
        assert sorted(statements) == ["INSERT", "SELECT", "WITH"]
        assert statements[0] == "SELECT"
    else:
        assert statements.count("INSERT") == 3  # log entry, current ballot (upsert), record version (upsert)
        assert statements.count("UPDATE") == 1  # the chain head
        assert statements.count("BEGIN") == 1  # still one transaction
    assert CurrentBallot.objects.get(ballot=ballot, organization=ghana).choices == [b]
    assert verify_ballot(ballot).ok


def test_the_cast_lookup_of_a_published_ballot_is_one_statement_on_the_ballot_row(make_ballot, focal_point):
    ballot = make_ballot()
    with CaptureQueriesContext(connection) as queries:
        assert cast_sql.visible_ballot_row(focal_point, ballot.pk) == ballot
    assert len(queries.captured_queries) == 1  # no role lookup for a published ballot
    assert "JOIN" not in queries.captured_queries[0]["sql"].upper()
