# Fixtures for every app's tests live in colloquy.testing.
from colloquy.testing import *  # noqa: F403


def pytest_configure(config):
    """Warning filters that name a class only some Django versions have (pyproject.toml cannot say "if")."""
    from django.utils import deprecation

    if hasattr(deprecation, "RemovedInDjango60Warning"):
        # Django 5.2 only announces that forms.URLField will assume https in 6.0 (harmless for us either way);
        # its transitional setting itself warns, so the announcement is silenced here instead.
        config.addinivalue_line(
            "filterwarnings",
            "ignore:The default scheme will be changed:django.utils.deprecation.RemovedInDjango60Warning")
    if not hasattr(config, "workerinput"):
        # Under pytest-xdist (`make test-fast`) the controller makes var/ballot_key before the workers start, so
        # two workers never write two different keys on a fresh checkout. Imported here: settings are loaded now.
        from colloquy.ballots.keys import ballot_key

        ballot_key()
