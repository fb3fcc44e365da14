"""Who sees a pledge's amount: the secretariat, the donor's own focal point, and everyone for a public pledge
(named actors: Sofia of the secretariat, Felix the focal point of Ghana (the donor), Olga the focal point of an
observer organization, and an anonymous visitor). The same rule holds on the pages, the API and the open data."""

import pytest
from django.contrib.auth.models import AnonymousUser

from colloquy.accounts.models import ApiToken
from colloquy.funding.models import Pledge

pytestmark = pytest.mark.django_db


def test_the_secretariat_sees_every_pledge(secretariat, pledges):
    assert set(Pledge.objects.visible_to(secretariat)) == set(pledges)


def test_the_donors_focal_point_sees_its_own_and_the_public_pledges(focal_point, pledges):
    assert set(Pledge.objects.visible_to(focal_point)) == set(pledges)


def test_another_focal_point_sees_only_public_pledges(observer, pledges):
    assert list(Pledge.objects.visible_to(observer)) == [pledges[1]]


def test_an_anonymous_visitor_sees_only_public_pledges(pledges):
    assert list(Pledge.objects.visible_to(AnonymousUser())) == [pledges[1]]


def test_a_public_pledge_on_an_unpublished_event_stays_hidden(make_pledge, make_event):
    from colloquy.dialogues.models import EventStatus

    hidden = make_event(status=EventStatus.PROPOSED)
    make_pledge(event=hidden, public=True)
    assert not Pledge.objects.visible_to(AnonymousUser()).exists()


def test_the_event_page_shows_donors_and_amounts_by_audience(client, secretariat, focal_point, observer, pledges,
                                                            workshop):
    url = workshop.get_absolute_url()
    anonymous = client.get(url).content.decode()
    assert "1234" in anonymous and "4321" not in anonymous
    assert "Switzerland" in anonymous and "Ghana" in anonymous  # both donors are named (thanked) publicly
    assert "Budget covered by confirmed pledges: 55 %" in anonymous
    client.force_login(observer)
    assert "4321" not in client.get(url).content.decode()
    client.force_login(focal_point)
    assert "4321" in client.get(url).content.decode()
    client.force_login(secretariat)
    page = client.get(url).content.decode()
    assert "4321" in page and "5555.00 of 10000.00 CHF" in page


def test_the_focal_point_sees_its_organizations_pledges_on_its_desk(client, focal_point, observer, pledges):
    client.force_login(focal_point)
    desk = client.get("/accounts/desk/").content.decode()
    assert "Your organization's pledges" in desk and "4321" in desk
    client.force_login(observer)
    assert "4321" not in client.get("/accounts/desk/").content.decode()


def _bearer(user):
    return {"Authorization": f"Bearer {ApiToken.issue(user=user, name='test')[1]}"}


@pytest.mark.parametrize(("who", "amounts"), [("secretariat", {"4321.00", "1234.00"}),
                                              ("focal_point", {"4321.00", "1234.00"}),
                                              ("observer", {"1234.00"}), (None, {"1234.00"})])
def test_the_api_lists_pledges_by_the_same_rule(client, request, pledges, workshop, who, amounts):
    headers = _bearer(request.getfixturevalue(who)) if who else {}
    response = client.get(f"/api/funding/pledges?event={workshop.slug}", headers=headers)
    assert response.status_code == 200
    assert {p["amount"] for p in response.json()} == amounts


def test_the_events_api_names_the_donors(client, pledges, workshop):
    event = next(e for e in client.get("/api/events").json() if e["slug"] == workshop.slug)
    assert sorted(d["name"] for d in event["donors"]) == ["Ghana", "Switzerland"]
    assert event["funding_status"] == "subject_to_funding"


def test_the_event_funding_api_gives_amounts_of_the_budget_to_the_secretariat_only(client, secretariat, pledges,
                                                                                   workshop):
    anonymous = client.get(f"/api/funding/events/{workshop.slug}").json()
    assert anonymous["coverage_percent"] == 55 and anonymous["budget_total"] is None
    assert len(anonymous["pledges"]) == 1
    staff = client.get(f"/api/funding/events/{workshop.slug}", headers=_bearer(secretariat)).json()
    assert staff["budget_total"] == "10000.00" and staff["covered"] == "5555.00" and len(staff["pledges"]) == 2


def test_a_focal_point_cannot_record_a_pledge_through_the_api(client, focal_point, ghana, workshop):
    response = client.post("/api/funding/pledges", {"donor_id": ghana.pk, "event": workshop.slug, "amount": "10",
                                                    "currency": "CHF"}, content_type="application/json",
                           headers=_bearer(focal_point))
    assert response.status_code == 403 and not Pledge.objects.exists()


def test_the_secretariat_confirms_a_covered_event_through_the_api(client, secretariat, ghana, workshop):
    headers = _bearer(secretariat)
    created = client.post("/api/funding/pledges", {"donor_id": ghana.pk, "event": workshop.slug,
                                                   "amount": "10000", "currency": "chf"},
                          content_type="application/json", headers=headers)
    assert created.status_code == 201, created.json()
    refused = client.post(f"/api/funding/events/{workshop.slug}/confirm", headers=headers)
    assert refused.status_code == 400 and "0 %" in refused.json()["detail"]
    client.post(f"/api/funding/pledges/{created.json()['id']}/status", {"status": "confirmed"},
                content_type="application/json", headers=headers)
    confirmed = client.post(f"/api/funding/events/{workshop.slug}/confirm", headers=headers)
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"


def test_the_api_refuses_a_bad_currency_by_name(client, secretariat, ghana, workshop):
    response = client.post("/api/funding/pledges", {"donor_id": ghana.pk, "event": workshop.slug, "amount": "10",
                                                    "currency": "ZZZ"}, content_type="application/json",
                           headers=_bearer(secretariat))
    assert response.status_code == 400 and "ZZZ is not an ISO 4217" in response.json()["detail"]


def test_the_open_data_csv_carries_only_what_the_visitor_may_see(client, pledges):
    csv_text = client.get("/funding/open-data/pledges.csv").content.decode()
    assert "1234.00" in csv_text and "4321" not in csv_text


@pytest.mark.parametrize("path", ["/funding/", "/funding/report/2027/", "/funding/report/2027.csv"])
def test_funding_screens_are_for_the_secretariat(client, focal_point, path):
    assert client.get(path).status_code == 302  # anonymous: to the login page
    client.force_login(focal_point)
    assert client.get(path).status_code == 403


def test_the_secretariat_makes_a_pledge_public_through_the_api_and_everyone_then_sees_it(client, secretariat,
                                                                                         pledges):
    private = pledges[0]
    assert client.get(f"/api/funding/pledges/{private.pk}").status_code == 404
    response = client.patch(f"/api/funding/pledges/{private.pk}", {"public": True, "purpose": "Travel"},
                            content_type="application/json", headers=_bearer(secretariat))
    assert response.status_code == 200 and response.json()["public"] is True
    assert client.get(f"/api/funding/pledges/{private.pk}").json()["purpose"] == "Travel"


def test_a_focal_point_cannot_change_its_own_pledge(client, focal_point, pledges):
    response = client.patch(f"/api/funding/pledges/{pledges[0].pk}", {"amount": "1"},
                            content_type="application/json", headers=_bearer(focal_point))
    assert response.status_code == 403
