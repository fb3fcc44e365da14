def test_pages_are_served_in_french_and_spanish(client, db):
    assert "La mémoire des dialogues sur les politiques migratoires" in client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "La memoria de los diálogos sobre políticas migratorias" in client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "The record of migration policy dialogues" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_language_switcher_sets_the_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu principal" in html
