"""A focal point's desk: what waits for their organization across the cycle (ballots, consultations,
registrations, follow-up), and where a login without ?next= lands."""

import datetime

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By

from colloquy.ballots import services as ballots
from colloquy.ballots.models import Consultation
from colloquy.outcomes.models import Recommendation
from colloquy.outcomes.services.reports import recommendation_report_progress
from colloquy.outcomes.services.rounds import round_launch
from colloquy.registration.models import Registration, RegistrationSettings
from colloquy.testing import click, wait_for


@pytest.fixture
def cycle(make_cycle, forum):
    return make_cycle(forum=forum, year=2028)


@pytest.fixture
def ballot(secretariat, cycle, ghana):
    draft = ballots.ballot_create(actor=secretariat, cycle=cycle, title="Overarching theme 2028", method="single",
                                  options=["Migration and health", "Climate and mobility"],
                                  closes_at=timezone.now() + datetime.timedelta(days=10))
    return ballots.ballot_open(actor=secretariat, ballot=draft)


@pytest.fixture
def workshop(make_event, cycle):
    event = make_event(cycle=cycle, title="Workshop on data", status="confirmed",
                       start_date=timezone.localdate() + datetime.timedelta(days=60))
    RegistrationSettings.objects.create(event=event, capacity=50)
    return event


@pytest.fixture
def recommendation(make_event, ghana):
    rec = Recommendation.objects.create(event=make_event(title="Workshop of 2006"), text="Lower remittance costs.", addressee="states")
    rec.addressed_organizations.add(ghana)
    return rec


def desk(client, user):
    client.force_login(user)
    response = client.get("/accounts/desk/")
    assert response.status_code == 200
    return response.content.decode()


def test_desk_lists_the_open_ballot_until_the_organization_votes(client, focal_point, ghana, ballot):
    html = desk(client, focal_point)
    assert "1 open ballot waits for your organization" in html and "Vote now" in html
    ballots.ballot_cast(ballot=ballot, member=ghana, choices=[ballot.options.first().pk], actor=focal_point)
    html = desk(client, focal_point)
    assert "0 open ballots wait" in html and f"/ballots/{ballot.pk}/receipt/" in html and "change the vote" in html


def test_desk_shows_open_consultations_of_the_members_forums(client, focal_point, cycle):
    Consultation.objects.create(cycle=cycle, title="Themes for 2028")
    assert "Themes for 2028" in desk(client, focal_point)


def test_desk_shows_events_open_for_registration_and_the_delegations_state(client, focal_point, ghana, workshop):
    html = desk(client, focal_point)
    assert "Workshop on data" in html and f"/events/{workshop.slug}/register/" in html
    Registration.objects.create(event=workshop, organization=ghana, state="approved", submitted_by=focal_point)
    html = desk(client, focal_point)
    assert "Register the delegation" not in html and "Approved" in html


def test_desk_counts_follow_up_items_with_no_report_and_the_open_round(client, focal_point, secretariat, ghana, recommendation):
    round_launch(title="Round on remittances", recommendations=[recommendation], organizations=[ghana],
                 deadline=timezone.localdate() + datetime.timedelta(days=30), actor=secretariat, notify=False)
    html = desk(client, focal_point)
    assert "Your organization reports on 1 item" in html and "(1 with no report yet)" in html
    assert "Round on remittances" in html and "0 of 1 reported" in html
    recommendation_report_progress(recommendation=recommendation, organization=ghana, status="in_progress", actor=focal_point)
    html = desk(client, focal_point)
    assert "(0 with no report yet)" in html and "1 of 1 reported" in html


def test_desk_of_an_organization_with_nothing_waiting_says_so(client, focal_point):
    assert "Nothing waits for your organization right now." in desk(client, focal_point)


def test_desk_is_for_focal_points(client, make_user, secretariat):
    assert client.get("/accounts/desk/").status_code == 302  # to the login page
    client.force_login(make_user("no-organization"))
    response = client.get("/accounts/desk/")
    assert response.status_code == 403 and "not linked to a member organization" in response.content.decode()
    client.force_login(secretariat)
    response = client.get("/accounts/desk/")
    assert response.status_code == 200 and "not linked to a member organization" in response.content.decode()


def test_login_without_next_lands_focal_points_on_their_desk_and_others_on_the_archive(client, focal_point, secretariat):
    for user, landing in ((focal_point, "/accounts/desk/"), (secretariat, "/")):
        client.logout()
        response = client.post("/accounts/login/", {"username": user.username, "password": user.raw_password}, follow=True)
        assert response.redirect_chain[-1][0] == landing


@pytest.mark.e2e
def test_focal_point_logs_in_sees_the_ballot_on_the_desk_votes_and_the_desk_shows_the_receipt(
        browser, live_server, focal_point, ballot):
    browser.delete_all_cookies()
    browser.get(live_server.url + "/accounts/login/")
    browser.find_element(By.ID, "id_username").send_keys(focal_point.username)
    browser.find_element(By.ID, "id_password").send_keys(focal_point.raw_password)
    browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
    wait_for(browser, lambda d: d.current_url.endswith("/accounts/desk/"))
    assert "1 open ballot waits" in wait_for(browser, lambda d: d.find_elements(By.ID, "member-ballots"))[0].text
    click(browser, By.LINK_TEXT, "Vote now")
    wait_for(browser, lambda d: d.find_elements(By.ID, "cast-form"))
    browser.find_element(By.ID, f"option-{ballot.options.get(label='Climate and mobility').pk}").click()
    browser.find_element(By.CSS_SELECTOR, "#cast-form button[type=submit]").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "receipt-hash"))
    click(browser, By.ID, "my-desk-link")
    table = wait_for(browser, lambda d: d.find_elements(By.ID, "member-ballot-table"))[0]
    assert "Voted" in table.text and "receipt" in table.text
