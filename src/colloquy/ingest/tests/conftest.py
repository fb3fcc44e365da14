from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes():
    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def corpus_dir():
    from colloquy.ingest.pipeline import shared_dir

    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not available")
    return corpus


def make_pdf(pages: list[str], **save_options) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page()
        page.insert_textbox(pymupdf.Rect(50, 50, 550, 800), text, fontsize=10)
    data = doc.tobytes(**save_options)
    doc.close()
    return data
