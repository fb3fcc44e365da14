from colloquy.search.serialize import highlight
from colloquy.search.text import passages


def test_passages_follow_paragraphs_and_pages():
    text = "Heading\n\n" + ("First paragraph sentence. " * 20) + "\n\nShort.\f" + ("Page two text. " * 60)
    result = passages(text, target=300, maximum=600)
    assert result[0].first_paragraph == 1 and result[0].page == 1
    assert result[-1].page == 2
    assert all(len(p.text) <= 600 for p in result)
    assert "".join(p.text for p in result).replace(" ", "") == "".join(text.split()).replace("\f", "")


def test_passage_label_names_paragraphs_and_page():
    result = passages("One.\n\nTwo.\fThree.", target=3)
    assert [p.label for p in result] == ["para. 1, p. 1", "para. 2, p. 1", "para. 3, p. 2"]


def test_highlight_escapes_everything_but_its_own_marks():
    assert str(highlight("a <b>\x02c\x03 & \x02d")) == "a &lt;b&gt;<mark>c</mark> &amp; <mark>d</mark>"
