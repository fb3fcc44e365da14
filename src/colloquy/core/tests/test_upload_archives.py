"""Office uploads (ZIP) are stored, not read, but a zip bomb is still refused (issue 15): counted by the bytes an
entry really decompresses to, never by what the archive declares."""

import io
import os
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from colloquy.core.errors import DomainError
from colloquy.core.uploads import EVIDENCE_TYPES, check_upload


def _zip(parts: dict[str, bytes], stored=()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _check(name: str, data: bytes) -> None:
    check_upload(SimpleUploadedFile(name, data), allowed=EVIDENCE_TYPES, what="evidence file")


def test_an_ordinary_office_file_is_accepted():
    _check("report.xlsx", _zip({"xl/workbook.xml": b"<workbook/>" * 1000, "xl/media/photo.png": os.urandom(50_000)}))


def test_a_bomb_hidden_beside_a_stored_random_entry_is_refused():
    data = _zip({"xl/media/noise.bin": os.urandom(2 * 1024 * 1024), "xl/sheet.xml": b"\0" * (8 * 1024 * 1024)},
                stored=("xl/media/noise.bin",))
    with pytest.raises(DomainError, match=r"evidence file 'bomb.xlsx' has a part compressed more than 200:1; refused"):
        _check("bomb.xlsx", data)


def test_an_archive_that_lies_about_a_size_is_refused():
    body = os.urandom(64 * 1024).hex().encode()
    data = bytearray(_zip({"word/document.xml": body}))
    data = data.replace(struct.pack("<I", len(body)), struct.pack("<I", 5000))
    with pytest.raises(DomainError, match="is a damaged archive"):
        _check("liar.docx", bytes(data))
