"""The French and Spanish catalogues are complete, exact about placeholders, compiled, and in step with the code.

The .po files are the source of truth (docs/glossary.md); scripts/compilemessages.py compiles the committed .mo.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PACKAGE = LOCALE.parent
LANGUAGES = ("fr", "es")
# %(name)s, %s, %d, {name}, {0}, {}; "%%" is a literal percent sign and is not a placeholder.
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}")


def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_entry_is_translated_and_not_fuzzy(lang):
    po = catalogue(lang)
    assert len(po) > 500  # the catalogue is the real one, not an empty stub
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{lang}: {len(fuzzy)} fuzzy (a guessed translation of another phrase), e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_obsolete_entries_are_left_in_the_catalogue(lang):
    obsolete = [e.msgid for e in catalogue(lang).obsolete_entries()]
    assert obsolete == [], f"{lang}: obsolete entries {obsolete[:5]} (run `make messages`)"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_exactly_the_placeholders_of_the_original(lang):
    po = catalogue(lang)
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    wrong = []
    for e in po.translated_entries():
        if e.msgid_plural:
            # Form 0 may drop the count ("un cycle"), but never add or lose any other placeholder.
            expected = set(placeholders(e.msgid_plural))
            forms = [e.msgstr_plural.get(i, "") for i in range(nplurals)]
            if any(not f for f in forms):
                wrong.append((e.msgid, "missing plural form"))
            for f in forms:
                if not set(placeholders(f)) <= expected or set(placeholders(f)) < expected - {"%(n)s", "%(count)s"}:
                    wrong.append((e.msgid, f))
        elif placeholders(e.msgstr) != placeholders(e.msgid):
            wrong.append((e.msgid, e.msgstr))
    assert wrong == [], f"{lang}: placeholders differ from the original in {wrong[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_mo_file_is_compiled_from_the_po_file(lang):
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural)) for e in mo if e.msgid}
    source = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural))
              for e in catalogue(lang).translated_entries()}
    assert compiled == source, "stale .mo: run `python scripts/compilemessages.py`"


def test_a_plural_check_catches_a_placeholder_the_translator_dropped():
    # The placeholder rule itself, on a made-up entry, so the check above cannot pass vacuously.
    assert placeholders("%(n)s places for %(event)s") == ["%(event)s", "%(n)s"]
    assert placeholders("{event} 100%% %s") == ["%s", "{event}"]
    assert placeholders("Registration received: {event}") != placeholders("Inscription reçue")


@pytest.mark.slow  # runs makemessages over the whole tree: runs in make test
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed: "
                    "makemessages cannot run; `apt-get install gettext`")
def test_makemessages_finds_no_string_the_catalogues_lack(tmp_path):
    # Run makemessages on a copy of the package, so the committed catalogues are never touched.
    copy = tmp_path / "colloquy"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "*.mo"))
    env_path = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-obsolete", "--no-location",
         "--settings=colloquy.settings"],
        cwd=copy, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "COLLOQUY_SECRET_KEY": "x" * 50},
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    extracted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    for lang in LANGUAGES:
        known = {(e.msgctxt, e.msgid) for e in catalogue(lang)}
        missing = sorted(m for _, m in extracted - known)
        assert missing == [], f"{lang}: strings marked in the code but absent from the catalogue: {missing[:10]}"
