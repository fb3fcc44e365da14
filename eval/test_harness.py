"""The real-document truths are valid for the shared scorer, and the harness scores documents field by field."""

import csv
import hashlib
import json
import re
from pathlib import Path

import harness
import pytest

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO3 = re.compile(r"^[A-Z]{3}$")
TOP_KEYS = {"file", "notes", "document", "events", "themes", "key_messages", "good_practices", "people", "sessions",
            "donors", "countries"}
REQUIRED = TOP_KEYS - {"file", "notes", "sessions"}
DOCUMENT_KEYS = {"symbol", "date", "doc_type", "place", "title_contains"}
SCHEMA = json.loads((harness.ROOT / "src" / "colloquy" / "ingest" / "extract.schema.json").read_text("utf-8"))
EVENT_SCHEMA = SCHEMA["properties"]["events"]["items"]["properties"]
KINDS = set(EVENT_SCHEMA["kind"]["enum"])
STATUSES = set(EVENT_SCHEMA["status"]["enum"])
DOC_TYPES = set(SCHEMA["properties"]["document"]["properties"]["doc_type"]["enum"])
THEME_STATUSES = set(SCHEMA["properties"]["themes"]["items"]["properties"]["status"]["enum"])
TRUTH_FILES = sorted(harness.TRUTH_DIR.glob("*/*.json"))


@pytest.fixture(scope="module")
def shared():
    path = harness.shared_dir()
    if path is None:
        pytest.skip("../shared (with eval/score.py) is not available")
    return path


def test_the_truth_folders_hold_the_three_parts():
    counts = {part: len(list((harness.TRUTH_DIR / part).glob("*.json"))) for part in harness.PARTS}
    assert counts["corpus"] >= 3
    assert counts["dev"] >= 24
    assert counts["dev2"] >= 6
    assert counts["heldout"] >= 8


MANIFESTS = {"heldout": harness.HELDOUT_MANIFEST, "dev2": harness.DEV2_MANIFEST}


def _texts(shared, part):
    """The held-out and dev2 texts are kept out of the project (and out of ../shared as it is handed out): skip
    without them."""
    folder = shared / harness.SOURCE_DIRS[part]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available (those texts are kept apart; {MANIFESTS[part].name} names them)")
    return folder


def _manifest(part="heldout"):
    with MANIFESTS[part].open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("part", sorted(MANIFESTS))
def test_every_heldout_and_dev2_truth_is_listed_in_its_manifest_with_a_source_and_a_checksum(part):
    rows = {row["slug"]: row for row in _manifest(part)}
    names = {p.stem for p in (harness.TRUTH_DIR / part).glob("*.json")}
    assert names == set(rows)
    for row in rows.values():
        assert row["source_url"].startswith("http") and re.fullmatch(r"[0-9a-f]{64}", row["sha256"])
        assert row["language"] in {"en", "fr", "es"}


@pytest.mark.corpus
@pytest.mark.parametrize("part", sorted(MANIFESTS))
def test_the_heldout_and_dev2_texts_are_the_ones_the_manifest_names(shared, part):
    folder = _texts(shared, part)
    present = [row for row in _manifest(part) if (folder / f"{row['slug']}.txt").is_file()]
    assert present, f"{folder} holds none of the manifest's texts"
    for row in present:
        text = (folder / f"{row['slug']}.txt").read_bytes()
        assert hashlib.sha256(text).hexdigest() == row["sha256"], row["slug"]
        assert len(text.decode("utf-8")) == int(row["chars"])


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_truth_file_has_only_keys_and_values_the_scorer_knows(path):
    truth = json.loads(path.read_text("utf-8"))
    assert REQUIRED <= set(truth) <= TOP_KEYS, set(truth) ^ TOP_KEYS
    assert truth["file"] == f"{path.stem}.txt"
    document = truth["document"]
    assert set(document) <= DOCUMENT_KEYS
    assert "date" not in document or DATE.match(document["date"])
    assert "doc_type" not in document or document["doc_type"] in DOC_TYPES
    for event in truth["events"]:
        assert set(event) == {"title", "kind", "start", "end", "city", "status", "participants"}, event
        assert event["title"] and event["kind"] in KINDS and event["status"] in STATUSES
        assert DATE.match(event["start"]) and DATE.match(event["end"]) and event["start"] <= event["end"]
        assert set(event["participants"]) == {"total", "by_category"}
        assert event["participants"]["total"] is None or isinstance(event["participants"]["total"], int)
        assert all(isinstance(n, int) for n in event["participants"]["by_category"].values())
    for theme in truth["themes"]:
        assert set(theme) == {"title", "year", "status"} and theme["status"] in THEME_STATUSES
    for message in truth["key_messages"]:
        assert set(message) == {"any"} and message["any"] and all(len(a.split()) <= 6 for a in message["any"])
    for person in truth["people"]:
        assert set(person) <= {"name", "country"} and person["name"]
        assert "country" not in person or ISO3.match(person["country"])
    for session in truth.get("sessions") or []:
        assert {"title", "start_time", "end_time"} <= set(session) <= {"title", "start_time", "end_time", "date"}
        assert re.match(r"^\d{2}:\d{2}$", session["start_time"])
        assert session["end_time"] is None or re.match(r"^\d{2}:\d{2}$", session["end_time"])
    for code in [*truth["good_practices"], *truth["donors"], *truth["countries"]]:
        assert ISO3.match(code), code


@pytest.mark.corpus
@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_truth_file_loads_in_the_shared_scorer_and_names_an_existing_source(path, shared):
    scorer = harness.load_scorer(shared)
    part, truth = path.parent.name, json.loads(path.read_text("utf-8"))
    if part in MANIFESTS and not (_texts(shared, part) / truth["file"]).is_file():
        pytest.skip(f"{part} text {truth['file']} is not in this copy of ../shared/{harness.SOURCE_DIRS[part]}")
    assert harness.source_path(shared, part, truth).is_file()
    lines = (shared / "reference" / "stakeholder-categories.csv").read_text("utf-8").splitlines()
    categories = {row["key"] for row in csv.DictReader(lines)}
    for event in truth["events"]:
        assert set(event["participants"]["by_category"]) <= categories
    # The truth checks at least one component, and a prediction stating exactly the truth gets 1.00 on each;
    # an empty prediction gets 0.00 on each (so every component really is checked).
    perfect = harness.score(scorer, harness.prediction_from_truth(truth), truth)
    empty = harness.score(scorer, {}, truth)
    components = set(perfect) - {"overall"}
    assert components and components <= set(harness.FIELDS)
    assert perfect == dict.fromkeys(perfect, 1.0)
    assert set(empty) == set(perfect) and all(value == 0.0 for value in empty.values())


@pytest.mark.corpus
def test_harness_scores_a_dev_document_field_by_field_with_the_extractor(shared):
    name = "budapest-process-2013-istanbul-ministerial-conference"
    [row] = harness.run(["dev"], ["txt"], shared=shared, only={name})
    assert row.error is None
    assert set(row.scores) == {"overall", "document", "events", "people", "countries"}
    assert all(0.0 <= v <= 1.0 for v in row.scores.values())
    fields = [v for k, v in row.scores.items() if k != "overall"]
    assert row.overall == pytest.approx(round(sum(fields) / len(fields), 2), abs=0.005)
    text = harness.table([row])
    assert name in text and "mean (1 documents)" in text and "events" in text


def test_the_heldout_part_needs_an_explicit_flag(capsys):
    with pytest.raises(SystemExit):
        harness.main(["--parts", "dev,heldout"])
    assert "--include-heldout" in capsys.readouterr().err


def test_harness_says_it_skips_without_shared(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("COLLOQUY_SHARED", str(tmp_path / "nowhere"))
    assert harness.main([]) == 0
    assert "skipped" in capsys.readouterr().out
    assert not Path(tmp_path / "nowhere").exists()
