"""The programme editor edits a session's title in English, French and Spanish (docs/translation.md)."""

from django.urls import reverse

from colloquy.dialogues.models import Session


def test_editing_a_session_in_french_keeps_english_as_the_original(client, secretariat, make_event, make_session):
    event = make_event(slug="programme-languages")
    session = make_session(event, title="Opening remarks", title_fr="Allocutions d'ouverture")
    client.force_login(secretariat)
    page = client.get(reverse("registration:programme-editor", args=[event.slug]),
                      HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    # the edit form starts from each language's own text, not from what a French reader sees
    assert 'name="title" value="Opening remarks"' in page
    assert 'name="title_fr" value="Allocutions d&#x27;ouverture"' in page
    response = client.post(reverse("registration:session-edit", args=[session.pk]), {
        "date": session.date.isoformat(), "start_time": "10:00", "end_time": "11:30", "kind": session.kind,
        "title": "Opening statements", "title_fr": "Déclarations liminaires", "title_es": "Declaraciones de apertura",
    }, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    session = Session.objects.get(pk=session.pk)
    assert (session.title_en, session.title_fr, session.title_es) == (
        "Opening statements", "Déclarations liminaires", "Declaraciones de apertura")
