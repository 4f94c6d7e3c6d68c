# `make help` lists the targets. Each sets up what it needs (the virtual env from the
# hashed lock file; for tests, Debian's Chromium), so a fresh clone needs only
# Python 3.11, make and git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve build test lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

$(BIN)/mkdocs: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	touch $@

serve: $(BIN)/mkdocs ## Serve the site live at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs ## Build the site into site/ (replaced only when the whole build succeeds)
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

chromium: ## Install Debian's Chromium for the browser tests, when it is missing
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Debian's Chromium: run 'sudo apt-get install chromium', then 'make test' again." >&2; exit 1; fi; }

test: build chromium ## Build, then run the whole test suite on the built site
	SITE_DIR=site $(BIN)/pytest

lock: $(BIN)/mkdocs ## Recompile requirements.txt from requirements.in (pins and hashes)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

clean: ## Remove the build and the virtual env
	rm -rf site site.tmp $(VENV)
