"""Entity resolution across documents: one record per person, organization and country; close matches are
flagged for the reviewer, never merged (invented documents)."""

import io

import pytest
from django.core.management import CommandError, call_command

from colloquy.core.access import SYSTEM
from colloquy.core.errors import DomainError
from colloquy.dialogues.models import Document
from colloquy.directory.models import Organization, Person
from colloquy.ingest.models import MatchType, Proposal, ProposalKind, ProposalStatus, SourceFile
from colloquy.ingest.resolve import government_country
from colloquy.ingest.services import ingest_bytes, proposal_accept

pytestmark = pytest.mark.django_db

REPORT = """Workshop on {topic}

Geneva, {day} May 2019

1. The Workshop on {topic} was held in Geneva on {day} May 2019.

2. The workshop was opened by Ms. {speaker}, Director of Policy at the Migration Research Centre.

3. The workshop was made possible by the financial support of {donor}.
"""


def _ingest(name, **values):
    text = REPORT.format(**{"topic": "Labour Migration", "day": 3, "speaker": "Ingrid Solberg",
                            "donor": "the Government of Norway", **values})
    return ingest_bytes(data=text.encode(), name=name, actor=SYSTEM).document.source_file


def _proposal(source, kind):
    return Proposal.objects.get(source=source, kind=kind)


def test_the_same_person_in_two_documents_becomes_one_record(secretariat):
    first = _ingest("a.txt")
    second = _ingest("b.txt", topic="Diaspora Bonds", day=9)  # ingested before anyone was accepted
    proposal_accept(proposal=_proposal(first, ProposalKind.PERSON), actor=secretariat)
    proposal_accept(proposal=_proposal(second, ProposalKind.PERSON), actor=secretariat)
    assert Person.objects.filter(name="Ingrid Solberg").count() == 1
    assert {p.target for p in Proposal.objects.filter(kind=ProposalKind.PERSON)} == {Person.objects.get()}


def test_a_close_name_added_after_the_proposal_is_flagged_at_review_and_nothing_is_merged(secretariat):
    first = _ingest("a.txt")
    second = _ingest("b.txt", topic="Diaspora Bonds", speaker="Ingrid Solbergh")  # one letter apart
    assert _proposal(second, ProposalKind.PERSON).match == MatchType.NEW  # nobody was known yet
    proposal_accept(proposal=_proposal(first, ProposalKind.PERSON), actor=secretariat)
    later = _proposal(second, ProposalKind.PERSON)
    with pytest.raises(DomainError, match="similar name"):
        proposal_accept(proposal=later, actor=secretariat)
    later.refresh_from_db()
    assert (later.status, later.match) == (ProposalStatus.PROPOSED, MatchType.AMBIGUOUS)
    assert later.candidates[0]["name"] == "Ingrid Solberg"
    assert Person.objects.count() == 1
    proposal_accept(proposal=later, actor=secretariat, data={"create_new": True})  # the reviewer decides
    assert Person.objects.count() == 2


@pytest.mark.parametrize(("name", "code"), [
    ("Government of Norway", "NOR"), ("the Government of the Netherlands", "NLD"), ("Norway", "NOR"),
    ("the Norwegian Government", "NOR"), ("Norwegian Refugee Council", None), ("European Union", None),
    ("Ghana Immigration Service", None),
])
def test_a_government_is_recognised_by_its_country(name, code):
    assert government_country(name) == code


def test_a_donor_government_resolves_to_the_existing_government_record(secretariat, make_government):
    norway = make_government(country="NOR")  # named "Norway" in the directory
    source = _ingest("a.txt")
    donor = _proposal(source, ProposalKind.ORGANIZATION)
    assert donor.data["name"] == "Government of Norway"
    assert (donor.match, donor.candidates[0]["id"]) == (MatchType.EXACT, norway.pk)
    proposal_accept(proposal=donor, actor=secretariat)
    assert Organization.objects.governments().filter(country="NOR").count() == 1


def test_two_documents_funded_by_one_government_create_one_organization(secretariat):
    first, second = _ingest("a.txt"), _ingest("b.txt", topic="Diaspora Bonds", donor="the Norwegian Government")
    for source in (first, second):
        proposal_accept(proposal=_proposal(source, ProposalKind.ORGANIZATION), actor=secretariat)
    assert list(Organization.objects.values_list("country", "category")) == [("NOR", "governments")]


def test_an_unexpected_failure_on_one_file_leaves_nothing_of_it_and_the_next_file_goes_on(tmp_path, monkeypatch):
    from colloquy.ingest import services

    real = services._store

    def store(*, extraction, data, name, actor):
        result = real(extraction=extraction, data=data, name=name, actor=actor)  # everything written, then:
        if name == "a.txt":
            raise RuntimeError("disk on fire")
        return result

    monkeypatch.setattr(services, "_store", store)
    for name, topic in (("a.txt", "Labour Migration"), ("b.txt", "Diaspora Bonds")):
        (tmp_path / name).write_text(REPORT.format(topic=topic, day=3, speaker="Ingrid Solberg", donor="Norway"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    assert "a.txt: not stored, an unexpected error occurred (RuntimeError: disk on fire)" in err.getvalue()
    assert "Summary: 1 ingested, 0 unchanged, 1 failed, of 2 file(s)." in out.getvalue()
    assert list(SourceFile.objects.values_list("name", flat=True)) == ["b.txt"]
    assert list(Document.objects.values_list("title", flat=True)) == ["Workshop on Diaspora Bonds"]
    assert not Proposal.objects.exclude(source__name="b.txt").exists()
