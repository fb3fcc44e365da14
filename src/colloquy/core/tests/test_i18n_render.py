"""E-mails and PDF templates follow the active language, with its dates and plurals (rendered without a browser)."""

import datetime
import types

from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from colloquy.ballots import services as ballots
from colloquy.dialogues.models import SessionParticipant
from colloquy.reference.categories import CATEGORY_CHOICES, category_label
from colloquy.registration.programme import programme_days


def test_the_programme_pdf_reads_french_with_lower_case_months_and_translated_roles(make_event, make_session,
                                                                                      make_person):
    event = make_event(title="Migration and health 2031", start_date=datetime.date(2031, 7, 6))
    session = make_session(event, title="Opening words")
    SessionParticipant.objects.create(session=session, person=make_person(name="Ama Mensah"), role="speaker")
    SessionParticipant.objects.create(session=session, person=make_person(name="Kofi Boateng"), role="discussant")
    with translation.override("fr"):
        html = render_to_string("registration_app/pdf/programme.html", {"event": event, "days": programme_days(event)})
    assert '<html lang="fr">' in html
    assert "Dimanche 6 juillet 2031" in html and "<h2>Programme</h2>" in html
    assert "Ama Mensah</span></div>" in html  # a speaker is not labelled "(intervenant(e))"
    assert "(intervenant(e) désigné(e))" in html  # a discussant is, in French


def test_a_ballot_reminder_e_mail_reads_spanish():
    ballot = types.SimpleNamespace(title="Tema general 2031", closes_at=datetime.datetime(2031, 7, 6, 15, tzinfo=datetime.UTC))
    user = types.SimpleNamespace(get_full_name=lambda: "Felix", get_username=lambda: "felix", organization="Ghana")
    with translation.override("es"):
        body = render_to_string("ballots/email/reminder.txt", {"ballot": ballot, "user": user, "url": "https://x/1",
                                                              "closes_local": ""})
    assert "Ghana aún no ha votado sobre «Tema general 2031»." in body
    assert "Vote aquí: https://x/1" in body and "Dear" not in body


def test_the_follow_up_reminder_uses_the_plural_the_language_needs():
    row = types.SimpleNamespace(total=1, missing=1)
    rnd = types.SimpleNamespace(title="Ronda 2031", deadline=datetime.date(2031, 7, 6), message="")
    user = types.SimpleNamespace(get_full_name=lambda: "Felix", get_username=lambda: "felix")
    context = {"user": user, "organization": "Ghana", "row": row, "round": rnd, "days_left": 3, "missing": [],
               "site_url": "https://x", "days_overdue": 0}
    with translation.override("fr"):
        one = render_to_string("outcomes/email/round_reminder.txt", context)
        row.total = 4
        many = render_to_string("outcomes/email/round_reminder.txt", context)
    assert "des 1 recommandation de la série" in one and "6 juillet 2031, dans 3 jours" in one
    assert "des 4 recommandations de la série" in many


def test_each_focal_point_gets_the_ballot_e_mail_in_their_own_language(forum, ghana, secretariat,
                                                                     make_user, make_cycle,
                                                                     django_capture_on_commit_callbacks):
    make_user("amelie", organization=ghana, email="amelie@ghana.example", language="fr")
    make_user("kwame", organization=ghana, email="kwame@ghana.example")  # no preference: English
    ballot = ballots.ballot_create(actor=secretariat, cycle=make_cycle(forum=forum, year=2031),
                                   title="Overarching theme 2031", method="single", options=("A", "B"),
                                   closes_at=datetime.datetime(2031, 7, 6, 15, tzinfo=datetime.UTC))
    # the secretariat works in Spanish; the e-mails do not follow it
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        ballots.ballot_open(actor=secretariat, ballot=ballot)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert by_recipient["amelie@ghana.example"].subject == "Scrutin ouvert : Overarching theme 2031"
    assert "Pour voter :" in by_recipient["amelie@ghana.example"].body
    assert by_recipient["kwame@ghana.example"].subject == "Ballot open: Overarching theme 2031"
    assert "Vote here:" in by_recipient["kwame@ghana.example"].body


def test_stakeholder_categories_read_in_the_active_language():
    with translation.override("es"):
        assert category_label("governments") == "Gobiernos (Estados Miembros y Estados observadores)"
        assert str(dict(CATEGORY_CHOICES)["academia"]) == "Mundo académico e investigación"
    assert category_label("governments") == "Governments (Member and observer States)"
    assert category_label("no_such_key") == "no_such_key"
