import datetime

from colloquy.ingest.extraction.dates import find_dates


def _spans(text):
    return [(d.first, d.last, d.explicit_year) for d in find_dates(text, default_year=2001)]


def test_dates_written_in_capitals_are_read():
    assert _spans("GENEVA\n3 OCTOBER 2011") == [(datetime.date(2011, 10, 3), datetime.date(2011, 10, 3), True)]


def test_spanish_and_french_dates_are_read():
    assert _spans("Los días 7 y 8 de abril de 2004, se reunieron") == [
        (datetime.date(2004, 4, 7), datetime.date(2004, 4, 8), True)]
    assert _spans("du 2 au 4 février 2010 à Dakar") == [(datetime.date(2010, 2, 2), datetime.date(2010, 2, 4), True)]
    assert _spans("LIMA, 09 de octubre de 2019.-")[0][0] == datetime.date(2019, 10, 9)


def test_the_modal_verb_may_is_not_a_month():
    assert _spans("Recommendation 3 may be revised.") == []
