"""Fixtures for ballot tests: a cycle of the IDM forum, an electorate of States and observers, ballots."""

import datetime

import pytest
from django.utils import timezone

from colloquy.ballots import services
from colloquy.directory.models import Membership, MembershipStatus

OPTIONS = ("Migration and health", "Migrant integration", "Climate and mobility")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Refusal quotas live in the cache (services/refusals.py); ids are reused between tests, counts must not be."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cycle(make_cycle, forum):
    return make_cycle(forum=forum, year=2027, state="theme_selection")


@pytest.fixture
def make_member(make_government, make_organization, make_user, forum):
    """A member organization of the forum with one focal point: make_member("KEN") → (org, user)."""

    def make(country=None, status=MembershipStatus.MEMBER_STATE, name=None, focal_points=1, **membership):
        if country:
            org = make_government(country, **({"name": name} if name else {}))
        else:
            org = make_organization(name=name or "Observer Organization", category="international_organizations")
        Membership.objects.create(organization=org, forum=forum, status=status, **membership)
        users = [make_user(f"fp-{org.slug}-{i}", organization=org, email=f"fp{i}@{org.slug}.example")
                 for i in range(focal_points)]
        return (org, *users)

    return make


@pytest.fixture
def make_ballot(secretariat, cycle, ghana):
    def make(method="single", options=OPTIONS, open=True, closes_in=datetime.timedelta(days=14), **kw):
        ballot = services.ballot_create(actor=secretariat, cycle=cycle, title=kw.pop("title", "Overarching theme 2027"),
                                        method=method, options=options, closes_at=timezone.now() + closes_in, **kw)
        if open:
            ballot = services.ballot_open(actor=secretariat, ballot=ballot)
        return ballot

    return make


def option_ids(ballot):
    return list(ballot.options.values_list("id", flat=True))


@pytest.fixture
def voted(make_ballot, make_member, ghana, focal_point):
    """A ranked ballot with three casts: Ghana, Kenya, then Ghana again (a changed vote)."""
    kenya, kenya_fp = make_member("KEN")
    ballot = make_ballot(method="irv", title="Ranked")
    a, b, c = option_ids(ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[a, b], actor=focal_point)
    services.ballot_cast(ballot=ballot, member=kenya, choices=[b, c, a], actor=kenya_fp)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[c], actor=focal_point)
    return ballot
