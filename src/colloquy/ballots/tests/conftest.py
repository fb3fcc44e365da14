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


@pytest.fixture
def earlier(secretariat, focal_point, ghana, make_cycle, make_member, forum):
    """IDM 2009: South-South migration lost a ballot 1-2 to Migration and health; the consultation is closed."""
    cycle = make_cycle(forum=forum, year=2009)
    consultation = services.consultation_create(actor=secretariat, cycle=cycle, title="Overarching theme 2009")
    south = services.proposal_create(actor=secretariat, consultation=consultation, title="South-South Migration",
                                     rationale="Most migration from the South goes to the South.",
                                     guiding_questions="What do South-South corridors need?")
    health = services.proposal_create(actor=secretariat, consultation=consultation, title="Migration and health")
    ballot = services.ballot_create(actor=secretariat, cycle=cycle, title="Theme 2009", method="single",
                                    consultation=consultation, closes_at=timezone.now() + datetime.timedelta(days=1),
                                    quorum_percent=0)
    kenya, kenya_fp = make_member("KEN")
    peru, peru_fp = make_member("PER")
    services.ballot_open(actor=secretariat, ballot=ballot)
    options = {o.proposal_id: o.pk for o in ballot.options.all()}
    services.ballot_cast(ballot=ballot, member=ghana, choices=[options[south.pk]], actor=focal_point)
    services.ballot_cast(ballot=ballot, member=kenya, choices=[options[health.pk]], actor=kenya_fp)
    services.ballot_cast(ballot=ballot, member=peru, choices=[options[health.pk]], actor=peru_fp)
    services.ballot_close(actor=secretariat, ballot=ballot)
    services.ballot_decide(actor=secretariat, ballot=ballot, rationale="Most votes.")
    services.consultation_close(actor=secretariat, consultation=consultation)
    return south


@pytest.fixture
def consultation_2010(secretariat, make_cycle, forum):
    cycle = make_cycle(forum=forum, year=2010, state="theme_selection")
    return services.consultation_create(actor=secretariat, cycle=cycle, title="Overarching theme 2010",
                                        deadline=timezone.now() + datetime.timedelta(days=20))
