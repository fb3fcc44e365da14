"""The demo record: its discussion note, and the round trip of its workshop's summary through `colloquy extract`."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from colloquy.ballots.models import Proposal
from colloquy.core.access import SYSTEM
from colloquy.demo.loader import load_demo
from colloquy.dialogues.models import Event
from colloquy.drafting import services
from colloquy.drafting.models import DraftKind
from colloquy.drafting.roundtrip import summary_truth

SCORE = Path(__file__).resolve().parents[5] / "shared" / "eval" / "score.py"
DEMO_WORKSHOP = "Key Migration Issues: Labour Migration (with ILO)"
UPCOMING = "Demonstration workshop: migration data for policy"


@pytest.fixture
def demo(db, media):
    load_demo()


def test_discussion_note_of_the_demo_cycle_holds_its_proposals_and_events(demo):
    cycle = Event.objects.get(title=UPCOMING).cycle
    body = services.draft_generate(kind=DraftKind.DISCUSSION_NOTE, cycle=cycle, language="en", actor=SYSTEM).body
    proposals = list(Proposal.objects.filter(consultation__cycle=cycle))
    assert len(proposals) == 3
    for proposal in proposals:
        assert f"## {proposal.title}" in body and proposal.rationale in body
    assert f"- {UPCOMING} (workshop), 16 March {cycle.year} to 17 March {cycle.year}, Geneva" in body
    assert "Ballot “Demonstration record: overarching theme of IDM" in body


def test_discussion_note_of_the_demo_workshop_year_holds_its_events_and_follow_up(demo):
    cycle = Event.objects.get(title=DEMO_WORKSHOP).cycle
    body = services.draft_generate(kind=DraftKind.DISCUSSION_NOTE, cycle=cycle, language="en", actor=SYSTEM).body
    held = cycle.events.published().filter(status="held")
    assert held.count() >= 2
    for event in held:
        assert f"## {event.title}" in body
    assert "Labour mobility arrangements work best" in body
    assert "response rate of" in body and "GCM objective 5." in body


@pytest.mark.skipif(not SCORE.exists(), reason="../shared/eval/score.py is absent")
def test_extract_reads_back_the_generated_summary_of_the_demo_workshop(demo, tmp_path):
    event = Event.objects.get(title=DEMO_WORKSHOP)
    draft = services.draft_generate(kind=DraftKind.SUMMARY, event=event, language="en", actor=SYSTEM)
    data, name, _type = services.draft_file(draft, "docx")
    document = tmp_path / name
    document.write_bytes(data)
    out = io.StringIO()
    call_command("extract", str(document), "--json", stdout=out)
    predicted, truth = tmp_path / "predicted.json", tmp_path / "truth.json"
    predicted.write_text(out.getvalue())
    truth.write_text(json.dumps(summary_truth(event)))
    scored = subprocess.run([sys.executable, str(SCORE), str(predicted), str(truth)], capture_output=True, text=True,
                            check=True).stdout
    print(scored)  # the numbers docs/drafting.md quotes (pytest -s)
    overall = float(scored.strip().splitlines()[-1].split("=")[1])
    assert overall >= 0.95, scored
