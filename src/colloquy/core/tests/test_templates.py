"""Template comments: Django's `{# … #}` ends on its own line; one spread over two lines is printed as text (the
base template's note on htmx stood above every page's header, in every language)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(Path(settings.BASE_DIR).rglob("templates/**/*.html"))
OPEN_COMMENT = re.compile(r"\{#(?![^\n]*#\})")


def test_templates_are_found():
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_no_single_line_comment_runs_over_a_line(path):
    text = path.read_text("utf-8")
    lines = [text.count("\n", 0, m.start()) + 1 for m in OPEN_COMMENT.finditer(text)]
    assert lines == [], f"{{# … #}} must close on its line; use {{% comment %}} (lines {lines})"


@pytest.mark.django_db
def test_a_page_shows_no_template_comment(client):
    page = client.get("/").content.decode()
    assert "{#" not in page and "#}" not in page
