"""Measure pypdf against PyMuPDF on PDF renderings of the corpus: speed and text quality.

Quality = word-level F1 between the normalised text extracted from the PDF and the normalised text
of the source; also the share of source paragraphs recovered intact. `python -m benchmarks pdf` (reads
../shared/corpus, or COLLOQUY_SHARED); results in docs/extraction.md.
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections import Counter


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def word_f1(reference: str, candidate: str) -> float:
    a, b = _words(reference), _words(candidate)
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(b.values()), overlap / sum(a.values())
    return 2 * p * r / (p + r)


def paragraphs_intact(reference: str, candidate: str) -> float:
    """Share of long source paragraphs that come back as one paragraph (not split, not merged into lines)."""
    paras = [" ".join(p.split()) for p in reference.split("\n") if len(p) > 200]
    got = {" ".join(p.split())[:200] for p in candidate.split("\n\n")}
    return sum(1 for p in paras if p[:200] in got) / len(paras) if paras else 1.0


def pdf_text_pypdf(data: bytes) -> list[str]:
    """The pypdf alternative to colloquy.ingest.readers.PdfReader (PyMuPDF): one text per page."""
    from pypdf import PdfReader as _PypdfReader

    return [page.extract_text() or "" for page in _PypdfReader(io.BytesIO(data)).pages]


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    import django

    django.setup()
    from colloquy.ingest.normalize import normalize
    from colloquy.ingest.pipeline import shared_dir
    from colloquy.ingest.readers import PdfReader
    from colloquy.ingest.render import text_to_pdf

    corpus = shared_dir() / "corpus"
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"No corpus at {corpus}")
    print(f"{'document':<52} {'engine':<8} {'seconds':>8} {'word F1':>8} {'paras intact':>12}")
    for path in files:
        source = normalize([path.read_text("utf-8")], paginated=False).text
        pdf = text_to_pdf(path.read_text("utf-8"))
        PdfReader().read(pdf, path.name)  # warm-up: imports and font caches are not part of the measurement
        pdf_text_pypdf(pdf)
        for engine in ("pymupdf", "pypdf"):
            start = time.perf_counter()
            pages = PdfReader().read(pdf, path.name).pages if engine == "pymupdf" else pdf_text_pypdf(pdf)
            text = normalize(pages, paginated=True).text
            seconds = time.perf_counter() - start
            print(f"{path.name[:52]:<52} {engine:<8} {seconds:>8.3f} {word_f1(source, text):>8.3f} "
                  f"{paragraphs_intact(source, text):>12.2f}")


if __name__ == "__main__":
    main()
