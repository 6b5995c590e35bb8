# The project's commands. Each sets up the virtual environment first when needed.
#   make serve      set up and serve the site on http://127.0.0.1:8000
#   make test       set up, lint and run every test
#   make test-fast  the tests without browser and external tools, while working
#   make lint       ruff (lint and format check), mypy and import-linter; settings in pyproject.toml, .importlinter
#   make site       build the site into site/
#   make check      check all content without building (every problem, path:line: field: message)
#   make demo       serve the fictional demo site on http://127.0.0.1:8001
#   make demo-site  build the demo site into demo-site/
#   make bench      benchmark builds at N = 7, 100 and 1000 experiments (make bench N=100: one size)
#   make lock       after a change in requirements/*.in: new locks with hashes (requirements/*.txt)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# What the site needs to build (the deploy installs only this) and what tests and tools add; both locked with hashes.
LOCKS := requirements/build.txt requirements/test.txt
STAMP := $(VENV)/.installed-$(shell cat $(LOCKS) | cksum | cut -d' ' -f1)
# Material for MkDocs prints a banner about its future on every build; our commands print only their own report.
export NO_MKDOCS_2_WARNING = 1
# Before a long install: what is being installed; after it: how long it took.
STARTED = echo "Installeren: $(1)…"; started=$$(date +%s)
DONE = echo "Klaar: $(1) ($$(( $$(date +%s) - started )) s)."

.PHONY: setup serve site check demo demo-site test test-fast lint test-tools bench lock clean

setup: $(STAMP)

$(STAMP): $(LOCKS)
	@$(call STARTED,Python-pakketten (requirements/build.txt en test.txt) in $(VENV); de eerste keer duurt dit enkele minuten); \
	  { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } && \
	  $(BIN)/python -m pip install --disable-pip-version-check --quiet --require-hashes $(addprefix -r ,$(LOCKS)) && \
	  $(call DONE,Python-pakketten)
	@rm -f $(VENV)/.installed-*
	@touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

site: $(STAMP)
	$(BIN)/python -m macros build

check: $(STAMP)
	$(BIN)/python -m macros check

demo: $(STAMP)
	$(BIN)/mkdocs serve --config-file mkdocs.demo.yml --dev-addr 127.0.0.1:8001

demo-site: $(STAMP)
	$(BIN)/python -m macros build --config-file mkdocs.demo.yml

# On both cores (pytest-xdist), module by module: a module's shared builds are made once (the site builds once per run).
TEST_WORKERS := -n 2 --dist loadscope
test: lint $(STAMP) test-tools
	$(BIN)/python -m pytest $(TEST_WORKERS)

# What a change to content code needs first: no browser, no external tool (67-95 s on a 2-core machine).
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(TEST_WORKERS) -m "not browser and not external"

# Style, types and layers, before the tests (and in pre-commit): settings in pyproject.toml and .importlinter.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Browser and validator tests need Debian's Chromium and Java, the citation tests BibTeX (with
# its standard styles, plain.bst) and biber (all installed with apt when missing and we are root,
# as in CI; without recommends: about 160 MB instead of a TeX distribution), and axe-core and
# vnu-jar from npm (package-lock.json).
test-tools: node_modules/.installed
	@if ! command -v chromium >/dev/null || ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(call STARTED,Chromium en Java voor de browser- en validatortests (apt-get)); \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium default-jre-headless >/dev/null && \
	    $(call DONE,Chromium en Java); \
	  else \
	    echo "Chromium of Java ontbreekt en dit is geen root: de browser- en validatortests worden overgeslagen."; \
	  fi; \
	fi
	@if ! command -v bibtex >/dev/null || ! command -v biber >/dev/null || ! kpsewhich plain.bst >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    $(call STARTED,BibTeX en biber voor de citatietests (apt-get; zonder aanbevolen pakketten)); \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      texlive-binaries texlive-base biber >/dev/null && \
	    $(call DONE,BibTeX en biber); \
	  else \
	    echo "BibTeX of biber ontbreekt en dit is geen root: de BibTeX- en biber-tests worden overgeslagen."; \
	  fi; \
	fi

node_modules/.installed: package.json package-lock.json
	@$(call STARTED,axe-core en vnu-jar voor de toegankelijkheids- en HTML-tests (npm ci)); \
	  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && \
	  $(call DONE,axe-core en vnu-jar)
	@touch $@

N ?= 7 100 1000
bench: $(STAMP)
	$(BIN)/python bench/run.py $(N)

# New locks after a change in requirements/build.in or test.in: every package pinned, with the hashes of its
# files; test.txt keeps build.txt's versions (test.in constrains on it). Commit the .in and .txt files together.
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
  --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(PIP_COMPILE) --output-file requirements/build.txt requirements/build.in
	$(PIP_COMPILE) --output-file requirements/test.txt requirements/test.in

# The build's caches live outside the repository (macros/base/caches.py); .cache/ is where they were once.
clean:
	rm -rf site demo-site .pytest_cache .cache .mypy_cache .ruff_cache
	if [ -x $(BIN)/python ]; then $(BIN)/python -m macros cache --clear; fi
