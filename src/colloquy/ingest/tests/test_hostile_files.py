"""Hostile uploads (issue 15): each is built here, refused with a message naming the limit, and the child process
that read it stayed within its bounds. The measured table is in docs/security.md (benchmarks/hostile.py)."""

import pytest
from django.test import override_settings

from colloquy.ingest import isolation
from colloquy.ingest.errors import IngestError
from colloquy.ingest.readers import read_bytes
from colloquy.ingest.tests import hostile

RSS_BUDGET_KB = 300 * 1024


def _refusal(data: bytes, name: str) -> isolation.ChildResult:
    result = isolation.run_child(data, name)
    assert result.refusal, f"{name} was accepted"
    assert result.peak_rss_kb <= RSS_BUDGET_KB
    return result


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
def test_a_docx_whose_directory_lies_about_sizes_is_refused_without_expanding():
    data = hostile.lying_directory_docx()
    result = _refusal(data, "liar.docx")
    assert "damaged or incomplete" in result.refusal
    with pytest.raises(IngestError, match=r"^liar\.docx: the Word file is damaged"):
        read_bytes(data, "liar.docx")


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
def test_a_mixed_stored_and_deflated_bomb_is_refused_by_the_bytes_it_expands_to():
    data = hostile.mixed_bomb_docx()
    result = _refusal(data, "mixed.docx")
    assert "word/document.xml expands to more than 12 MB of XML" in result.refusal


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
def test_an_honest_archive_with_a_huge_xml_part_is_refused_before_parsing():
    data = hostile.huge_xml_docx()
    with pytest.raises(IngestError, match=r"word/document\.xml expands to more than 12 MB of XML"):
        read_bytes(data, "huge.docx")


@override_settings(COLLOQUY_ZIP_MAX_TOTAL_MB=4)
def test_the_total_cap_counts_every_entry_together():
    import os

    noise = {f"word/media/noise{i}.bin": os.urandom(3 * 1024 * 1024) for i in range(2)}  # 3 MB each, honest
    data = hostile._zip(hostile._docx_parts() | noise, stored=tuple(noise))
    with pytest.raises(IngestError, match="the document expands to more than 4 MB; refused"):
        read_bytes(data, "total.docx")


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
def test_a_docx_of_a_million_tiny_paragraphs_is_refused_before_parsing():
    with pytest.raises(IngestError, match=r"the document has more than 50,000 paragraphs"):
        read_bytes(hostile.dense_xml_docx(), "tiny.docx")


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
def test_a_dense_many_page_pdf_is_refused_by_its_text_size():
    data = hostile.dense_pdf()
    result = _refusal(data, "dense.pdf")
    assert "the document expands to more than 4 MB of text" in result.refusal


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
@override_settings(COLLOQUY_INGEST_TIMEOUT=1, COLLOQUY_INGEST_MAX_TEXT_MB=400)
def test_extraction_that_runs_past_the_time_bound_is_refused_naming_it():
    with pytest.raises(IngestError, match=r"extraction (took longer than|used more than) 1 s"):
        read_bytes(hostile.dense_pdf(), "slow.pdf")


@pytest.mark.slow  # builds and reads a file of tens to hundreds of MB: runs in make test
@override_settings(COLLOQUY_INGEST_MEMORY_MB=330, COLLOQUY_DOCX_MAX_XML_MB=64, COLLOQUY_ZIP_MAX_MEMBER_MB=64,
                   COLLOQUY_INGEST_MAX_TEXT_MB=400, COLLOQUY_DOCX_MAX_PARAGRAPHS=10**9, COLLOQUY_INGEST_TIMEOUT=120)
def test_extraction_that_needs_more_memory_than_the_bound_is_refused_naming_it():
    with pytest.raises(IngestError, match=r"extraction needed more than 330 MB of memory"):
        read_bytes(hostile.dense_xml_docx(), "big.docx")


def test_an_ordinary_docx_still_reads_through_the_bounded_child():
    from colloquy.ingest.render import text_to_docx

    raw = read_bytes(text_to_docx("The workshop met in Accra."), "ok.docx")
    assert raw.format == "docx" and "met in Accra" in raw.pages[0]


def test_the_child_gets_no_secrets_from_the_environment(monkeypatch):
    monkeypatch.setenv("COLLOQUY_BALLOT_KEY", "not-for-the-child")
    env = isolation._child_env()
    assert "COLLOQUY_BALLOT_KEY" not in env and "DATABASE_URL" not in env
    assert set(env) == {"PYTHONPATH", "PATH", "LANG"}
