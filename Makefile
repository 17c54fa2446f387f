# Two commands: `make run` (install, migrate, demo data, serve on http://127.0.0.1:5000) and
# `make test` (lint, types, the suite on SQLite and on PostgreSQL, then the browser tests).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
MO := marketplace/translations/zh/LC_MESSAGES/messages.mo

.PHONY: setup run test lint typecheck test-sqlite test-postgres test-browser translations clean

setup: $(STAMP) $(MO)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

$(MO): marketplace/translations/zh/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -d marketplace/translations -D messages

translations: $(STAMP)
	$(BIN)/pybabel extract -F marketplace/babel.cfg -k _l -k N_ -k P_:1c,2 -k lazy_pgettext:1c,2 -o marketplace/translations/messages.pot .
	$(BIN)/pybabel update -i marketplace/translations/messages.pot -d marketplace/translations -D messages --no-fuzzy-matching

run: setup
	$(BIN)/marketplace db upgrade
	$(BIN)/marketplace demo
	$(BIN)/marketplace search sync
	$(BIN)/marketplace needs refresh
	$(BIN)/marketplace run --host 127.0.0.1 --port 5000

lint: setup
	$(BIN)/ruff check marketplace search_index tests scripts migrations wsgi.py

typecheck: setup
	$(BIN)/mypy

test-sqlite: setup
	$(BIN)/pytest -q -m "not browser" -p no:cacheprovider -n 2

test-postgres: setup
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/pytest -q -m "not browser" -p no:cacheprovider

test-browser: setup
	$(BIN)/python scripts/ensure_chromium.py
	$(BIN)/pytest -q -m browser -p no:cacheprovider

test: lint typecheck test-sqlite test-postgres test-browser

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
