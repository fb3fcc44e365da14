import io

import pytest
from django.core.management import CommandError, call_command

from colloquy.core.access import SYSTEM
from colloquy.core.errors import PermissionDenied
from colloquy.dialogues.models import Document
from colloquy.ingest.models import MatchType, Proposal, ProposalKind, SourceFile
from colloquy.ingest.services import ingest_bytes
from colloquy.ingest.tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_ingest_stores_document_and_proposals_as_drafts(fixture_bytes):
    result = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM)
    assert result.created
    doc = result.document
    assert (doc.symbol, doc.status, doc.access) == ("XC/2019/4", "draft", "restricted")
    kinds = set(Proposal.objects.filter(source=doc.source_file).values_list("kind", flat=True))
    assert {"event", "theme", "person", "good_practice", "organization"} <= kinds
    event = Proposal.objects.get(source=doc.source_file, kind=ProposalKind.EVENT, data__title="Young Migrants and Decent Work")
    assert doc.text[event.start:event.end] == (
        'A first intersessional workshop on "Young Migrants and Decent Work" took place in Vienna on 25 and 26 March 2019.')
    assert event.label == "para. 3"


def test_same_bytes_twice_create_nothing_new(fixture_bytes):
    first = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM)
    counts = (Document.objects.count(), Proposal.objects.count())
    again = ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="renamed.txt", actor=SYSTEM)
    assert not again.created and again.document == first.document
    assert (Document.objects.count(), Proposal.objects.count()) == counts


def test_a_failure_while_storing_leaves_no_partial_records(fixture_bytes, monkeypatch):
    from colloquy.ingest import matching

    real = matching.resolve_person

    def explode(name, organization=None):
        if name == "Carla Jordan":
            raise RuntimeError("disk on fire")
        return real(name, organization=organization)

    monkeypatch.setattr(matching, "resolve_person", explode)
    with pytest.raises(RuntimeError):
        ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM)
    assert (Document.objects.count(), SourceFile.objects.count(), Proposal.objects.count()) == (0, 0, 0)


def test_compound_document_gets_child_documents_with_rebased_offsets(fixture_bytes):
    result = ingest_bytes(data=fixture_bytes("series-synthetic.txt"), name="series.txt", actor=SYSTEM)
    children = list(result.document.children.order_by("pk"))
    assert [c.title for c in children] == ["Diaspora Bonds", "Migrant Health", "Cities and Integration"]
    practice = Proposal.objects.get(kind=ProposalKind.GOOD_PRACTICE)
    assert practice.document == children[2]
    assert practice.document.text[practice.start:practice.end].startswith("In Sweden, local integration councils")
    assert practice.event_proposal.data["title"] == "Cities and Integration"


def test_known_people_resolve_and_near_matches_are_flagged(fixture_bytes, make_person):
    make_person(name="Carla Jordan")
    make_person(name="Tijani Mohamed")
    ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=SYSTEM)
    exact = Proposal.objects.get(kind=ProposalKind.PERSON, data__name="Carla Jordan")
    fuzzy = Proposal.objects.get(kind=ProposalKind.PERSON, data__name="Tijani Mohammed")
    assert exact.match == MatchType.EXACT
    assert fuzzy.match == MatchType.AMBIGUOUS
    assert fuzzy.candidates[0]["name"] == "Tijani Mohamed"


def test_only_secretariat_can_ingest(fixture_bytes, focal_point):
    with pytest.raises(PermissionDenied):
        ingest_bytes(data=fixture_bytes("note-synthetic.txt"), name="note.txt", actor=focal_point)


def test_ingest_command_takes_folders_goes_on_after_a_bad_file_and_exits_non_zero(tmp_path):
    (tmp_path / "good.txt").write_bytes((FIXTURES / "report-synthetic.txt").read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.md").write_bytes(b"")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 file"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    assert "good.txt: stored as document" in out.getvalue()
    assert "Summary: 1 ingested, 0 unchanged, 2 failed, of 3 file(s)." in out.getvalue()
    assert "bad.txt: the file is binary data" in err.getvalue()
    assert "empty.md: the file is empty" in err.getvalue()
    out = io.StringIO()
    call_command("ingest", str(tmp_path / "good.txt"), stdout=out, stderr=io.StringIO())
    assert "already ingested" in out.getvalue()
    assert SourceFile.objects.count() == 1


def test_ingest_command_as_a_non_secretariat_user_names_the_file_and_stores_nothing(focal_point):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(FIXTURES / "note-synthetic.txt"), "--as", focal_point.username,
                     stdout=io.StringIO(), stderr=err)
    assert "note-synthetic.txt: Only secretariat staff" in err.getvalue()
    assert not SourceFile.objects.exists()
