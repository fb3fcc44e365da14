"""HTML for the page hooks: the document's text with paragraph anchors, and related documents."""

from django.template.loader import render_to_string

from colloquy.search import semantic
from colloquy.search.text import paragraphs


def document_panel(request, document):
    related = semantic.related_documents(document=document, actor=request.user)
    return render_to_string("search/_document_panel.html", {
        "document": document,
        "paragraphs": paragraphs(document.text),
        "related": related,
        "semantic_available": semantic.available(),
    }, request=request)


def recommendation_panel(request, recommendation):
    return render_to_string("search/_related.html", {
        "related": semantic.related_documents(recommendation=recommendation, actor=request.user),
        "semantic_available": semantic.available(),
    }, request=request)
