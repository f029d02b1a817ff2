# `make demo` and `make test` set everything up first (a .venv and the system
# packages the tests need), so both work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= demo
# The public API: the facade, storage and settings, the table contract, each stage's package.
API_MODULES := recount recount.project recount.workspace recount.config recount.settings \
	recount.tables recount.errors recount.exports recount.pipeline recount.ingest recount.names \
	recount.link recount.review recount.estimate recount.report recount.claims recount.simulate \
	recount.reference

.PHONY: setup demo test test-fast lint bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,spark]'
	bash scripts/system-deps.sh
	touch $(STAMP)

demo: setup
	$(BIN)/python scripts/demo.py --dir $(DEMO_DIR)

# Two workers (a third measured no faster from a fresh clone, note 212); a module whose tests
# share one costly workspace is marked xdist_group, so one worker builds it once.
test: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# What a maintainer runs while changing code: no slow, browser or Spark test (under 3 minutes).
test-fast: setup
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not slow and not browser and not spark"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# docs/configuration.md from the settings classes, and the API reference (docs/api/, not committed).
docs: setup
	$(BIN)/python -m pip install -q -e '.[docs]'
	$(BIN)/python scripts/config_reference.py
	$(BIN)/pdoc $(API_MODULES) --docformat google -o docs/api

bench: setup
	for b in bench/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(DEMO_DIR) .pytest_cache test-artifacts
