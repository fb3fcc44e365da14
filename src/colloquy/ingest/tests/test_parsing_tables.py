import datetime

import pytest

from colloquy.ingest.extraction.dates import find_dates, parse_time_row
from colloquy.ingest.extraction.participation import participants_in

D = datetime.date


@pytest.mark.parametrize(("text", "first", "last"), [
    ("held on 25 and 26 March 2009.", D(2009, 3, 25), D(2009, 3, 26)),
    ("will be held on 18-19 June (after the note)", D(2007, 6, 18), D(2007, 6, 19)),
    ("scheduled for 8-9 October 2007", D(2007, 10, 8), D(2007, 10, 9)),
    ("met on 18 19 July 2017 in Rome", D(2017, 7, 18), D(2017, 7, 19)),
    ("Tuesday, 27 June 2006", D(2006, 6, 27), D(2006, 6, 27)),
    ("from 30 November - 1 December 2006", D(2006, 11, 30), D(2006, 12, 1)),
    ("June 18-19, 2007", D(2007, 6, 18), D(2007, 6, 19)),
    ("In 2008 the seminar on 6 July discussed", D(2008, 7, 6), D(2008, 7, 6)),
    ("in Accra from 12 to 14 November 2024.", D(2024, 11, 12), D(2024, 11, 14)),
    ("between 4 and 6 March 2015", D(2015, 3, 4), D(2015, 3, 6)),
    ("on 9th-11th May 2018", D(2018, 5, 9), D(2018, 5, 11)),
    ("12–14 Nov. 2019", D(2019, 11, 12), D(2019, 11, 14)),
    ("October 30 - November 2, 2017", D(2017, 10, 30), D(2017, 11, 2)),
    ("on the 3rd of May 2019", D(2019, 5, 3), D(2019, 5, 3)),
    ("dated 2019-05-03", D(2019, 5, 3), D(2019, 5, 3)),
])
def test_dates_in_every_written_form(text, first, last):
    spans = find_dates(text, default_year=2007)
    assert (spans[0].first, spans[0].last) == (first, last)


def test_a_date_without_any_year_in_context_is_skipped():
    assert find_dates("on 6 July", default_year=None) == []


def test_impossible_dates_are_ignored():
    assert find_dates("on 31 February 2007") == []
    assert find_dates("reference 2019-13-40") == []


def test_a_date_written_with_slashes_is_left_out_because_day_and_month_are_ambiguous():
    assert find_dates("on 3/5/2019") == []


@pytest.mark.parametrize(("line", "expected"), [
    ("9 - 9:30 a.m.\tRegistration", ("09:00", "09:30")),
    ("12:15 - 1 p.m.\tSession 2", ("12:15", "13:00")),
    ("11:50 - 12:15 p.m.\tDiscussion", ("11:50", "12:15")),
    ("3:00 – 4:15 p.m.\tSession 2", ("15:00", "16:15")),
    ("10:30-11:30", ("10:30", "11:30")),
    ("1:00-3:00", ("13:00", "15:00")),
    ("10:00 am\tOPENING REMARKS", ("10:00", None)),
    ("2006 - 2008 were years", None),
])
def test_programme_time_rows(line, expected):
    found = parse_time_row(line)
    assert (found[:2] if found else None) == expected


@pytest.mark.parametrize(("sentence", "total", "by_category"), [
    ("It brought together more than 200 participants representing 71 governments, 22 international organizations, "
     "8 non-governmental organizations, the private sector, academia and the media.",
     200, {"governments": 71, "international_organizations": 22, "ngos": 8}),
    ("The meeting was attended by over 30 participants.", 30, {}),
    ("It brought together 25 experts from both communities.", 25, {}),
    # "from N countries" says where people came from, not how many governments took part (eval/README.md's truth
    # convention, which the shared scorer's truths follow): no count by category
    ("Some thirty participants from 12 countries attended.", 30, {}),
    ("The report was published in 2007.", None, {}),
    ("It brought together 1,200 participants from 90 countries.", 1200, {}),
    ("Thirty participants attended, from ten countries.", 30, {}),
    ("Thirty participants attended, representing ten countries.", 30, {"governments": 10}),
    ("Over 150 delegates from 45 Member States, 12 UN agencies and 20 civil society organizations attended.",
     150, {"governments": 45, "international_organizations": 12, "ngos": 20}),
    ("Some 80 experts, representing 30 governments, 6 trade unions and 4 diaspora organizations, took part.",
     80, {"governments": 30, "trade_unions": 6, "diaspora_migrant_organizations": 4}),
])
def test_participant_counts(sentence, total, by_category):
    assert participants_in(sentence) == (total, by_category)
