import json

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from colloquy.dialogues.models import Document
from colloquy.ingest.pipeline import extract_bytes, schema
from colloquy.ingest.render import text_to_docx, text_to_pdf
from colloquy.ingest.tests.conftest import FIXTURES


def run(*args) -> str:
    import io

    out = io.StringIO()
    call_command("extract", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_extract_json_validates_against_the_schema_and_writes_nothing():
    before = Document.objects.count()
    data = json.loads(run(str(FIXTURES / "note-synthetic.txt"), "--json"))
    jsonschema.validate(data, schema())
    assert data["schema"] == "colloquy.extract/1"
    assert data["document"]["symbol"] == "XC/2019/4"
    assert Document.objects.count() == before


def test_the_shipped_schema_is_the_shared_contract():
    from colloquy.ingest.pipeline import shared_dir

    shared = shared_dir() / "schema" / "extract.schema.json"
    if not shared.exists():
        pytest.skip("../shared is not available")
    assert json.loads(shared.read_text()) == schema()


def test_extract_text_prints_the_text_the_offsets_refer_to():
    text = run(str(FIXTURES / "note-synthetic.txt"), "--text")
    data = extract_bytes((FIXTURES / "note-synthetic.txt").read_bytes(), "note-synthetic.txt").data
    event = data["events"][0]
    assert "Young Migrants and Decent Work" in text.rstrip("\n")[event["evidence"]["start"]:event["evidence"]["end"]]
    assert "Similar documents" not in text


def test_extract_refuses_an_unreadable_file_naming_it(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(CommandError, match=r"junk\.txt: the file is binary data"):
        run(str(junk))
    with pytest.raises(CommandError, match="no such file"):
        run(str(tmp_path / "missing.pdf"))


def test_synthetic_note_facts_are_extracted():
    data = extract_bytes((FIXTURES / "note-synthetic.txt").read_bytes(), "n.txt").data
    events = {e["title"]: e for e in data["events"]}
    held = events["Young Migrants and Decent Work"]
    assert (held["start"], held["end"], held["city"], held["status"]) == ("2019-03-25", "2019-03-26", "Vienna", "held")
    assert held["participants"] == {"total": 200, "by_category": {"governments": 71, "international_organizations": 22, "ngos": 8},
                                    "qualifier": "over"}
    assert events["Digital Tools for Migrant Protection"]["status"] == "planned"
    assert events["Digital Tools for Migrant Protection"]["start"] == "2019-06-18"  # year from context
    assert events["Briefing on return and reintegration"]["status"] == "cancelled"
    assert events["Expert seminar on remittances and climate risk"]["status"] == "proposed"
    themes = {(t["title"], t["year"], t["status"]) for t in data["themes"]}
    assert ("Migration and Public Health", 2020, "proposed") in themes
    assert ("Youth and Mobility in a Connected World", 2019, "selected") in themes
    assert data["good_practices"][0]["country"] == "TZA"
    people = {p["name"]: p for p in data["people"]}
    assert people["Tijani Mohammed"]["country"] == "GHA"
    assert "Carla Jordan" in people and "JOR" not in data["countries"]
    assert data["donors"] == [{"name": "Government of Norway", "country": "NOR", "evidence": data["donors"][0]["evidence"]}]


def test_programme_sessions_and_grouped_recommendations_are_extracted():
    data = extract_bytes((FIXTURES / "report-synthetic.txt").read_bytes(), "r.txt").data
    session = next(s for s in data["sessions"] if s["title"].startswith("Session 1"))
    assert (session["start_time"], session["end_time"], session["chair"]) == ("10:00", "11:30", "Rosa Delgado")
    assert session["speakers"] == [{"name": "Kenji Sato", "organization": "Asia Employers Network"}]
    assert session["date"] == "2018-11-12"
    recs = {r["text"]: r for r in data["recommendations"]}
    fees = recs["States should ensure that recruitment fees are never charged to workers."]
    assert (fees["addressee"], fees["category"]) == ("states", "State responsibility")
    assert recs["International organizations should support national skills recognition frameworks."]["addressee"] == "international_organizations"
    assert [k["title"] for k in data["key_messages"]] == ["Skills recognition benefits countries of origin and destination alike."]
    assert {"GEO", "ARM", "JOR", "PHL", "NLD", "GBR", "USA"} <= set(data["countries"])
    assert "TCD" not in data["countries"]


def test_compound_document_is_split_into_children():
    data = extract_bytes((FIXTURES / "series-synthetic.txt").read_bytes(), "s.txt").data
    assert data["document"]["doc_type"] == "series_report"
    assert [c["title"] for c in data["children"]] == ["Diaspora Bonds", "Migrant Health", "Cities and Integration"]
    assert [e["start"] for e in data["events"]] == ["2010-04-14", "2010-06-09", "2011-03-02"]


@pytest.mark.slow
def test_pdf_and_docx_renderings_give_the_same_facts_as_text():
    text = (FIXTURES / "note-synthetic.txt").read_text()
    reference = extract_bytes(text.encode(), "n.txt").data
    for data, name in ((text_to_pdf(text), "n.pdf"), (text_to_docx(text), "n.docx")):
        got = extract_bytes(data, name).data
        assert got["source"]["format"] == name.rsplit(".", 1)[1]
        assert [e["title"] for e in got["events"]] == [e["title"] for e in reference["events"]]
        assert got["countries"] == reference["countries"]


@pytest.mark.parametrize("name", ["note-synthetic.txt", "report-synthetic.txt", "series-synthetic.txt"])
def test_evidence_offsets_point_at_the_passage_of_each_item(name):
    result = extract_bytes((FIXTURES / name).read_bytes(), name)
    text = result.norm.text
    for field, key in (("key_messages", "title"), ("recommendations", "text"), ("good_practices", "text")):
        for item in result.data[field]:
            passage = text[item["evidence"]["start"]:item["evidence"]["end"]]
            assert item[key] in passage, (field, item[key], passage)
    for event in result.data["events"]:
        passage = text[event["evidence"]["start"]:event["evidence"]["end"]]
        assert event["title"].split()[0].lower() in passage.lower()


def test_extract_on_a_folder_says_it_takes_one_file(tmp_path):
    with pytest.raises(CommandError, match="is a folder; extract reads one file"):
        run(str(tmp_path), "--json")


def test_a_rule_that_trips_on_unforeseen_text_is_reported_as_an_ingest_error_naming_the_file():
    from colloquy.ingest.errors import IngestError
    from colloquy.ingest.extraction.base import Extractor

    class Broken(Extractor):
        def extract(self, norm):
            raise IndexError("list index out of range")

    with pytest.raises(IngestError, match=r"^odd\.txt: the extractor failed on this document \(IndexError\)"):
        extract_bytes(b"A workshop was held in Geneva on 3 May 2019.", "odd.txt", extractor=Broken())
