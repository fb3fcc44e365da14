"""Compile the .po catalogues into the committed .mo files with polib: no GNU gettext needed.

The .po files under src/colloquy/locale are the source of truth; the .mo files beside them are committed so that
an install needs no compile step. `make messages` runs this after makemessages; a test fails if a .mo is stale.
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "colloquy" / "locale"


def main() -> int:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(LOCALE)}: {len(po.translated_entries())}/{len(po)} translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
