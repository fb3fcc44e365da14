import decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from colloquy.audit.models import AuditEntry
from colloquy.core.errors import DomainError, PermissionDenied
from colloquy.outcomes.models import ProgressReport, ReportState
from colloquy.outcomes.services import (
    commitment_report_progress,
    recommendation_report_progress,
    report_discard,
    report_submit,
)


def test_focal_point_files_a_report_on_a_recommendation_addressed_to_their_organization(focal_point, ghana, make_recommendation):
    rec = make_recommendation(addressed=[ghana])
    report = recommendation_report_progress(recommendation=rec, organization=ghana, status="in_progress",
                                            narrative="A data unit was set up.", indicator_label="Staff trained",
                                            indicator_value="12", evidence_links=["https://example.org/plan"],
                                            actor=focal_point)
    assert report.state == ReportState.SUBMITTED
    assert report.version == 1
    assert report.indicator_value == decimal.Decimal("12.00")
    assert [e.url for e in report.evidence.all()] == ["https://example.org/plan"]
    actions = list(AuditEntry.objects.for_object(report).order_by("id").values_list("action", flat=True))
    assert actions == ["progressreport.draft", "progressreport.submit"]


def test_focal_point_cannot_report_for_another_organization(focal_point, kenya, make_recommendation):
    rec = make_recommendation(addressed=[kenya])
    with pytest.raises(PermissionDenied, match="your own organization"):
        recommendation_report_progress(recommendation=rec, organization=kenya, status="implemented", actor=focal_point)
    assert not ProgressReport.objects.exists()


def test_focal_point_cannot_report_on_a_recommendation_not_addressed_to_them(focal_point, ghana, kenya, make_recommendation):
    rec = make_recommendation(addressed=[kenya])
    with pytest.raises(PermissionDenied, match="not addressed to Ghana"):
        recommendation_report_progress(recommendation=rec, organization=ghana, status="implemented", actor=focal_point)


def test_outsider_and_anonymous_cannot_report_on_a_commitment(outsider, ghana, make_commitment):
    from django.contrib.auth.models import AnonymousUser

    commitment = make_commitment(ghana)
    for actor in (outsider, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            commitment_report_progress(commitment=commitment, status="in_progress", actor=actor)


def test_secretariat_may_file_on_behalf_of_a_member(secretariat, ghana, make_recommendation):
    rec = make_recommendation(addressed=[ghana])
    report = recommendation_report_progress(recommendation=rec, organization=ghana, status="implemented", actor=secretariat)
    assert report.submitted_by == secretariat


def test_each_filing_is_a_new_version_and_earlier_ones_are_kept(focal_point, ghana, make_commitment):
    commitment = make_commitment(ghana)
    first = commitment_report_progress(commitment=commitment, status="not_started", narrative="Planning.", actor=focal_point)
    second = commitment_report_progress(commitment=commitment, status="in_progress", narrative="Drafting a law.", actor=focal_point)
    third = commitment_report_progress(commitment=commitment, status="implemented", narrative="Law passed.", actor=focal_point)
    assert [r.version for r in (first, second, third)] == [1, 2, 3]
    first.refresh_from_db()
    assert (first.status, first.narrative) == ("not_started", "Planning.")
    timeline = list(commitment.progress_reports.timeline().values_list("version", "status"))
    assert timeline == [(1, "not_started"), (2, "in_progress"), (3, "implemented")]
    assert ProgressReport.objects.latest_by_pair()[("commitment", commitment.pk, ghana.pk)] == third


def test_a_draft_is_edited_in_place_until_submitted_then_frozen(focal_point, ghana, make_commitment):
    commitment = make_commitment(ghana)
    draft = commitment_report_progress(commitment=commitment, status="not_started", submit=False, actor=focal_point)
    again = commitment_report_progress(commitment=commitment, status="in_progress", narrative="Better", submit=False,
                                       actor=focal_point)
    assert again.pk == draft.pk and again.version is None
    submitted = report_submit(report=again, actor=focal_point)
    assert (submitted.state, submitted.version) == ("submitted", 1)
    with pytest.raises(DomainError, match="Cannot change status"):
        report_submit(report=submitted, actor=focal_point)
    with pytest.raises(DomainError, match="cannot be discarded"):
        report_discard(report=submitted, actor=focal_point)


def test_drafts_are_private_to_the_organization_and_the_secretariat(focal_point, kenya_focal_point, secretariat, ghana,
                                                                    make_commitment):
    from django.contrib.auth.models import AnonymousUser

    draft = commitment_report_progress(commitment=make_commitment(ghana), status="in_progress", submit=False,
                                       actor=focal_point)
    assert draft.visible_to(focal_point)
    assert draft.visible_to(secretariat)
    assert not draft.visible_to(kenya_focal_point)
    assert not draft.visible_to(AnonymousUser())
    report_submit(report=draft, actor=focal_point)
    assert draft.visible_to(AnonymousUser())
    assert draft.visible_to(kenya_focal_point)


def test_other_focal_point_cannot_submit_or_discard_someone_elses_draft(focal_point, kenya_focal_point, ghana, make_commitment):
    draft = commitment_report_progress(commitment=make_commitment(ghana), status="in_progress", submit=False,
                                       actor=focal_point)
    with pytest.raises(PermissionDenied):
        report_submit(report=draft, actor=kenya_focal_point)
    with pytest.raises(PermissionDenied):
        report_discard(report=draft, actor=kenya_focal_point)
    report_discard(report=draft, actor=focal_point)
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"status": "done"}, "Unknown status 'done'"),
    ({"status": "in_progress", "indicator_value": "a lot", "indicator_label": "x"}, "is not a number"),
    ({"status": "in_progress", "indicator_value": "5"}, "indicator label"),
    ({"status": "in_progress", "evidence_links": ["ftp://example.org/x"]}, "not a valid http"),
    ({"status": "in_progress", "evidence_files": [SimpleUploadedFile("virus.exe", b"MZ")]}, "type .exe is not accepted"),
    ({"status": "in_progress", "evidence_files": [SimpleUploadedFile("empty.pdf", b"")]}, "'empty.pdf' is empty"),
    ({"status": "in_progress", "evidence_files": [SimpleUploadedFile("decree.pdf", b"MZ\x90\x00")]},
     "'decree.pdf' is not a .pdf file"),
    ({"status": "in_progress", "evidence_files": [SimpleUploadedFile("photo.jpg", b"<html><script>")]},
     "'photo.jpg' is not a .jpg file"),
    ({"status": "in_progress", "evidence_files": [SimpleUploadedFile("table.xlsx", b"%PDF-1.4")]},
     "'table.xlsx' is not a .xlsx file"),
    ({"status": "in_progress", "evidence_files": [SimpleUploadedFile("notes.txt", b"ELF\x00\x01\x02")]},
     "'notes.txt' is not a text file"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(focal_point, ghana, make_commitment, kwargs, message):
    commitment = make_commitment(ghana)
    with pytest.raises(DomainError, match=message):
        commitment_report_progress(commitment=commitment, actor=focal_point, **kwargs)
    assert not ProgressReport.objects.exists()


def test_evidence_file_is_stored_with_the_report(focal_point, ghana, make_commitment, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = commitment_report_progress(commitment=make_commitment(ghana), status="implemented", actor=focal_point,
                                        evidence_files=[SimpleUploadedFile("decree.pdf", b"%PDF-1.4 test")])
    evidence = report.evidence.get()
    assert evidence.label == "decree.pdf"
    with evidence.file.open("rb") as fh:
        assert fh.read() == b"%PDF-1.4 test"


def test_recommendation_in_a_round_for_the_organization_counts_as_addressed(secretariat, focal_point, ghana,
                                                                            make_recommendation):
    import datetime

    from django.utils import timezone

    from colloquy.outcomes.services import round_launch

    rec = make_recommendation()  # not addressed to anyone by name
    assert not rec.reportable_by(focal_point, ghana)
    round_launch(title="2026 round", recommendations=[rec], organizations=[ghana],
                 deadline=timezone.localdate() + datetime.timedelta(days=30), actor=secretariat, notify=False)
    assert rec.reportable_by(focal_point, ghana)


@pytest.mark.parametrize(("name", "content"), [
    ("minutes.txt", "Minutes of the task force, in français.".encode()),
    ("budget.csv", b"line,amount\r\ntraining,1200\r\n"),
    ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
    ("law.docx", b"PK\x03\x04" + b"\x00" * 16),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16),
])
def test_evidence_files_whose_content_matches_their_type_are_accepted(focal_point, ghana, make_commitment, settings,
                                                                       tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    report = commitment_report_progress(commitment=make_commitment(ghana), status="implemented", actor=focal_point,
                                        evidence_files=[SimpleUploadedFile(name, content)])
    with report.evidence.get().file.open("rb") as fh:
        assert fh.read() == content


def test_an_evidence_file_with_a_very_long_name_is_stored_under_the_column_limit(focal_point, ghana, make_commitment,
                                                                                settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = "Rapport-national-sur-la-mise-en-oeuvre-des-recommandations-du-dialogue-" * 2 + "final.pdf"
    report = commitment_report_progress(commitment=make_commitment(ghana), status="implemented", actor=focal_point,
                                        evidence_files=[SimpleUploadedFile(name, b"%PDF-1.7")])
    evidence = report.evidence.get()
    assert len(evidence.file.name) <= 100 and evidence.file.name.endswith(".pdf")
    assert evidence.label == name


def test_reports_on_a_record_of_a_proposed_event_are_not_public(focal_point, ghana, make_event, make_recommendation):
    from django.contrib.auth.models import AnonymousUser

    from colloquy.dialogues.models import EventStatus

    rec = make_recommendation(addressed=[ghana], event=make_event(status=EventStatus.PROPOSED))
    report = recommendation_report_progress(recommendation=rec, organization=ghana, status="implemented",
                                            actor=focal_point)
    assert not report.visible_to(AnonymousUser())
    assert report.visible_to(focal_point)  # their own organization's report


def test_secretariat_cannot_file_for_a_member_the_recommendation_is_not_addressed_to(secretariat, kenya,
                                                                                     make_recommendation, ghana):
    rec = make_recommendation(addressed=[ghana])
    with pytest.raises(PermissionDenied, match="not addressed to Kenya"):
        recommendation_report_progress(recommendation=rec, organization=kenya, status="implemented", actor=secretariat)
    assert not ProgressReport.objects.exists()


def test_evidence_is_added_only_to_a_draft_of_ones_own_organization(focal_point, kenya_focal_point, ghana,
                                                                    make_commitment):
    from colloquy.outcomes.services import report_add_evidence

    draft = commitment_report_progress(commitment=make_commitment(ghana), status="in_progress", submit=False,
                                       actor=focal_point)
    with pytest.raises(PermissionDenied):
        report_add_evidence(report=draft, evidence_links=["https://example.org/a"], actor=kenya_focal_point)
    with pytest.raises(DomainError, match="at least one evidence link or file"):
        report_add_evidence(report=draft, actor=focal_point)
    (added,) = report_add_evidence(report=draft, evidence_links=["https://example.org/a"], actor=focal_point)
    assert added.report == draft
    assert AuditEntry.objects.for_object(draft).filter(action="progressreport.evidence").exists()
    submitted = report_submit(report=draft, actor=focal_point)
    with pytest.raises(DomainError, match="only be added to a draft"):
        report_add_evidence(report=submitted, evidence_links=["https://example.org/b"], actor=focal_point)
    assert submitted.evidence.count() == 1
