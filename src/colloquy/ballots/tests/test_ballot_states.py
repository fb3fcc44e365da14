"""Issue 17, problem 4: closing early, cancelling and deciding are confirmed with the turnout; a closed ballot
says when it closed; "winner" only when the decision rule is met; several adopted options read as a list."""

import pytest
from django.urls import reverse

from colloquy.ballots import services
from colloquy.ballots.tests.conftest import option_ids

pytestmark = pytest.mark.django_db


def test_closing_early_without_the_confirmation_is_refused_and_the_ballot_stays_open(client, make_ballot,
                                                                                     secretariat):
    ballot = make_ballot()
    client.force_login(secretariat)
    page = client.get(ballot.get_absolute_url()).content.decode()
    assert "days before the scheduled close, with 0 of 1 eligible organizations voted." in page
    response = client.post(reverse("ballots:close", args=[ballot.pk]), follow=True)
    assert "Tick the box to confirm closing the ballot now." in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.state == "open"
    client.post(reverse("ballots:close", args=[ballot.pk]), {"confirm": "1"})
    ballot.refresh_from_db()
    assert ballot.state == "closed"


def test_cancelling_without_the_confirmation_is_refused(client, make_ballot, secretariat):
    ballot = make_ballot()
    client.force_login(secretariat)
    client.post(reverse("ballots:cancel", args=[ballot.pk]), {"reason": "Options were wrong"})
    ballot.refresh_from_db()
    assert ballot.state == "open"


def test_a_decision_without_the_confirmation_is_refused_and_names_the_turnout(client, make_ballot, secretariat,
                                                                             ghana, focal_point):
    ballot = make_ballot(quorum_percent=100)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[2]], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    client.force_login(secretariat)
    response = client.post(reverse("ballots:decide", args=[ballot.pk]), {"adopt": "1", "rationale": "Clear."})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Record this decision on a turnout of 1 of 1 eligible organizations." in html
    assert "Tick the box to confirm the decision" in html
    assert not hasattr(ballot, "decision") or ballot.state == "closed"


def test_a_closed_ballot_says_when_it_closed_not_when_it_closes(client, make_ballot, secretariat):
    ballot = make_ballot()
    services.ballot_close(actor=secretariat, ballot=ballot)
    client.force_login(secretariat)
    html = client.get(ballot.get_absolute_url()).content.decode()
    assert 'id="closed-on"' in html and "Closes" not in html and "Voted so far" not in html


def test_the_results_say_most_votes_not_winner_when_the_quorum_is_not_met(client, make_ballot, secretariat,
                                                                         ghana, focal_point, make_government):
    from colloquy.directory.models import Membership

    other = make_government("KEN")
    Membership.objects.create(organization=other, forum=ghana.memberships.first().forum, status="member_state")
    ballot = make_ballot(quorum_percent=100, secrecy="recorded")
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[2]], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    client.force_login(secretariat)
    html = client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    assert "most votes (quorum not met)" in html
    assert "(winner)" not in html


def test_the_results_chart_shows_long_labels_whole_from_the_left_edge(client, make_ballot, secretariat, ghana,
                                                                       focal_point):
    import re

    long_label = "Regular pathways and skills partnerships"
    ballot = make_ballot(options=(long_label, "Climate and mobility"), secrecy="recorded")
    services.ballot_cast(ballot=ballot, member=ghana, choices=[option_ids(ballot)[0]], actor=focal_point)
    services.ballot_close(actor=secretariat, ballot=ballot)
    client.force_login(secretariat)
    html = client.get(reverse("ballots:results", args=[ballot.pk])).content.decode()
    labels = re.findall(r'<text x="(\d+)"[^>]*class="chart-label"[^>]*>([^<]*)</text>', html)
    assert ("0", long_label) in labels
    assert 'text-anchor="end"' not in html


def _decision(html):
    """The decision as a page shows it: from its outcome to the end of its section or table cell."""
    start = html.index("<strong>Adopted</strong>")
    ends = [i for i in (html.find("</section>", start), html.find("</td>", start)) if i != -1]
    return html[start:min(ends)]


def test_a_two_topic_decision_lists_each_topic_on_every_page_that_shows_it(client, make_ballot, make_member,
                                                                           secretariat, ghana, focal_point):
    """Issue 17 showed "Adopted : Human rights;: Trafficking": the topics were joined with "; " and ": "."""
    kenya, kenya_fp = make_member("KEN")  # before the ballot opens: its electorate is frozen then
    ballot = make_ballot(method="approval", max_choices=2, level="workshop_topic", seats=2, title="Workshop topics")
    health, _integration, climate = option_ids(ballot)
    services.ballot_cast(ballot=ballot, member=ghana, choices=[health, climate], actor=focal_point)
    services.ballot_cast(ballot=ballot, member=kenya, choices=[climate], actor=kenya_fp)
    services.ballot_close(actor=secretariat, ballot=ballot)
    services.ballot_decide(actor=secretariat, ballot=ballot, rationale="The two most approved topics.")
    client.force_login(secretariat)
    pages = {"results": reverse("ballots:results", args=[ballot.pk]), "ballot": ballot.get_absolute_url(),
             "cycle": ballot.cycle.get_absolute_url()}
    for name, url in pages.items():
        decision = _decision(client.get(url).content.decode())
        topics = decision.split("The two most approved topics.")[0]
        assert "<li>Climate and mobility</li>" in topics and "<li>Migration and health</li>" in topics, (name, decision)
        assert ";" not in topics and ": " not in topics, (name, decision)
