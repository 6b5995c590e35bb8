# The project's commands. Each sets up the virtual environment first when needed.
#   make serve      set up and serve the site on http://127.0.0.1:8000
#   make test       set up and run every test
#   make site       build the site into site/
#   make check      check all content without building (every problem, path:line: field: message)
#   make demo       serve the fictional demo site on http://127.0.0.1:8001
#   make demo-site  build the demo site into demo-site/

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements.lock | cksum | cut -d' ' -f1)

.PHONY: setup serve site check demo demo-site test clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt -c requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

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

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site demo-site .pytest_cache
