"""The outcomes app feeds the search index: follow-up status facet and freshness after a report."""

from colloquy.outcomes.models import Recommendation
from colloquy.outcomes.services.records import recommendation_address
from colloquy.outcomes.services.reports import recommendation_report_progress


def facet_values(client, q, facet):
    data = client.get("/api/search", {"q": q}).json()
    values = next((f["values"] for f in data["facets"] if f["name"] == facet), [])
    return {v["value"]: v["count"] for v in values}


def test_follow_up_status_facet_follows_submitted_reports(client, secretariat, focal_point, ghana, make_event):
    rec = Recommendation.objects.create(event=make_event(), text="Establish one-stop centres for returning migrants")
    recommendation_address(recommendation=rec, organizations=[ghana], actor=secretariat)
    assert facet_values(client, "one-stop centres", "followup") == {"no_report": 1}
    recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress", actor=focal_point)
    assert facet_values(client, "one-stop centres", "followup") == {"in_progress": 1}
    filtered = client.get("/api/search", {"q": "one-stop centres", "followup": "implemented"}).json()
    assert filtered["total"] == 0
