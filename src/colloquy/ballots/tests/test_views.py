"""Pages: focal points vote and see a receipt; secretariat screens; public results; permissions by named actor."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from colloquy.ballots import services
from colloquy.ballots.models import Ballot, CastLog, CurrentBallot
from colloquy.ballots.tests.conftest import option_ids


def test_focal_point_sees_the_open_ballot_and_can_vote(client, make_ballot, focal_point):
    ballot = make_ballot()
    client.force_login(focal_point)
    page = client.get(reverse("ballots:list")).content.decode()
    assert ballot.title in page
    assert "Vote now" in page
    detail = client.get(ballot.get_absolute_url()).content.decode()
    assert 'id="cast-form"' in detail


def test_casting_through_the_page_redirects_to_a_receipt_with_the_log_hash(client, make_ballot, focal_point, ghana):
    ballot = make_ballot()
    a, b, _ = option_ids(ballot)
    client.force_login(focal_point)
    response = client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [a]})
    assert response.status_code == 302
    receipt = client.get(response.url).content.decode()
    entry = CastLog.objects.get(ballot=ballot)
    assert entry.entry_hash in receipt
    assert "Migration and health" in receipt
    client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [b]})
    assert CurrentBallot.objects.get(ballot=ballot, organization=ghana).choices == [b]


def test_htmx_cast_returns_the_receipt_fragment(client, make_ballot, focal_point):
    ballot = make_ballot()
    client.force_login(focal_point)
    response = client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [option_ids(ballot)[0]]},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="receipt-hash"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_ranked_ballot_form_turns_ranks_into_an_ordered_choice(client, make_ballot, focal_point, ghana):
    ballot = make_ballot(method="irv")
    a, b, c = option_ids(ballot)
    client.force_login(focal_point)
    client.post(reverse("ballots:cast", args=[ballot.pk]), {f"rank_{a}": "2", f"rank_{c}": "1", f"rank_{b}": ""})
    assert CurrentBallot.objects.get(ballot=ballot, organization=ghana).choices == [c, a]


def test_page_refuses_a_foreign_option_with_400_and_a_message(client, make_ballot, focal_point):
    ballot = make_ballot()
    other = make_ballot(title="Other")
    client.force_login(focal_point)
    response = client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [option_ids(other)[0]]})
    assert response.status_code == 400
    assert "do not belong to this ballot" in response.content.decode()


def test_observer_gets_403_with_a_message_on_a_members_only_ballot(client, make_ballot, observer):
    ballot = make_ballot()
    client.force_login(observer)
    response = client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [option_ids(ballot)[0]]})
    assert response.status_code == 403
    assert "not eligible to vote on this ballot" in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in_before_casting(client, make_ballot):
    ballot = make_ballot()
    response = client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [option_ids(ballot)[0]]})
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("actor_name", ["focal_point", "observer", "outsider"])
def test_only_secretariat_reaches_the_secretariat_screens(request, client, make_ballot, actor_name):
    ballot = make_ballot(open=False)
    client.force_login(request.getfixturevalue(actor_name))
    assert client.get(reverse("ballots:create")).status_code == 403
    assert client.post(reverse("ballots:open", args=[ballot.pk])).status_code == 403
    assert client.get(reverse("ballots:decide", args=[ballot.pk])).status_code == 403
    assert client.post(reverse("ballots:close", args=[ballot.pk])).status_code == 403
    ballot.refresh_from_db()
    assert ballot.state == "draft"


def test_draft_ballots_are_hidden_from_everyone_but_the_secretariat(client, make_ballot, focal_point, secretariat):
    ballot = make_ballot(open=False)
    client.force_login(focal_point)
    assert client.get(ballot.get_absolute_url()).status_code == 404
    client.force_login(secretariat)
    assert client.get(ballot.get_absolute_url()).status_code == 200


def test_secretariat_creates_a_ballot_with_times_in_their_time_zone(client, secretariat, cycle, ghana):
    secretariat.timezone = "Asia/Bangkok"
    secretariat.save()
    with time_machine.travel(datetime.datetime(2027, 1, 5, 8, 0, tzinfo=datetime.UTC), tick=False):
        client.force_login(secretariat)  # inside the frozen clock, so the session has not expired
        response = client.post(reverse("ballots:create"), {
            "cycle": cycle.pk, "title": "Theme 2027", "level": "overarching", "seats": 1, "method": "approval",
            "max_choices": 2, "options": "Health\nIntegration\nClimate", "eligibility": "member_states",
            "secrecy": "recorded", "results_visibility": "after_close", "quorum_percent": 50,
            "closes_at": "2027-01-20T17:00",
        })
        assert response.status_code == 302, response.content.decode()
        ballot = Ballot.objects.get()
        assert ballot.closes_at == datetime.datetime(2027, 1, 20, 10, 0, tzinfo=datetime.UTC)  # 17:00 in Bangkok
        assert [o.label for o in ballot.options.all()] == ["Health", "Integration", "Climate"]
        page = client.get(ballot.get_absolute_url()).content.decode()
        assert "20 Jan 2027, 17:00" in page  # shown back in the viewer's zone
        assert "2027-01-20 10:00 UTC" in page
        client.post(reverse("ballots:open", args=[ballot.pk]))
        ballot.refresh_from_db()
        assert ballot.state == "open"


def test_create_form_reports_the_service_error_by_field(client, secretariat, cycle):
    client.force_login(secretariat)
    response = client.post(reverse("ballots:create"), {
        "cycle": cycle.pk, "title": "T", "level": "overarching", "seats": 1, "method": "single", "max_choices": 1,
        "options": "Only one", "eligibility": "member_states", "secrecy": "recorded",
        "results_visibility": "after_close", "quorum_percent": 50,
        "closes_at": (timezone.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
    })
    assert response.status_code == 400
    assert "A ballot needs at least two options." in response.content.decode()


def test_results_are_hidden_until_the_close_unless_live(client, make_ballot, secretariat):
    ballot = make_ballot()
    assert client.get(reverse("ballots:results", args=[ballot.pk])).status_code == 403
    live = make_ballot(title="Live", results_visibility="live")
    assert client.get(reverse("ballots:results", args=[live.pk])).status_code == 200
    services.ballot_close(actor=secretariat, ballot=ballot)
    assert client.get(reverse("ballots:results", args=[ballot.pk])).status_code == 200


def test_public_results_show_counts_turnout_quorum_and_an_svg_chart(client, make_ballot, make_member, secretariat,
                                                                    ghana, focal_point):
    make_member("BRA")
    ballot = make_ballot(secrecy="confidential", quorum_percent=50)
    a = option_ids(ballot)[0]
    services.ballot_cast(ballot=ballot, member=ghana, choices=[a], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    page = client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    assert "<svg" in page
    assert 'id="results-table"' in page
    assert "1 of 2 eligible organizations voted (50.0%)" in page
    assert '<strong id="quorum">met</strong>' in page
    assert "<td>Africa</td><td>1</td><td>1</td><td>100.0</td>" in page
    assert "<td>Americas</td><td>1</td><td>0</td><td>0.0</td>" in page
    assert "<td>Member State</td><td>2</td><td>1</td><td>50.0</td>" in page
    assert 'id="individual"' not in page  # confidential: counts only


def test_recorded_ballot_shows_who_voted_what_to_members_after_the_close(client, make_ballot, secretariat, ghana,
                                                                         focal_point, observer, outsider):
    ballot = make_ballot(secrecy="recorded")
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[1]], actor=focal_point)
    client.force_login(focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    page = client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    assert 'id="individual"' in page
    assert "<td>Ghana</td><td>Migrant integration</td>" in page
    client.force_login(outsider)
    assert 'id="individual"' not in client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    client.logout()
    assert 'id="individual"' not in client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()


def test_confidential_ballots_show_individual_ballots_to_the_secretariat_only(client, make_ballot, secretariat, ghana,
                                                                              focal_point):
    ballot = make_ballot(secrecy="confidential")
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    client.force_login(focal_point)
    assert 'id="individual"' not in client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    client.force_login(secretariat)
    assert "<td>Ghana</td>" in client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()


def test_irv_results_page_shows_the_rounds(client, make_ballot, make_member, secretariat, ghana, focal_point):
    kenya, kenya_fp = make_member("KEN")
    ballot = make_ballot(method="irv")
    a, b, _ = option_ids(ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[a, b], actor=focal_point)
    services.ballot_cast(ballot=ballot, member=kenya, choices=[b], actor=kenya_fp)
    services.ballot_close(actor=secretariat, ballot=ballot)
    page = client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    assert "Round 1" in page
    assert "Round 2" in page
    assert "tie-break" in page


def test_public_log_lists_hashes_but_not_who_on_a_confidential_ballot(client, make_ballot, ghana, focal_point):
    ballot = make_ballot()
    entry = services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    page = client.get(reverse("ballots:log", args=[ballot.pk])).content.decode()
    assert entry.entry_hash in page
    assert "felix" not in page


def test_secretariat_records_a_decision_through_the_page(client, make_ballot, secretariat, ghana, focal_point, cycle):
    ballot = make_ballot(quorum_percent=100)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[2]], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    client.force_login(secretariat)
    response = client.post(reverse("ballots:decide", args=[ballot.pk]), {"adopt": "1", "rationale": "Clear support.",
                                                                     "confirm": "1"})
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.overarching_theme == "Climate and mobility"
    page = client.get(response.url).content.decode()
    assert "Clear support." in page


def test_nav_has_a_ballots_link(client, db):
    assert 'href="/ballots/"' in client.get("/ballots/").content.decode()


def test_secretariat_cancels_from_the_page_and_focal_points_cannot(client, make_ballot, secretariat, focal_point):
    ballot = make_ballot()
    client.force_login(focal_point)
    assert client.post(reverse("ballots:cancel", args=[ballot.pk]), {"reason": "mine"}).status_code == 403
    client.force_login(secretariat)
    client.post(reverse("ballots:cancel", args=[ballot.pk]), {"reason": "Options were wrong", "confirm": "1"})
    ballot.refresh_from_db()
    assert ballot.state == "cancelled"


def test_a_refused_secretariat_step_lands_on_the_ballot_page_with_the_reason(client, make_ballot, secretariat):
    ballot = make_ballot()
    client.force_login(secretariat)
    response = client.post(reverse("ballots:cancel", args=[ballot.pk]), {"reason": " ", "confirm": "1"},
                           follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == ballot.get_absolute_url()
    assert "Give a reason for cancelling the ballot." in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.state == "open"


def test_an_action_url_opened_directly_shows_the_page_it_acts_on(client, make_ballot, focal_point):
    ballot = make_ballot()
    client.force_login(focal_point)
    response = client.get(reverse("ballots:cast", args=[ballot.pk]))
    assert (response.status_code, response.url) == (302, ballot.get_absolute_url())
    assert not CastLog.objects.filter(ballot=ballot).exists()


def test_an_htmx_cast_refusal_comes_back_as_an_alert_naming_the_problem(client, make_ballot, focal_point):
    ballot = make_ballot()
    other = make_ballot(title="Other")
    client.force_login(focal_point)
    response = client.post(reverse("ballots:cast", args=[ballot.pk]), {"choice": [option_ids(other)[0]]},
                           headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#cast-error"  # beside the form, where the voter looks
    assert "do not belong to this ballot" in response.content.decode()
