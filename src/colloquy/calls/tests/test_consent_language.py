"""Issue 16: the speaker's consent e-mail is in the event's working language, not the language of the secretariat
member who accepted them (calls/services.py, consent_language)."""

import pytest
from django.core import mail
from django.utils import translation

from colloquy.calls import services


def accept_speaker(secretariat, focal_point, call, session, language):
    response = services.response_submit(actor=focal_point, call=call, name="Ama Mensah", email="ama@example.org",
                                        affiliation="Director, Ghana Immigration Service")
    with translation.override(language):
        services.response_decide(actor=secretariat, response=response, status="shortlisted")
        services.response_decide(actor=secretariat, response=response, status="accepted", session=session)
    return mail.outbox[-1]


@pytest.fixture
def session(workshop, make_session):
    workshop.title_fr = "Atelier sur la mobilité de la main-d'œuvre"
    workshop.save()
    return make_session(workshop, title="Panel: recruitment costs", title_fr="Table ronde : coûts de recrutement")


def test_the_consent_email_is_in_the_events_working_language(secretariat, focal_point, open_call, workshop, session):
    workshop.working_language = "fr"
    workshop.save()
    message = accept_speaker(secretariat, focal_point, open_call(), session, language="es")
    assert message.subject == ("[Colloquy] Vous intervenez à Atelier sur la mobilité de la main-d'œuvre : "
                               "pouvons-nous publier votre nom ?")
    assert "« Table ronde : coûts de recrutement »" in message.body
    assert "Estimad" not in message.body and "/calls/consent/" in message.body


def test_without_a_working_language_the_consent_email_is_in_english(secretariat, focal_point, open_call, session):
    message = accept_speaker(secretariat, focal_point, open_call(), session, language="es")
    assert message.subject == "[Colloquy] You are a speaker at Workshop on labour mobility: may we publish your name?"
    assert 'in the session "Panel: recruitment costs"' in message.body
