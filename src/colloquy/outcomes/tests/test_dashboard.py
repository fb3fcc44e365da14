"""Dashboard numbers against the hand-computed `world` fixture (conftest.py).

Tracked items: (R1, Ghana) implemented · (R1, Kenya) not started · (R2, Ghana) no report (draft only) ·
(R2, Mexico) no report · (C1, Ghana) in progress. Cells are ordered: not started, in progress,
implemented, not applicable, no report."""

import re

from django.contrib.auth.models import AnonymousUser

from colloquy.outcomes import stats
from colloquy.outcomes.filters import OutcomeFilter
from colloquy.testing import external_assets


def _table(rows):
    return {row.label: (row.cells(), row.total, row.implemented_percent) for row in rows}


def test_totals_count_latest_submitted_status_and_ignore_drafts(world):
    items = stats.tracked_items(AnonymousUser())
    assert stats.totals(items).cells() == [1, 1, 1, 0, 2]


def test_implementation_by_objective(world):
    table = _table(stats.by_objective(stats.tracked_items(AnonymousUser())))
    assert table["1. Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"] == ([1, 0, 1, 0, 0], 2, 50)
    assert [label.split(".")[0] for label in table] == ["1", "6", "10", "23"]
    assert table[next(k for k in table if k.startswith("10."))] == ([0, 0, 0, 0, 2], 2, 0)
    assert table[next(k for k in table if k.startswith("6."))] == ([0, 1, 0, 0, 0], 1, 0)


def test_implementation_by_region_country_and_year(world):
    items = stats.tracked_items(AnonymousUser())
    assert _table(stats.by_region(items)) == {"Africa": ([1, 1, 1, 0, 1], 4, 25), "Americas": ([0, 0, 0, 0, 1], 1, 0)}
    assert _table(stats.by_country(items)) == {"Ghana": ([0, 1, 1, 0, 1], 3, 33), "Kenya": ([1, 0, 0, 0, 0], 1, 0),
                                               "Mexico": ([0, 0, 0, 0, 1], 1, 0)}
    assert _table(stats.by_year(items)) == {"2007": ([1, 0, 1, 0, 0], 2, 50), "2008": ([0, 1, 0, 0, 2], 3, 0)}


def test_filters_narrow_the_numbers(world):
    def total(**params):
        return stats.totals(stats.tracked_items(AnonymousUser(), OutcomeFilter.from_params(params))).cells()

    assert total(year="2007") == [1, 0, 1, 0, 0]
    assert total(country="GHA") == [0, 1, 1, 0, 1]
    assert total(region="Americas") == [0, 0, 0, 0, 1]
    assert total(objective="10") == [0, 0, 0, 0, 2]
    assert total(status="no_report") == [0, 0, 0, 0, 2]
    assert total(forum="idm") == [1, 1, 1, 0, 2]
    assert total(forum="nope") == [0, 0, 0, 0, 0]


def test_bad_filter_values_are_named_and_ignored(world, client):
    response = client.get("/outcomes/", {"year": "twenty", "country": "XXX", "status": "done"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "year: &#x27;twenty&#x27; is not a number" in text
    assert "&#x27;XXX&#x27; is not an ISO 3166-1 alpha-3 code" in text
    assert "status: &#x27;done&#x27; is not one of" in text


def test_dashboard_page_shows_each_chart_with_its_table(world, client):
    html = client.get("/outcomes/").content.decode()
    assert html.count("<svg") == 4 + 0  # four breakdowns; no rounds yet, so no rounds chart
    for key in ("objective", "region", "country", "year"):
        assert f'id="table-{key}"' in html
    africa = re.search(r'<th scope="row">Africa</th>((?:<td>[^<]*</td>)+)', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", africa) == ["1", "1", "1", "0", "1", "4", "25%"]
    assert external_assets(html) == []


def test_round_response_rates_appear_on_the_dashboard(world, secretariat, ghana, kenya, client):
    import datetime

    from django.utils import timezone

    from colloquy.outcomes.services import recommendation_report_progress, round_launch

    followup_round = round_launch(title="2026 follow-up", recommendations=[world.r1], organizations=[ghana, kenya],
                                  deadline=timezone.localdate() + datetime.timedelta(days=30), actor=secretariat,
                                  notify=False)
    recommendation_report_progress(recommendation=world.r1, organization=ghana, status="implemented", actor=secretariat)
    html = client.get("/outcomes/").content.decode()
    row = re.search(rf'<a href="/outcomes/rounds/{followup_round.pk}/">2026 follow-up</a></th>((?:<td>[^<]*</td>)+)', html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row)[1:] == ["2", "1", "0", "50%"]


def test_chart_legends_wrap_inside_the_chart_instead_of_running_off_its_edge():
    from collections import Counter

    from colloquy.outcomes import charts

    series = [(f"s{i}", f"A fairly long legend label number {i}", "#000000") for i in range(5)]
    svg = charts.stacked_bars([stats.Row(key=1, label="2008", counts=Counter(s0=1, s4=2))], title="t", series=series)
    width = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    for x, label in re.findall(r'<text x="([\d.]+)" y="[\d.]+" font-size="11">([^<]*)</text>', svg):
        assert float(x) + 7 * len(label) <= width, label
    assert len(set(re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="12"', svg))) > 1  # more than one legend line
