# `make help` lists the targets. Each sets up what it needs (the virtual env from the
# hashed lock file; for tests, Debian's Chromium), so a fresh clone needs only
# Python 3.11, make and git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1
# Dates in the downloads come from the last commit, so that two builds are byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

# Debian packages: the PDF (WeasyPrint: Pango, fonts with Kazakh letters) and the tests
# (Chromium, pdftotext, zbarimg, Java for the Nu HTML Checker, Node and npm for axe-core and
# Lighthouse); a Java or Node already on the PATH will do.
BUILD_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_DEBS := chromium poppler-utils zbar-tools default-jre-headless nodejs npm

.PHONY: help serve build build-debs test-debs test bench lock clean

help: ## List the targets
	@grep -E '^[a-z -]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

$(BIN)/mkdocs: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	touch $@

serve: $(BIN)/mkdocs ## Serve the site live at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(BIN)/mkdocs build-debs ## Build the site into site/ (replaced only when the whole build succeeds)
	rm -rf site.tmp
	$(BIN)/mkdocs build --strict --site-dir site.tmp
	rm -rf site && mv site.tmp site

build-debs: DEBS = $(BUILD_DEBS)
test-debs: DEBS = $(TEST_DEBS)
build-debs test-debs: ## Install the Debian packages for the build (or the tests) that are missing
	@missing=$$(for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || \
	  case $$p in default-jre-headless) command -v java;; nodejs) command -v node;; npm) command -v npm;; *) false;; esac \
	    >/dev/null || echo $$p; done); \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing $$missing"; apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages: run 'sudo apt-get install $$missing', then make again." >&2; exit 1; fi; }

test: build test-debs node_modules/.package-lock.json ## Build, then run the whole test suite on the built site
	node --test tests/js/
	SITE_DIR=site $(BIN)/pytest

bench: $(BIN)/mkdocs build-debs test-debs node_modules/.package-lock.json ## Measure pages, search and build; write bench/latest.md
	$(BIN)/python bench/bench.py

# axe-core, Lighthouse, lunr and the Nu checker, exactly as package-lock.json pins them.
node_modules/.package-lock.json: package-lock.json test-debs
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lock: $(BIN)/mkdocs ## Recompile requirements.txt from requirements.in (pins and hashes)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in

clean: ## Remove the build and the virtual env
	rm -rf site site.tmp $(VENV)
