"""Key messages in the forms short pages and reports use (invented text): a numbered list inside a paragraph,
paragraphs under a key-messages heading, a summary's bulleted statements, "one of the key messages ... was
that", what a meeting "has shown", and what governments declared, in English, French and Spanish."""

from colloquy.ingest.extraction.outcomes import key_messages_and_recommendations
from colloquy.ingest.extraction.segment import blocks


def messages(text):
    return [m["title"] for m in key_messages_and_recommendations(blocks(text))[0]]


def test_an_inline_numbered_list_of_convergence_gives_one_message_per_item():
    found = messages("Report of the meeting\n\nThe debate revealed three areas of convergence: 1. Labour mobility needs "
                     "fair recruitment. 2. Data on returns are scarce. 3. Diasporas invest at home.\n")
    assert found == ["Labour mobility needs fair recruitment.", "Data on returns are scarce.", "Diasporas invest at home."]


def test_a_cue_ending_with_a_colon_takes_the_numbered_paragraphs_after_it():
    found = messages("Outcome\n\nThe following areas of convergence emerged:\n\n1. Skills partnerships benefit both sides.\n\n"
                     "2. Remittance costs remain too high.\n\nOther business\n\nThe next meeting is in May.\n")
    assert found == ["Skills partnerships benefit both sides.", "Remittance costs remain too high."]


def test_paragraphs_under_a_key_messages_heading_are_messages():
    found = messages("Key messages\n\nPortable social protection is within reach of most corridors today.\n\n"
                     "Cities are the first responders to new arrivals in most regions.\n")
    assert len(found) == 2 and found[1].startswith("Cities are the first responders")


def test_one_of_the_key_messages_was_that():
    found = messages("Seminar\n\nMany spoke. One of the key messages of the seminar was that drought drives rural exits.\n")
    assert found == ["One of the key messages of the seminar was that drought drives rural exits."]


def test_what_the_meeting_has_shown_is_a_message():
    assert messages("Closing\n\nThese three days have shown that cooperation on returns is possible.\n") == [
        "These three days have shown that cooperation on returns is possible."]


def test_a_summary_pages_bulleted_statements_are_messages_but_not_labels_or_people():
    found = messages("Summary of the second annual meeting\n\nSession 1\n\n"
                     "  • The members should pool their data on recruitment fees across the region.\n"
                     "  • Priorities for next year:\n"
                     "    • Returns;\n"
                     "  • Mr. Karl Dahl, Director, Nordic Association of Labour Recruiters, Inc.\n")
    assert found == ["The members should pool their data on recruitment fees across the region."]


def test_what_governments_declared_in_spanish_runs_to_the_next_declaration():
    found = messages("Comunicado conjunto\n\nLos gobiernos reconocieron que la migración ordenada beneficia a todos. "
                     "La migración es un fenómeno complejo. Por otra parte, acordaron que el diálogo seguirá cada año.\n")
    assert found == ["Los gobiernos reconocieron que la migración ordenada beneficia a todos. La migración es un fenómeno complejo.",
                     "Por otra parte, acordaron que el diálogo seguirá cada año."]


def test_what_ministers_declared_in_french_and_english_is_a_message():
    assert len(messages("Déclaration\n\nLes ministres ont souligné que la coopération régionale reste essentielle. "
                        "The Ministers reaffirmed that border management must respect rights.\n")) == 2


def test_what_workshop_participants_recognized_is_discussion_not_a_declaration():
    assert messages("Workshop\n\nParticipants recognized that data are scarce in the region.\n") == []


def test_lettered_items_inside_a_sentence_lose_their_joining_words():
    found = messages("Chair's summary\n\nThe debate revealed three areas of convergence: (a) migrants build bridges; "
                     "(b) rights come first; and (c) data are needed.\n")
    assert found == ["migrants build bridges", "rights come first", "data are needed."]


def test_the_last_bullet_of_a_page_cut_off_mid_sentence_still_counts():
    found = messages("Summary of the meeting\n\n- The members agreed to pool their data on fees.\n"
                     "- The network needs to guide country teams on how best to set up their own work plans and t\n\n"
                     "Printed copy\n")
    assert len(found) == 2 and found[1].startswith("The network needs to guide")


def test_what_a_meeting_acknowledged_in_a_statement_is_a_message_whatever_its_object():
    found = messages("Co-Chairs' Statement\n\n2. The meeting acknowledged the growing risks of maritime crossings. "
                     "It noted that smugglers adapt quickly. It underlined that responses must be regional. "
                     "The observer agency described its training courses. It emphasised that funding is short.\n")
    assert [f.split(".")[0] for f in found] == ["The meeting acknowledged the growing risks of maritime crossings",
                                                 "It noted that smugglers adapt quickly",
                                                 "It underlined that responses must be regional"]


def test_ministers_endorsing_a_plan_is_a_message():
    assert messages("Outcome\n\nMinisters endorsed a new regional plan for cooperation on returns.\n") == [
        "Ministers endorsed a new regional plan for cooperation on returns."]


def test_a_declaration_in_the_first_person_plural_gives_one_message_per_paragraph():
    found = messages("Declaration of the Forum\n\n1. We, the delegates, meeting in Lima, have adopted this text.\n\nIntroduction\n\n"
                     "2. We reaffirm the regional plan on labour mobility.\n\n"
                     "3. We are determined to lower remittance costs by half.\n\n"
                     "4. Nous réaffirmons notre engagement envers la protection des enfants.\n\n"
                     "5. Reafirmamos el compromiso con los derechos de las personas migrantes.\n")
    assert len(found) == 4 and found[0].startswith("We reaffirm the regional plan")


def test_a_speaker_who_says_we_in_the_middle_of_a_speech_is_not_declaring():
    assert messages("Opening remarks\n\nThank you. As you know, we reaffirm our support every year.\n") == []


def test_a_declarations_numbered_paragraph_wrapped_into_lines_is_one_message():
    found = messages("Declaration of the Forum\n12 May 2030\nIntroduction\n"
                     "2. We reaffirm the regional plan on labour mobility, also known as the Lima\n"
                     "Plan, and recall the resolution that endorsed it.\n"
                     "3. We are determined to lower the cost of sending money home to below three\n"
                     "per cent by the end of the decade.\n")
    assert found == ["We reaffirm the regional plan on labour mobility, also known as the Lima Plan, and recall the "
                     "resolution that endorsed it.",
                     "We are determined to lower the cost of sending money home to below three per cent by the end of "
                     "the decade."]
