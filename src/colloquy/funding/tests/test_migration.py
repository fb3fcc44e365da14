"""The amounts the admin could set on an event's donor row become pledges (funding 0002), then the columns go
(dialogues 0006)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("dialogues", "0005_event_reported_participation"), ("funding", "0001_pledges_and_event_budgets")]
AFTER = [("dialogues", "0006_event_funding_amounts_moved_to_pledges")]


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_event_funding_amounts_become_confirmed_private_pledges():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    forum = old.get_model("dialogues", "Forum").objects.create(name="Forum", slug="f")
    cycle = old.get_model("dialogues", "Cycle").objects.create(forum=forum, year=2008)
    event = old.get_model("dialogues", "Event").objects.create(cycle=cycle, title="Workshop", slug="w")
    Organization = old.get_model("directory", "Organization")
    swiss = Organization.objects.create(name="Switzerland", normalized_name="switzerland", slug="switzerland")
    unknown = Organization.objects.create(name="Somebody", normalized_name="somebody", slug="somebody")
    named = Organization.objects.create(name="Named only", normalized_name="named only", slug="named-only")
    EventFunding = old.get_model("dialogues", "EventFunding")
    EventFunding.objects.create(event=event, donor=swiss, amount=Decimal("5000"), currency="chf", note="Interpretation")
    EventFunding.objects.create(event=event, donor=unknown, amount=Decimal("10"), currency="")
    EventFunding.objects.create(event=event, donor=named)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    pledges = {p.donor_id: p for p in new.get_model("funding", "Pledge").objects.all()}
    assert set(pledges) == {swiss.pk, unknown.pk}
    swiss_pledge = pledges[swiss.pk]
    assert (swiss_pledge.amount, swiss_pledge.currency, swiss_pledge.purpose, swiss_pledge.status,
            swiss_pledge.public) == (Decimal("5000.00"), "CHF", "Interpretation", "confirmed", False)
    assert pledges[unknown.pk].currency == "XXX"
    assert new.get_model("dialogues", "EventFunding").objects.count() == 3  # every donor stays named

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as the other tests expect it
