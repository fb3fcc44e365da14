from colloquy.ingest.normalize import normalize


def test_running_header_and_page_numbers_are_removed_from_pdf_pages():
    pages = [f"Harbour Institute\n\nParagraph number {i} of the report ends here.\n\n{i}" for i in range(1, 6)]
    norm = normalize(pages, paginated=True)
    assert "Harbour Institute" not in norm.text
    assert "\n\n3\n" not in norm.text
    assert norm.text.count("Paragraph number") == 5


def test_running_header_blocks_in_plain_text_are_removed():
    body = "\n\n\n\n".join(f"Harbour Institute\n\nSection {i} text that goes on for a while." for i in range(6))
    norm = normalize([body], paginated=False)
    assert "Harbour Institute" not in norm.text
    assert "Section 5 text" in norm.text


def test_page_map_gives_the_page_of_an_offset():
    norm = normalize(["Alpha page text.", "Bravo page text.", "Charlie page text."], paginated=True)
    assert norm.page_at(norm.text.index("Bravo")) == 2
    assert norm.page_at(norm.text.index("Charlie")) == 3


def test_sentence_continuing_on_the_next_page_is_rejoined():
    norm = normalize(["The programme aims to enhance", "migrant resilience in cities."], paginated=True)
    assert "to enhance migrant resilience" in norm.text


def test_page_numbers_glued_into_sentences_are_removed():
    filler = "The discussion covered many related questions at some length. " * 12
    text = (f"The plan helps to enhance 12 migrant resilience. {filler}Later the group decided to 13 continue work. "
            f"{filler}Members agreed to 14 publish results. There were 3 delegates.")
    norm = normalize([text], paginated=False)
    assert "enhance migrant resilience" in norm.text
    assert "to continue work" in norm.text and "to publish" in norm.text
    assert "3 delegates" in norm.text  # a lone number is not a page number


def test_hyphenation_smart_quotes_and_lost_apostrophes():
    norm = normalize(["The “labour migra-\ntion” agenda reflects IOM s view and the Council’s."], paginated=False)
    assert 'The "labour migration" agenda' in norm.text
    assert "IOM's view" in norm.text
    assert "Council's" in norm.text


def test_footnote_markers_and_interrupting_footnotes_are_moved_out():
    text = ("The seminar brought together experts¹ from many\n\n"
            "¹ See the website of the organizer.\n\n"
            "countries and regions.\n\nNext paragraph.")
    norm = normalize([text], paginated=False)
    assert "experts from many countries and regions." in norm.text
    assert "¹" not in norm.text
    assert norm.text.index("See the website") > norm.text.index("countries and regions")


def test_similar_documents_list_above_a_scraped_document_is_dropped():
    text = ("Similar documents\nAnnual report of a bank\nTourism statistics\n\n\n"
            "REPORT OF THE MEETING\n\n1. The meeting took place in Rome.")
    norm = normalize([text], paginated=False)
    assert "Tourism statistics" not in norm.text
    assert "REPORT OF THE MEETING" in norm.text


def test_markdown_tables_and_html_residue_become_plain_rows():
    text = "|----|---|\n| 10:00 am | OPENING REMARKS\n<i>Ms. Ann Example, UNFPA</i> |\n**Bold** words"
    norm = normalize([text], paginated=False)
    assert "10:00 am\tOPENING REMARKS" in norm.text
    assert "Ms. Ann Example, UNFPA" in norm.text and "<i>" not in norm.text
    assert "Bold words" in norm.text


def test_web_page_furniture_is_dropped_before_the_title():
    text = ("Skip to main content\n\nSelect your language\n\nHarbour Council Logo\n\nTotal Page:12\n\n"
            "File Type:pdf, Size:300Kb\n\nRegional Meeting on Harbour Labour\n\nThe meeting took place in Rome.")
    norm = normalize([text], paginated=False)
    assert norm.text.startswith("Regional Meeting on Harbour Labour")
    assert "took place in Rome" in norm.text
