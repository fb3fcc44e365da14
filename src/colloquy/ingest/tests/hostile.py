"""Hostile files, built on the spot for the upload-guard tests and `benchmarks/hostile.py` (issue 15).

Each builder returns the bytes of one attack on the readers; none is stored in the repository.
"""

import io
import os
import struct
import zipfile

from colloquy.ingest.render import text_to_docx

PARAGRAPH = (b"<w:p><w:r><w:t>" + b"The meeting agreed that the working group would report back next year. " * 6
             + b"</w:t></w:r></w:p>")  # long paragraphs: the bombs are caught by their bytes, not their count


def _docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(text_to_docx("A small valid document."))) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _document_xml(size: int) -> bytes:
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    return head + PARAGRAPH * (size // len(PARAGRAPH)) + b"</w:body></w:document>"


def _zip(parts: dict[str, bytes], *, stored: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data, compress_type=method,
                             compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
    return buffer.getvalue()


def lying_directory_docx(real_size: int = 400 * 1024 * 1024, claimed: int = 5000) -> bytes:
    """word/document.xml expands to `real_size` bytes; the local header and the central directory say `claimed`."""
    body = _document_xml(real_size)
    data = bytearray(_zip(_docx_parts() | {"word/document.xml": body}))
    real = struct.pack("<I", len(body))
    assert data.count(real) == 2, "the size must occur once in the local header and once in the directory"
    return bytes(data.replace(real, struct.pack("<I", claimed)))


def mixed_bomb_docx(deflated: int = 190 * 1024 * 1024, stored: int = 3 * 1024 * 1024) -> bytes:
    """One stored entry of random bytes keeps the archive's overall ratio low; the document itself is a bomb."""
    parts = _docx_parts() | {"word/media/noise.bin": os.urandom(stored), "word/document.xml": _document_xml(deflated)}
    return _zip(parts, stored=("word/media/noise.bin",))


def huge_xml_docx(size: int = 20 * 1024 * 1024) -> bytes:
    """An honest archive (true sizes, modest ratio) whose document.xml alone is `size` bytes of varied text."""
    words = os.urandom(size // 2).hex().encode()  # random text: the ratio stays near 2:1, nothing looks like a bomb
    chunks = [b"<w:p><w:r><w:t>" + words[i:i + 4000] + b"</w:t></w:r></w:p>" for i in range(0, len(words), 4000)]
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    return _zip(_docx_parts() | {"word/document.xml": head + b"".join(chunks) + b"</w:body></w:document>"})


def dense_pdf(pages: int = 1999, lines: int = 90) -> bytes:
    """`pages` pages, each filled with small text (about 15 KB a page). One page is typeset and the others
    are copies of it (typesetting 2,000 pages takes minutes); a reader still parses every page."""
    import pymupdf

    line = "Delegates discussed labour migration, remittances and skills partnerships in detail. " * 2
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_textbox(pymupdf.Rect(20, 20, 590, 830), "\n".join(f"{i} {line}" for i in range(lines)), fontsize=4)
    while doc.page_count < pages:  # doubling: each round appends a copy of what is there
        copy = pymupdf.open("pdf", doc.tobytes())
        doc.insert_pdf(copy, to_page=min(copy.page_count, pages - doc.page_count) - 1)
    data = doc.tobytes(garbage=1, deflate=True)
    doc.close()
    return data


def dense_xml_docx(size: int = 40 * 1024 * 1024, runs: int = 1) -> bytes:
    """document.xml of about `size` bytes in tiny paragraphs of `runs` tiny runs each: the most tree nodes per
    byte for lxml to build and for the reader to walk."""
    run = b"<w:r><w:t>%d</w:t></w:r>"
    per_paragraph = 11 + runs * 30
    paragraphs = b"".join(b"<w:p>" + b"".join(run % (n * runs + i) for i in range(runs)) + b"</w:p>"
                          for n in range(size // per_paragraph))
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    return _zip(_docx_parts() | {"word/document.xml": head + paragraphs + b"</w:body></w:document>"})
