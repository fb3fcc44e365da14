"""Eligibility by membership status, frozen when the ballot opens."""

import datetime

import pytest
from django.utils import timezone

from colloquy.ballots import services
from colloquy.ballots.models import CastLog, EligibleOrganization
from colloquy.ballots.tests.conftest import option_ids
from colloquy.core.errors import PermissionDenied
from colloquy.directory.models import Membership, MembershipStatus


@pytest.fixture
def electorate(make_member, ghana, observer_org):
    return {
        "member": ghana,
        "observer_state": make_member("CHE", status=MembershipStatus.OBSERVER_STATE)[0],
        "observer_org": observer_org,
    }


@pytest.mark.parametrize(("eligibility", "expected"), [
    ("member_states", {"member"}),
    ("members_observer_states", {"member", "observer_state"}),
    ("members_observer_organizations", {"member", "observer_org"}),
    ("members_all_observers", {"member", "observer_state", "observer_org"}),
])
def test_eligibility_follows_membership_status(make_ballot, electorate, eligibility, expected):
    ballot = make_ballot(eligibility=eligibility)
    frozen = set(EligibleOrganization.objects.filter(ballot=ballot).values_list("organization_id", flat=True))
    assert frozen == {electorate[k].pk for k in expected}


def test_an_observer_cannot_vote_on_a_members_only_ballot_and_the_refusal_is_recorded_off_the_chain(
        make_ballot, observer_org, observer):
    from colloquy.ballots.models import RefusedAttempt

    ballot = make_ballot(eligibility="member_states")
    with pytest.raises(PermissionDenied, match="Observer Foundation is not eligible to vote on this ballot") as exc:
        services.ballot_cast(ballot=ballot, member=observer_org, choices=[option_ids(ballot)[0]], actor=observer)
    assert exc.value.status == 403
    assert not CastLog.objects.filter(ballot=ballot).exists()
    attempt = RefusedAttempt.objects.get(ballot=ballot)
    assert (attempt.organization, attempt.code) == (observer_org, "ineligible")


def test_an_observer_votes_when_observers_are_included(make_ballot, observer_org, observer):
    ballot = make_ballot(eligibility="members_observer_organizations")
    assert services.ballot_cast(ballot=ballot, member=observer_org, choices=[option_ids(ballot)[0]], actor=observer)


def test_an_organization_without_membership_cannot_vote(make_ballot, outsider):
    ballot = make_ballot(eligibility="members_all_observers")
    with pytest.raises(PermissionDenied, match="not eligible"):
        services.ballot_cast(ballot=ballot, member=outsider.organization, choices=[option_ids(ballot)[0]], actor=outsider)


def test_membership_changes_after_opening_do_not_alter_the_electorate(make_ballot, make_member, ghana, focal_point):
    ballot = make_ballot()
    kenya, kenya_fp = make_member("KEN")  # joins after the ballot opened
    Membership.objects.filter(organization=ghana).update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    assert services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    with pytest.raises(PermissionDenied, match="Kenya is not eligible"):
        services.ballot_cast(ballot=ballot, member=kenya, choices=[option_ids(ballot)[0]], actor=kenya_fp)


def test_a_membership_that_ended_before_opening_is_not_eligible(make_ballot, make_member):
    past = timezone.localdate() - datetime.timedelta(days=30)
    former, _ = make_member("PER", start_date=past - datetime.timedelta(days=365), end_date=past)
    ballot = make_ballot()
    assert not ballot.eligible.filter(organization=former).exists()


def test_eligibility_cannot_change_after_opening(make_ballot, secretariat):
    ballot = make_ballot()
    with pytest.raises(Exception, match="frozen when the ballot opened"):
        services.ballot_update(actor=secretariat, ballot=ballot, eligibility="members_all_observers")


def test_eligible_rows_record_region_and_status(make_ballot, make_member):
    make_member("BRA")
    ballot = make_ballot()
    rows = {r.organization.country: (r.region, r.membership_status) for r in ballot.eligible.select_related("organization")}
    assert rows["BRA"] == ("Americas", "member_state")
    assert rows["GHA"] == ("Africa", "member_state")
