"""Facts from the three real corpus documents (skipped when ../shared is absent). No corpus text is copied here."""

import pytest

from colloquy.ingest.pipeline import extract_bytes

pytestmark = pytest.mark.corpus


def extract(corpus_dir, name):
    return extract_bytes((corpus_dir / name).read_bytes(), name).data


def test_discussion_note_metadata_events_and_themes(corpus_dir):
    data = extract(corpus_dir, "idm-2007-discussion-note-IC-2007-7.txt")
    assert data["document"] == {"title": "International Dialogue on Migration 2007", "symbol": "IC/2007/7",
                                "date": "2007-06-12", "place": "Geneva", "doc_type": "discussion_note",
                                "forum": "International Dialogue on Migration", "year": 2007}
    events = {(e["title"], e["kind"]): e for e in data["events"]}
    seminar = events[("Migration and the Environment", "seminar")]
    assert (seminar["start"], seminar["end"], seminar["city"], seminar["status"]) == ("2007-02-22", "2007-02-23", "Bangkok", "held")
    assert seminar["participants"]["total"] == 25
    assert events[("Migration and the Environment", "workshop")]["status"] == "cancelled"
    assert events[("Free Movement of Persons in Regional Integration Processes", "workshop")]["start"] == "2007-06-18"
    proposed = {t["title"] for t in data["themes"] if t["status"] == "proposed" and t["year"] == 2008}
    assert proposed == {"Mainstreaming Gender into Migration Management", "Return Migration: Challenges and Opportunities"}
    assert data["donors"][0]["country"] == "CHE"


def test_workshop_report_recommendations_are_grouped_by_category(corpus_dir):
    data = extract(corpus_dir, "indigenous-peoples-migration-workshop-2006.txt")
    assert data["document"]["doc_type"] == "workshop_report"
    categories = {r["category"] for r in data["recommendations"]}
    assert {"State responsibility", "Information sharing"} <= categories
    assert all(r["addressee"] == "states" for r in data["recommendations"] if r["category"] == "State responsibility")
    assert data["events"][0]["participants"]["total"] == 30 or any(e["participants"]["total"] == 30 for e in data["events"])
    assert set(data["countries"]) == {"COL", "GTM", "MEX"}


@pytest.mark.slow
def test_series_report_is_split_into_its_workshop_reports_and_programmes(corpus_dir):
    data = extract(corpus_dir, "unitar-migration-development-series-2006-2008.txt")
    assert data["document"]["doc_type"] == "series_report"
    reports = [c for c in data["children"] if c["doc_type"] == "workshop_report"]
    programmes = [c for c in data["children"] if c["doc_type"] == "programme"]
    assert len(reports) >= 12 and len(programmes) >= 8
    starts = {e["start"] for e in data["events"]}
    assert {"2006-03-15", "2006-05-26", "2007-10-01", "2008-12-10"} <= starts
    assert "LIE" in {d["country"] for d in data["donors"]}
    assert len(data["sessions"]) > 100
