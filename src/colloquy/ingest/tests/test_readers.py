import io
import zipfile

import pytest

from colloquy.ingest.errors import IngestError
from colloquy.ingest.readers import ZIP_MAX_ENTRIES, detect_format, read_bytes
from colloquy.ingest.render import text_to_docx
from colloquy.ingest.tests.conftest import make_pdf

TEXT = "WORKSHOP ON TESTING\n\n1. The workshop took place in Geneva on 3 May 2019.\n"


def test_text_file_is_read_as_text():
    raw = read_bytes(TEXT.encode(), "note.txt")
    assert raw.format == "txt"
    assert "took place in Geneva" in raw.pages[0]


def test_markdown_is_reported_as_md():
    assert read_bytes(b"# Title\n\nBody text here.", "note.md").format == "md"


def test_format_comes_from_content_not_extension():
    pdf = make_pdf(["Hello from a PDF page."])
    assert detect_format(pdf, "misnamed.txt") == "pdf"
    assert detect_format(text_to_docx("Hello"), "misnamed.pdf") == "docx"
    assert detect_format(b"<!doctype html><html><body><p>Hi</p></body></html>", "page.txt") == "html"


def test_pdf_pages_are_read_one_by_one():
    raw = read_bytes(make_pdf(["First page text.", "Second page text."]), "two.pdf")
    assert raw.format == "pdf" and raw.paginated
    assert len(raw.pages) == 2
    assert "Second page" in raw.pages[1]


def test_docx_paragraphs_and_tables_are_read():
    import docx

    document = docx.Document()
    document.add_paragraph("Opening paragraph.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "9:00 - 9:30 a.m."
    table.cell(0, 1).text = "Registration"
    buffer = io.BytesIO()
    document.save(buffer)
    raw = read_bytes(buffer.getvalue(), "doc.docx")
    assert raw.format == "docx"
    assert "Opening paragraph." in raw.pages[0]
    assert "9:00 - 9:30 a.m.\tRegistration" in raw.pages[0]


def test_html_keeps_blocks_and_drops_scripts():
    html = b"<html><body><script>alert(1)</script><h1>Title</h1><p>First para.</p><ul><li>Item</li></ul></body></html>"
    text = read_bytes(html, "page.html").pages[0]
    assert "alert" not in text
    assert "Title" in text and "First para." in text and "- Item" in text


def test_truncated_pdf_is_refused_with_the_file_name():
    pdf = make_pdf(["Some text on a page."])
    with pytest.raises(IngestError, match=r"broken\.pdf: .*truncated"):
        read_bytes(pdf[: len(pdf) // 2], "broken.pdf")


def test_encrypted_pdf_is_refused():
    import pymupdf

    pdf = make_pdf(["Secret text."], encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="user")
    with pytest.raises(IngestError, match=r"secret\.pdf: the PDF is encrypted"):
        read_bytes(pdf, "secret.pdf")


def test_pdf_over_the_page_limit_is_refused(settings):
    settings.COLLOQUY_PDF_MAX_PAGES = 1
    with pytest.raises(IngestError, match="2 pages; the limit is 1"):
        read_bytes(make_pdf(["one", "two"]), "long.pdf")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_docx_is_refused_by_compression_ratio():
    bomb = _zip({"word/document.xml": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(IngestError, match=r"bomb\.docx: .*compression ratio.*zip bomb"):
        read_bytes(bomb, "bomb.docx")


def test_a_zip_whose_central_directory_understates_the_size_is_refused_not_expanded():
    import struct

    body = b"<w:document>" + b"A" * (3 * 1024 * 1024) + b"</w:document>"
    data = bytearray(text_to_docx(TEXT))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    data = bytearray(_zip(parts | {"word/document.xml": body}))
    real = struct.pack("<I", len(body))
    assert data.count(real) == 2  # local header and central directory
    data = data.replace(real, struct.pack("<I", 5000))  # the archive lies: 5 KB
    with pytest.raises(IngestError, match=r"^liar\.docx: the Word file is damaged or incomplete"):
        read_bytes(bytes(data), "liar.docx")  # zipfile reads no more than the declared size


def test_zip_with_too_many_entries_is_refused():
    many = _zip({f"word/part{i}.xml": b"x" for i in range(ZIP_MAX_ENTRIES + 1)} | {"word/document.xml": b"<x/>"})
    with pytest.raises(IngestError, match="entries"):
        read_bytes(many, "many.docx")


def test_zip_that_is_not_a_word_document_is_refused():
    with pytest.raises(IngestError, match="not a Word"):
        read_bytes(_zip({"hello.txt": b"hi"}), "archive.docx")


def test_binary_junk_renamed_txt_is_refused():
    junk = bytes(range(256)) * 20
    with pytest.raises(IngestError, match=r"junk\.txt: the file is binary data"):
        read_bytes(junk, "junk.txt")


def test_empty_file_is_refused():
    with pytest.raises(IngestError, match=r"empty\.txt: the file is empty"):
        read_bytes(b"  \n", "empty.txt")


def test_old_word_format_is_refused_with_advice():
    with pytest.raises(IngestError, match=r"save as \.docx"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.doc")
