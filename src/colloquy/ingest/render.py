"""Render plain text as PDF (WeasyPrint) and DOCX (python-docx), for the evaluation and the tests.

The PDF carries the noise real reports have: a running header on every page and a page number in
the footer, so the reader and the normaliser are exercised, not bypassed.
"""

from __future__ import annotations

import html
import io
import logging


def text_to_html(text: str, *, header: str = "") -> str:
    paras = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        paras.append(f"<p>{html.escape(line.strip())}</p>")
    css = (
        "@page { size: A4; margin: 2.2cm 2cm; "
        f"@top-center {{ content: '{header.replace(chr(39), '')}'; font-size: 8pt; }} "
        "@bottom-center { content: counter(page); font-size: 8pt; } } "
        "body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; line-height: 1.3; } "
        "p { margin: 0 0 0.5em 0; white-space: pre-wrap; hyphens: manual; }"
    )
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{''.join(paras)}</body></html>"


def text_to_pdf(text: str, *, header: str = "Colloquy test rendering") -> bytes:
    from weasyprint import HTML  # slow to import: only PDF rendering pays for it

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=text_to_html(text, header=header)).write_pdf()


def text_to_docx(text: str) -> bytes:
    import docx  # only DOCX rendering needs python-docx loaded

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
