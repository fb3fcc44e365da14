"""The yearly donor report (CSV, PDF, page) and the thank-you paragraph in English, French and Spanish."""

import csv
import io

import pytest

from colloquy.funding.report import report_csv, report_pdf, thank_you_paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def donors(make_pledge, workshop, make_organization):
    switzerland = make_organization(name="Switzerland")
    australia = make_organization(name="Australia")
    make_pledge(event=workshop, amount="6000", status="confirmed", donor=switzerland)
    make_pledge(cycle=workshop.cycle, amount="2000", status="received", donor=australia, budget_line="other",
                purpose="=cmd|' /C calc'!A0")
    make_pledge(event=workshop, amount="50", donor=make_organization(name="Turkey"))  # only pledged
    return switzerland, australia


def test_the_thank_you_paragraph_names_the_donors_in_three_languages(donors, workshop):
    assert thank_you_paragraph(event=workshop, language="en") == (
        "The secretariat thanks Switzerland for its generous financial support of “Workshop on labour mobility”.")
    year = thank_you_paragraph(year=2027, language="en")
    assert year == "The secretariat thanks Australia and Switzerland for their generous financial support of its work in 2027."
    assert thank_you_paragraph(year=2027, language="fr") == (
        "Le secrétariat remercie Australia et Switzerland de leur généreux soutien financier à ses travaux en 2027.")
    assert thank_you_paragraph(event=workshop, language="es") == (
        "La secretaría agradece a Switzerland su generoso apoyo financiero a «Workshop on labour mobility».")
    assert thank_you_paragraph(cycle=workshop.cycle, language="fr") == (
        "Le secrétariat remercie Australia et Switzerland de leur généreux soutien financier au cycle 2027 de "
        "International Dialogue on Migration.")


def test_a_donor_only_pledged_is_not_thanked_yet(donors):
    assert "Turkey" not in thank_you_paragraph(year=2027, language="en")


def test_nothing_to_thank_gives_an_empty_paragraph():
    assert thank_you_paragraph(year=1999, language="en") == ""


def test_the_csv_lists_the_years_pledges_and_neutralises_formulas(secretariat, donors):
    rows = list(csv.DictReader(io.StringIO(report_csv(2027, secretariat))))
    assert [(r["donor"], r["amount"], r["currency"]) for r in rows] == [
        ("Australia", "2000.00", "CHF"), ("Switzerland", "6000.00", "CHF"), ("Turkey", "50.00", "CHF")]
    assert rows[0]["purpose"].startswith("'=")


def test_the_pdf_is_a_pdf(secretariat, donors):
    assert report_pdf(2027, secretariat).startswith(b"%PDF")


def test_the_report_page_shows_totals_and_the_thanks(client, secretariat, donors):
    client.force_login(secretariat)
    page = client.get("/funding/report/2027/").content.decode()
    assert "6000.00 CHF" in page and "Australia and Switzerland" in page
    response = client.get("/funding/report/2027.pdf")
    assert response["Content-Type"] == "application/pdf"
