"""The `colloquy` console script: hyphenated command names."""

import django.core.management
import pytest

from colloquy.cli import main


@pytest.fixture
def ran(monkeypatch):
    """The argv `main` hands to Django (the command itself is not run)."""
    calls = []
    monkeypatch.setattr(django.core.management, "execute_from_command_line", calls.append)
    return calls


def test_hyphenated_names_become_the_management_command(ran):
    main(["import-events", "events.csv"])
    assert ran == [["colloquy", "import_events", "events.csv"]]
