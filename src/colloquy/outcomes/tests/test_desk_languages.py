"""The outcomes desk writes a record's words in English, French and Spanish side by side (docs/translation.md)."""

from django.utils import translation

from colloquy.outcomes import services
from colloquy.outcomes.models import GoodPractice, KeyMessage, OutcomeState, Recommendation


def test_the_desk_form_shows_the_three_languages_side_by_side(client, make_event, secretariat):
    event = make_event(slug="desk-languages")
    client.force_login(secretariat)
    page = client.get(f"/desk/events/{event.slug}/outcomes/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for name in ("text", "text_fr", "text_es"):
        assert f'name="{name}"' in page and f'id="message-{name}"' in page
    assert page.count('<fieldset class="versions wide">') == 3  # key message, recommendation, practice title
    for name, lang in (("text", "en"), ("text_fr", "fr"), ("text_es", "es")):  # for spell checkers, screen readers
        tag = page.split(f'id="message-{name}"', 1)[0].rsplit("<textarea", 1)[1]
        assert f'lang="{lang}"' in tag


def test_a_key_message_added_in_a_french_session_keeps_each_language_in_its_place(client, make_event, secretariat):
    event = make_event(slug="desk-languages-new")
    client.force_login(secretariat)
    response = client.post(f"/desk/events/{event.slug}/outcomes/message/new/", {
        "text": "Recruitment must be fee-free.", "text_fr": "Le recrutement doit être gratuit.",
        "text_es": "La contratación debe ser gratuita."}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    km = KeyMessage.objects.get()
    assert (km.text_en, km.text_fr, km.text_es) == (
        "Recruitment must be fee-free.", "Le recrutement doit être gratuit.", "La contratación debe ser gratuita.")
    assert km.state == OutcomeState.DRAFT


def test_editing_on_the_desk_saves_three_languages_and_an_empty_one_stays_untranslated(client, make_event, secretariat):
    event = make_event(slug="desk-languages-edit")
    practice = services.good_practice_create(actor=secretariat, event=event, title="One-stop centre", country="GHA",
                                             state=OutcomeState.DRAFT)
    client.force_login(secretariat)
    edit = client.get(f"/desk/events/{event.slug}/outcomes/").content.decode()
    assert f'id="practice-{practice.pk}-title_fr"' in edit
    response = client.post(f"/desk/outcomes/practice/{practice.pk}/edit/", {
        "title": "One-stop centre for returnees", "title_fr": "Guichet unique pour les migrants de retour",
        "title_es": "", "country": "GHA"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    practice = GoodPractice.objects.get(pk=practice.pk)
    assert (practice.title_en, practice.title_fr, practice.title_es) == (
        "One-stop centre for returnees", "Guichet unique pour les migrants de retour", None)
    with translation.override("es"):
        assert practice.title == "One-stop centre for returnees"  # the fallback: English


def test_the_edit_form_starts_from_each_language_not_from_the_readers(client, make_event, secretariat):
    event = make_event(slug="desk-languages-initial")
    rec = services.recommendation_create(actor=secretariat, event=event, text="Share data.", state=OutcomeState.DRAFT,
                                         versions={"text_fr": "Partager les données."})
    assert Recommendation.objects.get(pk=rec.pk).text_es is None
    client.force_login(secretariat)
    page = client.get(f"/desk/events/{event.slug}/outcomes/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = page.split(f'id="recommendation-{rec.pk}-text"', 1)[1].split("</textarea>", 1)[0]
    french = page.split(f'id="recommendation-{rec.pk}-text_fr"', 1)[1].split("</textarea>", 1)[0]
    assert english.endswith("Share data.") and french.endswith("Partager les données.")
