"""The `colloquy` console script: a thin wrapper over Django management commands.

`colloquy import-events FILE.csv` runs `manage.py import_events FILE.csv`; any management
command works, with hyphens or underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colloquy.settings")
    from django.core.management import execute_from_command_line  # after DJANGO_SETTINGS_MODULE is set

    if argv and not argv[0].startswith("-"):
        argv[0] = argv[0].replace("-", "_")
    execute_from_command_line(["colloquy", *argv])


if __name__ == "__main__":
    main()
