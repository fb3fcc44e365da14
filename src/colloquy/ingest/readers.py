"""One reader class per input format. Each turns bytes into a list of page texts or raises IngestError.

The format is detected from the content (magic bytes), never from the file name. Normalisation
(running headers, hyphenation, footnotes, ...) is shared and lives in `normalize.py`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_noop

from colloquy.ingest import isolation
from colloquy.ingest.errors import IngestError

# Guards against hostile files (docs/security.md, "Hostile files"). Zip entries are counted by the bytes they
# actually decompress to, streamed, never by the sizes the archive declares. The settings override the MB values.
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_MEMBER_MB = 32  # any one entry (images included)
ZIP_MAX_TOTAL_MB = 64  # all entries together
DOCX_MAX_XML_MB = 12  # any XML part, before python-docx parses it (lxml needs several times this in memory)
ZIP_MAX_RATIO = 100  # per entry, once it has expanded past 1 MB
DOCX_MAX_PARAGRAPHS = 50_000  # python-docx costs ~50 µs a paragraph; a 300-page report has about 5,000
_PARAGRAPH = re.compile(rb"<(?:\w+:)?p[\s>/]")
INGEST_MAX_TEXT_MB = 4  # the text a document expands to (a 300-page report is about 1 MB)
_CHUNK = 1024 * 1024
MB = 1024 * 1024


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default)) if settings.configured else default


@dataclass
class RawDocument:
    """What a reader returns: the text of each page (one page for formats without pages)."""

    format: str
    pages: list[str]
    paginated: bool


class Reader:
    """Base class: `read(data, name)` returns a RawDocument or raises IngestError."""

    format = ""

    def read(self, data: bytes, name: str) -> RawDocument:  # pragma: no cover - interface
        raise NotImplementedError


class TextReader(Reader):
    format = "txt"

    def read(self, data: bytes, name: str) -> RawDocument:
        text = decode_text(data, name)
        pages = text.split("\f") if "\f" in text else [text]
        fmt = "md" if name.lower().endswith((".md", ".markdown")) else "txt"
        return RawDocument(format=fmt, pages=pages, paginated="\f" in text)


class HtmlReader(Reader):
    format = "html"

    def read(self, data: bytes, name: str) -> RawDocument:
        from colloquy.ingest.htmltext import html_to_text  # lxml loads only where HTML is read (the child)

        return RawDocument(format="html", pages=[html_to_text(decode_text(data, name))], paginated=False)


class PdfReader(Reader):
    """PDF through PyMuPDF (see docs/extraction.md for the measurement against pypdf)."""

    format = "pdf"

    def read(self, data: bytes, name: str) -> RawDocument:
        import pymupdf  # loaded only in the bounded child that reads PDFs

        max_pages = _setting("COLLOQUY_PDF_MAX_PAGES", 2000)
        if b"%%EOF" not in data[-2048:]:
            raise IngestError(name, gettext_noop("the PDF is truncated or damaged (no end-of-file marker)"))
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:  # PyMuPDF raises its own FileDataError and RuntimeError subclasses
            raise IngestError(name, gettext_noop("the PDF cannot be opened (%(error)s)"), {"error": str(exc)}) from exc
        with doc:
            if doc.needs_pass or doc.is_encrypted:
                raise IngestError(name, gettext_noop("the PDF is encrypted (password-protected); remove the protection and try again"))
            if doc.page_count == 0:
                raise IngestError(name, gettext_noop("the PDF has no pages"))
            if doc.page_count > max_pages:
                raise IngestError(name, gettext_noop("the PDF has %(pages)s pages; the limit is %(limit)s"),
                                  {"pages": doc.page_count, "limit": max_pages})
            max_text = _setting("COLLOQUY_INGEST_MAX_TEXT_MB", INGEST_MAX_TEXT_MB) * MB
            pages, size = [], 0
            for page in doc:
                try:
                    text = _page_text(page)
                except Exception as exc:
                    raise IngestError(name, gettext_noop("the PDF is damaged (%(error)s)"), {"error": str(exc)}) from exc
                size += len(text)
                if size > max_text:
                    raise _too_much_text(name, max_text)
                pages.append(text)
        if not "".join(pages).strip():
            raise IngestError(name, gettext_noop("the PDF has no text layer (scanned images need OCR first)"))
        return RawDocument(format="pdf", pages=pages, paginated=True)


def _page_text(page) -> str:
    """One paragraph per text block; the lines of a block are re-joined (hyphenation undone later)."""
    out = []
    for block in page.get_text("blocks", sort=False):
        if block[6] != 0:  # image block
            continue
        lines = [line.strip() for line in block[4].split("\n") if line.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            if joined.endswith("-") and line[:1].islower():
                joined = joined[:-1] + line
            else:
                joined += " " + line
        out.append(joined)
    return "\n\n".join(out)


class DocxReader(Reader):
    format = "docx"

    def read(self, data: bytes, name: str) -> RawDocument:
        import docx  # loaded only in the bounded child that reads Word files

        check_zip(data, name)
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:
            raise IngestError(name, gettext_noop("the Word file is damaged or incomplete and cannot be opened (%(error)s)"),
                              {"error": exc.__class__.__name__}) from exc
        blocks: list[str] = []
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                blocks.append(_docx_paragraph(child, document))
            elif tag == "tbl":
                for row in child.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr"):
                    cells = []
                    for cell in row.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc"):
                        texts = [t.text or "" for t in cell.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")]
                        cells.append(" ".join("".join(texts).split()))
                    blocks.append("\t".join(cells))
        text = "\n".join(blocks)
        max_text = _setting("COLLOQUY_INGEST_MAX_TEXT_MB", INGEST_MAX_TEXT_MB) * MB
        if len(text) > max_text:
            raise _too_much_text(name, max_text)
        return RawDocument(format="docx", pages=[text], paginated=False)


def _too_much_text(name: str, limit: int) -> IngestError:
    return IngestError(name, gettext_noop("the document expands to more than %(size)s MB of text; refused (split it into "
                                     "smaller documents)"), {"size": limit // MB})


def _docx_paragraph(element, document) -> str:
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    text = "".join(t.text or "" for t in element.iter(f"{ns}t", f"{ns}tab"))  # tabs come back as None text
    parts = []
    for node in element.iter(f"{ns}t", f"{ns}tab", f"{ns}br"):
        tag = node.tag.rsplit("}", 1)[-1]
        parts.append(node.text or "" if tag == "t" else ("\t" if tag == "tab" else "\n"))
    text = "".join(parts)
    style = element.find(f"{ns}pPr/{ns}pStyle")
    if (style is not None and "List" in (style.get(f"{ns}val") or "")) or element.find(f"{ns}pPr/{ns}numPr") is not None:
        text = "- " + text
    return text


def check_zip(data: bytes, name: str) -> None:
    """Refuse zip bombs by what the archive really expands to.

    The entry count comes from the central directory; every entry is then decompressed as a stream, 1 MB at a
    time, and its bytes are counted against a per-entry cap (lower for XML parts, which python-docx parses into
    a tree several times their size), a total cap and a per-entry compression ratio. A directory that lies about
    a size cannot get past this: zipfile stops at the declared size and the CRC check fails.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise IngestError(name, gettext_noop("the Word file is not a valid zip archive (truncated or damaged)")) from exc
    member_cap = _setting("COLLOQUY_ZIP_MAX_MEMBER_MB", ZIP_MAX_MEMBER_MB) * MB
    xml_cap = min(member_cap, _setting("COLLOQUY_DOCX_MAX_XML_MB", DOCX_MAX_XML_MB) * MB)
    total_cap = _setting("COLLOQUY_ZIP_MAX_TOTAL_MB", ZIP_MAX_TOTAL_MB) * MB
    max_paragraphs = _setting("COLLOQUY_DOCX_MAX_PARAGRAPHS", DOCX_MAX_PARAGRAPHS)
    with archive:
        infos = archive.infolist()
        if len(infos) > ZIP_MAX_ENTRIES:
            raise IngestError(name, gettext_noop("the archive has %(entries)s entries (limit %(limit)s); refused as a possible zip bomb"),
                              {"entries": len(infos), "limit": ZIP_MAX_ENTRIES})
        if "word/document.xml" not in {i.filename for i in infos}:
            raise IngestError(name, gettext_noop("the zip archive is not a Word (.docx) document"))
        total = 0
        for info in infos:
            is_xml = info.filename.lower().endswith((".xml", ".rels"))
            cap = xml_cap if is_xml else member_cap
            size = paragraphs = 0
            try:
                with archive.open(info) as stream:
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > cap:
                            message = (gettext_noop("the part %(part)s expands to more than %(size)s MB of XML; refused as a "
                                                    "possible zip bomb") if is_xml else
                                       gettext_noop("the part %(part)s expands to more than %(size)s MB of data; refused as a "
                                                    "possible zip bomb"))
                            raise IngestError(name, message, {"part": info.filename[:80], "size": cap // MB})
                        if total > total_cap:
                            raise IngestError(name, gettext_noop("the document expands to more than %(size)s MB; refused as a possible "
                                                                 "zip bomb"), {"size": total_cap // MB})
                        if info.filename == "word/document.xml":  # a tag cut by a chunk boundary is not counted
                            paragraphs += len(_PARAGRAPH.findall(chunk))
                            if paragraphs > max_paragraphs:
                                raise IngestError(name, gettext_noop("the document has more than %(count)s paragraphs; refused (split "
                                                                     "it into smaller documents)"), {"count": f"{max_paragraphs:,}"})
                        if size > MB and size > ZIP_MAX_RATIO * max(info.compress_size, 1):
                            raise IngestError(name, gettext_noop("the part %(part)s has a compression ratio above %(ratio)s:1; refused "
                                                                 "as a possible zip bomb"), {"part": info.filename[:80], "ratio": ZIP_MAX_RATIO})
            except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError) as exc:
                raise IngestError(name, gettext_noop("the Word file is damaged or incomplete and cannot be opened (%(error)s in "
                                                     "%(part)s)"), {"error": exc.__class__.__name__, "part": info.filename[:80]}) from exc


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff") and _looks_binary_bytes(data[:8192]):
        raise IngestError(name, gettext_noop("the file is binary data, not text (unsupported format)"))
    for encoding in ("utf-8", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything; kept for clarity
        raise IngestError(name, gettext_noop("the text is in an unknown encoding"))
    if _looks_binary(text):
        raise IngestError(name, gettext_noop("the file is binary data, not text (unsupported format)"))
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _looks_binary_bytes(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return control > max(8, len(sample) // 50)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if "\x00" in sample:
        return True
    bad = len(_CONTROL.findall(sample)) + sample.count("\ufffd")
    return bad > max(8, len(sample) // 50)


READERS: dict[str, Reader] = {"txt": TextReader(), "html": HtmlReader(), "pdf": PdfReader(), "docx": DocxReader()}


def detect_format(data: bytes, name: str) -> str:
    """Format from the content: magic bytes first, then a look at the text."""
    if not data or not data.strip():
        raise IngestError(name, gettext_noop("the file is empty"))
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(name, gettext_noop("old binary Word (.doc) files are not supported; save as .docx or PDF"))
    if head.startswith((b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf")):
        raise IngestError(name, gettext_noop("the file is binary data (an archive or an image), not a supported document"))
    sniff = head.lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or (b"<body" in data[:4096].lower() and b"</" in data[:8192]):
        return "html"
    return "txt"


def read_bytes(data: bytes, name: str) -> RawDocument:
    """Read a document. PDF, Word and HTML are read in a child process bounded in memory and time
    (isolation.py); plain text, already bounded by the upload size, is read here."""
    fmt = detect_format(data, name)
    if fmt == "txt":
        return read_in_process(data, name)
    result = isolation.run_child(data, name)
    if result.refusal:
        raise IngestError(name, result.msgid or result.refusal, result.params)  # translated here, in the reader's language
    return RawDocument(format=result.format, pages=result.pages or [], paginated=result.paginated)


def read_in_process(data: bytes, name: str) -> RawDocument:
    """Read a document in this process, with the content guards but no memory or time bound (the child's job)."""
    fmt = detect_format(data, name)
    raw = READERS[fmt].read(data, name)
    max_text = _setting("COLLOQUY_INGEST_MAX_TEXT_MB", INGEST_MAX_TEXT_MB) * MB
    if sum(map(len, raw.pages)) > max_text:
        raise _too_much_text(name, max_text)
    if not "".join(raw.pages).strip():
        raise IngestError(name, gettext_noop("the document contains no text"))
    return raw
