"""Themes named the way news items name them (invented text): "held under the theme ...", in three languages."""

from colloquy.ingest.extraction.segment import blocks
from colloquy.ingest.extraction.themes import themes_in


def themes(text, year):
    return [(t["title"], t["year"], t["status"]) for t in themes_in(blocks(text), doc_year=year)]


def test_a_meeting_held_under_a_theme_selected_it():
    assert themes('News\n\nThe 2019 Summit met in Quito under the theme "Fair recruitment for all", with 900 delegates.\n',
                  2019) == [("Fair recruitment for all", 2019, "selected")]


def test_spanish_and_french_theme_wording():
    assert themes('Noticias\n\nLa reunión se celebró bajo el tema "Movilidad laboral justa" en Lima.\n', 2021) == [
        ("Movilidad laboral justa", 2021, "selected")]
    assert themes('Actualités\n\nLa conférence s\'est tenue sous le thème « Migrations et climat » à Dakar.\n', 2022) == [
        ("Migrations et climat", 2022, "selected")]


def test_a_theme_mentioned_without_a_title_is_not_a_theme():
    assert themes("News\n\nThe debate touched on the theme of migration and work.\n", 2021) == []
