import pytest

from colloquy.registration.models import Participant, Registration
from colloquy.registration.stats import attendance_sentence, event_statistics, speaker_sentence


@pytest.mark.parametrize(("counts", "expected"), [
    ({"governments": 71, "international_organizations": 22, "ngos": 8, "private_sector": 3, "academia": 5, "media": 2},
     "The workshop was attended by 213 participants representing 71 governments, 22 international organizations, "
     "8 non-governmental organizations, the private sector, academia and the media."),
    ({"governments": 12, "regional_organizations": 1, "ngos": 0, "academia": 1},
     "The workshop was attended by 213 participants representing 12 governments, a regional organization and academia."),
    ({"international_organizations": 1},
     "The workshop was attended by 213 participants representing an international organization."),
    ({"governments": 0, "media": 0}, "The workshop was attended by 213 participants."),
    ({"governments": 2, "media": 1}, "The workshop was attended by 213 participants representing 2 governments and the media."),
])
def test_attendance_sentence_counts_many_names_one_and_omits_zero(counts, expected):
    assert attendance_sentence(event_noun="workshop", persons=213, org_counts=counts) == expected


def test_attendance_sentence_for_one_participant_is_singular():
    assert attendance_sentence(event_noun="seminar", persons=1, org_counts={"governments": 1}) == \
        "The seminar was attended by 1 participant representing a government."


@pytest.mark.parametrize(("total", "women", "unknown", "expected"), [
    (40, 22, 0, "40 speakers, 22 of whom were women"),
    (5, 1, 0, "5 speakers, 1 of whom was a woman"),
    (5, 0, 0, "5 speakers, none of whom were women"),
    (6, 2, 1, "6 speakers, 2 of whom were women (gender not recorded for 1)"),
    (1, 1, 0, "1 speaker, who was a woman"),
    (0, 0, 0, ""),
])
def test_speaker_sentence(total, women, unknown, expected):
    assert speaker_sentence(total, women, unknown) == expected


def _register(event, org=None, state="approved", people=1, **kw):
    reg = Registration.objects.create(event=event, organization=org, state=state, contact_email="x@example.org",
                                      organization_name=kw.pop("organization_name", org.name if org else ""),
                                      category=kw.pop("category", org.category if org else ""),
                                      country=kw.pop("country", org.country if org else ""), **kw)
    for i in range(people):
        Participant.objects.create(registration=reg, name=f"P{i}")
    return reg


def test_statistics_count_persons_and_distinct_organizations_of_approved_and_attended_only(
        make_event, make_government, make_organization):
    event = make_event(kind="workshop")
    ghana, kenya = make_government("GHA"), make_government("KEN")
    iom = make_organization(name="IOM")
    _register(event, ghana, people=3)
    _register(event, kenya, state="attended", people=2)
    _register(event, iom, people=1)
    _register(event, make_government("FRA"), state="pending", people=4)
    _register(event, make_government("DEU"), state="rejected", people=4)
    _register(event, None, category="academia", organization_name="Univ. of Ghana", country="GHA")
    _register(event, None, category="academia", organization_name="univ of ghana", country="GHA")
    stats = event_statistics(event)
    assert stats.source == "registrations"
    assert stats.persons == 8
    assert stats.sentence == ("The workshop was attended by 8 participants representing 2 governments, "
                              "an international organization and academia.")
    assert [(r.key, r.organizations, r.persons) for r in stats.categories] == [
        ("governments", 2, 5), ("international_organizations", 1, 1), ("academia", 1, 2)]
    regions = {r.key: (r.organizations, r.persons) for r in stats.regions}
    assert regions == {"Africa": (2, 7), "Not recorded": (0, 1)}


def test_events_with_imported_totals_but_no_registrations_show_them_as_reported(make_event):
    event = make_event(kind="workshop", participants_total=600, participants_reported="~600")
    stats = event_statistics(event)
    assert stats.source == "reported"
    assert stats.sentence == "The workshop was attended by ~600 participants (as reported)."


def test_speaker_balance_comes_from_the_programme(make_event, make_session, make_person):
    from colloquy.dialogues.models import SessionParticipant

    event = make_event()
    s1, s2 = make_session(event), make_session(event)
    women = [make_person(gender="female") for _ in range(2)]
    men = [make_person(gender="male") for _ in range(2)]
    for p in [*women, *men]:
        SessionParticipant.objects.create(session=s1, person=p, role="speaker")
    SessionParticipant.objects.create(session=s2, person=women[0], role="moderator")  # same person counted once
    SessionParticipant.objects.create(session=s2, person=make_person(gender=""), role="rapporteur")  # not a speaker
    stats = event_statistics(event)
    assert stats.speakers_text == "4 speakers, 2 of whom were women"


@pytest.mark.parametrize(("total", "stated"), [
    (1, "1"), (99, "99"), (100, "100"), (101, "more than 100"), (149, "more than 100"), (150, "150"),
    (213, "more than 200"), (250, "250"), (251, "more than 250"), (499, "more than 450"), (500, "500"),
    (501, "more than 500"), (550, "more than 500"), (650, "more than 600"), (1000, "1000"), (1234, "more than 1200"),
])
def test_rounded_totals_follow_the_reports(total, stated):
    from colloquy.registration.stats import rounded_total

    assert rounded_total(total) == stated


def test_rounded_sentence_says_more_than_and_leaves_small_and_reported_totals_alone():
    counts = {"governments": 71, "international_organizations": 22}
    assert attendance_sentence(event_noun="workshop", persons=213, org_counts=counts, rounded=True) == (
        "The workshop was attended by more than 200 participants representing 71 governments and "
        "22 international organizations.")
    assert attendance_sentence(event_noun="seminar", persons=1, org_counts={}, rounded=True) == \
        "The seminar was attended by 1 participant."
    assert attendance_sentence(event_noun="workshop", persons="~600", org_counts={}, reported=True, rounded=True) == \
        "The workshop was attended by ~600 participants (as reported)."


def test_public_panel_rounds_the_sentence_but_keeps_the_exact_figures(client, make_event, make_government):
    event = make_event(kind="workshop")
    _register(event, make_government("GHA"), people=60)
    _register(event, make_government("KEN"), people=60)
    _register(event, make_government("SEN"), people=3)
    assert event_statistics(event).sentence.startswith("The workshop was attended by 123 participants")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "The workshop was attended by more than 100 participants representing 3 governments." in html
    assert "<strong>123</strong>" in html  # the exact count beside the tables
    api = client.get(f"/api/registration/events/{event.slug}/statistics?rounded=true").json()
    assert api["rounded"] is True and api["persons"] == 123 and "more than 100 participants" in api["sentence"]
    assert "123 participants" in client.get(f"/api/registration/events/{event.slug}/statistics").json()["sentence"]


def test_reported_categories_without_a_total_are_still_one_sentence(make_event):
    event = make_event(kind="seminar", participants_by_category={"governments": 12, "international_organizations": 1})
    assert event_statistics(event).sentence == ("The seminar was attended by participants representing 12 governments "
                                                "and an international organization (as reported).")


# Issue 17, problem 3: the sentence's tense follows the event's dates and status.
@pytest.mark.parametrize(("days", "status", "expected"), [
    (10, "confirmed", "2 participants are registered for the workshop representing a government."),
    (-10, "confirmed", "The workshop was attended by 2 participants representing a government."),
    (10, "held", "The workshop was attended by 2 participants representing a government."),
    (10, "cancelled", "Before the workshop was cancelled, 2 participants had registered representing a government."),
])
def test_the_attendance_sentence_tense_follows_the_event_dates_and_status(make_event, make_government, days,
                                                                         status, expected):
    import datetime

    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    event = make_event(kind="workshop", start_date=day, end_date=day, status=status)
    _register(event, make_government("GHA"), people=2)
    assert event_statistics(event).sentence == expected
