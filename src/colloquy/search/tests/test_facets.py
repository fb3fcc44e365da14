"""Facet counts reflect the other active filters, and filters narrow the results."""


def counts(result, name):
    for group in result.facets:
        if group.name == name:
            return {v.value: v.count for v in group.values}
    return {}


def test_facet_counts_match_the_results(archive, run):
    result = run("workers", filters={"kind": ["passage"]}, per_page=50)
    by_year = counts(result, "year")
    assert sum(by_year.values()) == result.total
    for year, n in by_year.items():
        assert sum(1 for h in result.hits if str(h.year) == year) == n


def test_a_facet_keeps_counting_its_own_values_when_one_is_selected(archive, run):
    unfiltered = run("workers", filters={"kind": ["passage"]})
    filtered = run("workers", filters={"kind": ["passage"]}, year_from=2006, year_to=2006)
    # The year facet is counted without the year filter, so every year stays available to pick.
    assert counts(filtered, "year") == counts(unfiltered, "year")
    assert filtered.total == counts(unfiltered, "year")["2006"]
    # Other facets are counted under the year filter.
    assert sum(counts(filtered, "doc_type").values()) == filtered.total
    assert all(h.year == 2006 for h in filtered.hits)


def test_kind_counts_reflect_the_forum_filter(archive, run):
    all_forums = counts(run("workers"), "kind")
    gfmd = run("workers", filters={"forum": ["gfmd"]})
    assert {h.kind for h in gfmd.hits} <= {"good_practice", "commitment", "recommendation", "event", "cycle"}
    assert counts(gfmd, "kind")["good_practice"] == all_forums["good_practice"] == 1
    assert "passage" not in counts(gfmd, "kind")
    assert counts(gfmd, "forum") == counts(run("workers"), "forum")


def test_multiple_values_of_one_facet_are_alternatives(archive, run):
    a = run("workers", filters={"doc_type": ["workshop_report"]}).total
    b = run("workers", filters={"doc_type": ["discussion_note"]}).total
    both = run("workers", filters={"doc_type": ["workshop_report", "discussion_note"]}).total
    assert a and b and both == a + b


def test_outcome_facets_gcm_addressee_and_country(archive, run):
    result = run("recruitment")
    assert counts(result, "addressee") == {"states": 1, "civil_society": 1}
    assert counts(result, "gcm") == {"6": 1}
    assert counts(run("orientation"), "country") == {"PHL": 1, "BEL": 0} or counts(run("orientation"), "country")["PHL"] == 1


def test_followup_status_comes_from_the_outcomes_hook(archive, run, monkeypatch):
    from django.apps import apps

    from colloquy.search.index import index_object

    config = apps.get_app_config("outcomes")
    monkeypatch.setattr(config, "search_followup_status", lambda obj: "in_progress", raising=False)
    monkeypatch.setattr(config, "search_followup_statuses", lambda: [("in_progress", "In progress")], raising=False)
    index_object(archive["recommendation"])
    result = run("abolish", filters={"followup": ["in_progress"]})
    assert [h.object_id for h in result.hits] == [archive["recommendation"].pk]
    group = next(g for g in result.facets if g.name == "followup")
    assert group.values[0].label == "In progress"
