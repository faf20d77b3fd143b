# Everything a fresh machine needs: Python >= 3.11, git and make. The first target run
# creates .venv and installs fonds with the pinned versions in constraints.txt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)

.PHONY: site test browser check overdue lint bench clean serve properdocs

site: $(STAMP)  ## Check the example catalogue, then build its site into site/
	$(BIN)/fonds build --root .

test: $(STAMP) browser  ## Run every test
	$(BIN)/python -m pytest

browser:  ## Debian's headless Chromium and its driver, for the browser test
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "Installing Debian's chromium and chromium-driver for the browser test"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

PROPERDOCS := .venv-properdocs
properdocs: $(PROPERDOCS)/.installed  ## A second venv with ProperDocs 1.6 (the MkDocs 1.x fork), for tests/project/test_generators.py
$(PROPERDOCS)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/python -m pip install --quiet -c constraints.txt -e . "properdocs==1.6.7"
	touch $@

check: $(STAMP)  ## Validate the catalogue in this repository
	$(BIN)/fonds check --root .

overdue: $(STAMP)  ## What CI checks every night: fail when a disposal is overdue
	$(BIN)/fonds due --root . --fail-on overdue

serve: $(STAMP)  ## Preview the site while editing (rebuilds only what changed)
	$(BIN)/fonds serve --root .

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)  ## Speed figures for docs/benchmarks.md
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_due.py
	$(BIN)/python benchmarks/bench_sheets.py
	$(BIN)/python benchmarks/bench_history.py

$(STAMP): pyproject.toml constraints.txt
	rm -f $(VENV)/.installed-*
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: installing Debian's python3-venv"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) $(PROPERDOCS) site .pytest_cache
