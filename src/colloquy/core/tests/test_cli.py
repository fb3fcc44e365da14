"""The `colloquy` console script: hyphenated command names, and commands that finish their work before exiting."""

import os

import django.core.management
import pytest

from colloquy.cli import main


@pytest.fixture
def ran(monkeypatch):
    """The argv `main` hands to Django (the command itself is not run)."""
    calls = []
    monkeypatch.setattr(django.core.management, "execute_from_command_line", calls.append)
    monkeypatch.delenv("COLLOQUY_SEARCH_EMBED_IN_BACKGROUND", raising=False)
    return calls


def test_hyphenated_names_become_the_management_command(ran):
    main(["import-events", "events.csv"])
    assert ran == [["colloquy", "import_events", "events.csv"]]


@pytest.mark.parametrize("command", [["ingest", "reports/"], ["demo"], ["reindex", "--embeddings"], []])
def test_commands_compute_search_vectors_in_the_foreground(ran, command):
    main(command)
    assert os.environ["COLLOQUY_SEARCH_EMBED_IN_BACKGROUND"] == "0"


@pytest.mark.parametrize("command", [["serve", "127.0.0.1:8123"], ["runserver"]])
def test_the_web_server_keeps_computing_them_in_the_background(ran, command):
    main(command)
    assert "COLLOQUY_SEARCH_EMBED_IN_BACKGROUND" not in os.environ
