# Наставник: the two commands of the README, and a few helpers.
#   make demo  — install, bring the SQLite database to the current schema, load the demo
#                district and serve it at http://127.0.0.1:5000 (run again: the data stay)
#   make test  — install the test dependencies and run the whole suite
#   make benchmark — the matching benchmarks, then a region of 500 schools (benchmarks/region.py)
#   make load  — 65 users for 2 minutes against gunicorn (benchmarks/load.py)
# TEST_DATABASE_URL=postgresql://… make test runs it on PostgreSQL.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app nastavnik.app
PYTEST_ARGS ?=

.PHONY: demo test lint benchmark load install install-test

# pip's output goes to a log, shown only when it fails; a stamp skips a repeated install.
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(PIP) -e . > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py | $(BIN)/python
	$(PIP) -e '.[test]' > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: pyproject.toml setup.py | $(BIN)/python
	$(PIP) -e '.[bench]' > $(VENV)/pip.log 2>&1 || (cat $(VENV)/pip.log; exit 1)
	touch $(VENV)/.installed $@

# axe-core for the browser journeys (tests/browser/package.json), exactly as locked.
AXE_STAMP := tests/browser/node_modules/.installed

$(AXE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test $(AXE_STAMP)

demo: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	@echo "Наставник: http://127.0.0.1:5000  (демо-пароль: nastavnik-demo)"
	$(BIN)/waitress-serve --host 127.0.0.1 --port 5000 --threads 8 --call nastavnik.app:create_app

test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/lint_imports.py

# BENCHMARK_ARGS: e.g. "--schools 50 --mix-seconds 20" for a quick run, or
# "--database-url postgresql://…" (a database of its own: its tables are dropped and rebuilt).
BENCHMARK_ARGS ?=

benchmark: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/matching.py
	$(BIN)/python benchmarks/matching_db.py
	$(BIN)/python benchmarks/region.py $(BENCHMARK_ARGS)

# LOAD_ARGS: e.g. "--seconds 30" for a short trial, "--database-url postgresql://…" (a database
# of its own: its tables are dropped and rebuilt), "--server waitress" to compare.
LOAD_ARGS ?=

load: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)
