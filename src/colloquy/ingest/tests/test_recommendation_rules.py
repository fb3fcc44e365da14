"""Recommendations in French and Spanish (invented text)."""

from colloquy.ingest.extraction.outcomes import key_messages_and_recommendations
from colloquy.ingest.extraction.segment import blocks


def recommendations(text):
    return [(r["text"], r["addressee"]) for r in key_messages_and_recommendations(blocks(text))[1]]


def test_french_and_spanish_recommendation_wording():
    found = recommendations("Débat\n\nLes participants ont recommandé que les États adoptent des plans nationaux. "
                            "Los gobiernos deberían armonizar sus leyes. Se recomienda crear un fondo regional.\n")
    assert [t for t, _ in found] == ["Les participants ont recommandé que les États adoptent des plans nationaux.",
                                     "Los gobiernos deberían armonizar sus leyes.", "Se recomienda crear un fondo regional."]
    assert found[0][1] == "states" and found[1][1] == "states"


def test_a_recomendaciones_section_lists_recommendations():
    found = recommendations("Recomendaciones\n\n- Fortalecer la cooperación consular entre los Estados.\n")
    assert found == [("Fortalecer la cooperación consular entre los Estados.", "states")]
