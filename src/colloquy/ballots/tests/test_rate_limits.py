"""Casts per organization per minute are limited (issue 15, rate limits): past the limit a cast is refused
with 429 and a message naming the limit, on the API and on the web; other organizations are not affected."""

import datetime

import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from colloquy.ballots.models import CastKind
from colloquy.ballots.tests.conftest import option_ids
from colloquy.ballots.tests.test_api import bearer, cast

LIMIT = 3


def minute(seconds):
    """A moment `seconds` after the start of the next minute (the ballot is open then)."""
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    return start + datetime.timedelta(seconds=seconds)


@override_settings(COLLOQUY_RATE_LIMITS={"cast": LIMIT, "upload": LIMIT})
def test_casts_beyond_the_limit_are_refused_with_429(client, make_ballot, focal_point, make_member):
    _, kenya = make_member("KEN")
    ballot = make_ballot()
    first = option_ids(ballot)[0]
    with time_machine.travel(minute(5), tick=False):
        for _ in range(LIMIT):
            assert cast(client, ballot, [first], bearer(focal_point)).status_code == 200
        refused = cast(client, ballot, [first], bearer(focal_point))
        assert refused.status_code == 429
        assert refused.json()["code"] == "rate-limited"
        assert f"at most {LIMIT} a minute" in refused.json()["detail"]
        assert cast(client, ballot, [first], bearer(kenya)).status_code == 200  # another organization votes
    assert ballot.log.filter(organization=focal_point.organization, kind=CastKind.CAST).count() == LIMIT


@override_settings(COLLOQUY_RATE_LIMITS={"cast": LIMIT, "upload": LIMIT})
def test_the_limit_is_per_minute(client, make_ballot, focal_point):
    ballot = make_ballot()
    first = option_ids(ballot)[0]
    with time_machine.travel(minute(5), tick=False):
        for _ in range(LIMIT):
            cast(client, ballot, [first], bearer(focal_point))
        assert cast(client, ballot, [first], bearer(focal_point)).status_code == 429
    with time_machine.travel(minute(61), tick=False):
        assert cast(client, ballot, [first], bearer(focal_point)).status_code == 200


@override_settings(COLLOQUY_RATE_LIMITS={"cast": LIMIT, "upload": LIMIT})
def test_web_casts_beyond_the_limit_show_the_refusal(client, make_ballot, focal_point):
    ballot = make_ballot()
    first = option_ids(ballot)[0]
    client.force_login(focal_point)
    url = reverse("ballots:cast", args=[ballot.pk])
    with time_machine.travel(minute(5), tick=False):
        for _ in range(LIMIT):
            assert client.post(url, {"choice": [first]}).status_code == 302
        refused = client.post(url, {"choice": [first]})
    assert refused.status_code == 429
    assert f"at most {LIMIT} a minute" in refused.text
