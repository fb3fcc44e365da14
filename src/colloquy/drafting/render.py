"""One draft, three renderings from the same blocks: DOCX (python-docx: Word's own Title, Heading and List Number
styles, so the file stays editable), PDF (WeasyPrint, as the programme and badges are printed) and the HTML preview."""

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from colloquy.drafting import markup
from colloquy.drafting.words import day
from colloquy.registration.pdf import render_pdf

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FORMATS = tuple(CONTENT_TYPES)


def masthead(draft) -> str:
    """"IC/2027/1, 7 December 2027" once issued; "Draft, version 2" before."""
    with translation.override(draft.language):
        if draft.is_issued:
            return ", ".join(p for p in (draft.symbol, day(draft.issued_on)) if p)
        return gettext("Draft, version %(n)s") % {"n": draft.version}


def numbered_blocks(blocks):
    """(block, its paragraph number or None): numbered paragraphs run through the whole document."""
    n = 0
    for block in blocks:
        if block.kind == "numbered":
            n += 1
            yield block, n
        else:
            yield block, None


def to_docx(draft) -> bytes:
    # python-docx is imported where a Word file is made: the rest of the app does not need it loaded
    from docx import Document as WordDocument

    word = WordDocument()
    word.core_properties.title = draft.title
    word.core_properties.language = draft.language
    # Style ids looked up once: python-docx resolves a style name by scanning every style on each paragraph.
    ids = {name: word.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2", "List Number", "List Bullet")}
    by_kind = {"numbered": ids["List Number"], "bullet": ids["List Bullet"], "paragraph": None}

    def add(text, style_id):
        paragraph = word.add_paragraph(text)
        if style_id:
            paragraph._p.style = style_id
        return paragraph

    add(draft.title, ids["Title"])
    add(masthead(draft), None)
    for block in markup.parse(draft.body):
        if block.kind == "heading":
            add(block.text, ids["Heading 1" if block.level == 1 else "Heading 2"])
        else:
            add(block.text, by_kind[block.kind])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def to_html(draft) -> str:
    """The preview: the same blocks as the files, for the draft page."""
    return render_to_string("drafting/_document.html", {
        "draft": draft, "masthead": masthead(draft), "blocks": list(numbered_blocks(markup.parse(draft.body)))})


def to_pdf(draft) -> bytes:
    with translation.override(draft.language):
        return render_pdf("drafting/pdf/document.html", {
            "draft": draft, "masthead": masthead(draft), "blocks": list(numbered_blocks(markup.parse(draft.body)))})


def render(draft, fmt: str) -> bytes:
    return to_docx(draft) if fmt == "docx" else to_pdf(draft)


def filename(draft, fmt: str) -> str:
    return f"{draft.file_stem()}.{fmt}"
