# `make help` lists the targets. Each sets up what it needs (the virtual env from the
# hashed lock file; for tests, the Debian packages through `make system-packages`), so a fresh
# clone needs only Python 3.11, make and git.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYTHONDONTWRITEBYTECODE := 1

# Debian packages, all installed by `make system-packages` (which `make test` and `make bench`
# run): the downloads (WeasyPrint: Pango; fonts with Kazakh letters, found through fontconfig, for
# the PDFs and the share cards) and the tests (Chromium, Firefox ESR as Tor Browser's engine,
# pdftotext, zbarimg, Java for the Nu HTML Checker, Node and npm for axe-core, vnu-jar, Lighthouse
# and puppeteer-core, zimcheck and kiwix-serve for the ZIM files, nginx for `make preview` and the
# hosting tests), and minisign, which signs SHA256SUMS when minisign.pub declares a key (and checks
# signatures in the tests); a Java, Node or nginx already installed will do. `make serve` needs none of them.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fontconfig fonts-dejavu-core \
  chromium firefox-esr poppler-utils zbar-tools zim-tools kiwix-tools default-jre-headless nodejs npm nginx-light \
  minisign
# Values from outside are data: SITE_URL, ONION_URL, PORT, SIGNING_KEY and SIGNING_KEY_PASSWORD are
# kept as given (make never expands a `$` in them) and reach the scripts through the environment
# ("$$SITE_URL"; the downloads step reads SIGNING_KEY itself), never as shell code.
OUTSIDE_VALUES := SITE_URL ONION_URL PORT SIGNING_KEY SIGNING_KEY_PASSWORD
$(foreach v,$(OUTSIDE_VALUES),$(if $(filter command line environment,$(origin $(v))),$(eval override $(v) := $$(value $(v)))$(eval export $(v))))

.PHONY: help serve build release preview system-packages check test bench lock clean

help: ## List the targets
	@grep -E '^[a-z -]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

# The site's packages (requirements/site.txt), then the tests' (tests.txt), each exactly as pinned.
$(BIN)/mkdocs: requirements/site.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/site.txt
	touch $@

$(BIN)/pytest: requirements/tests.txt $(BIN)/mkdocs
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/tests.txt
	touch $@

serve: $(BIN)/mkdocs ## Serve the site live at http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# The downloads first (their own step: a file:// build, zip, single files, PDFs), then the site,
# which copies and lists them; site/ is replaced only when both succeed.
# One build at a time in a clone (they share site.tmp and .downloads): a second one stops at once,
# saying so, holding nothing of the first's (util-linux's flock, on .build.lock).
build: $(BIN)/mkdocs ## Build the site with its downloads into site/ (replaced only when the whole build succeeds)
	@exec 9>.build.lock; flock --nonblock 9 || { echo "Error: another build is running in this clone (.build.lock): wait for it to end, then build again" >&2; exit 1; }; \
	set -ex; rm -rf site.tmp; \
	PYTHONPATH=hooks $(BIN)/python -m downloads .downloads; \
	DOWNLOADS=.downloads $(BIN)/mkdocs build --strict --site-dir site.tmp; \
	rm -rf site && mv site.tmp site

# The addresses are checked first (no placeholder, example or local address; a missing final slash
# added); site/ and dist/ stay as they were unless everything succeeds. With a declared minisign.pub,
# the downloads step reads SIGNING_KEY (and SIGNING_KEY_PASSWORD) from the environment, as given.
release: $(BIN)/mkdocs system-packages node_modules/.package-lock.json ## Build for publishing at SITE_URL (optional ONION_URL; SIGNING_KEY with a minisign.pub), with dist/site.car and dist/CID for IPFS
	@site_url=$$(PYTHONPATH=hooks $(BIN)/python -m release address "$$SITE_URL") && \
	onion_url=$$(PYTHONPATH=hooks $(BIN)/python -m release onion "$$ONION_URL") && \
	$(MAKE) --no-print-directory build SITE_URL="$$site_url" ONION_URL="$$onion_url" && \
	PYTHONPATH=hooks $(BIN)/python -m release car site dist

# nginx as production configures it (deploy/nginx.conf and the build's site/_nginx.conf), run by
# the current user in the foreground, its files in .preview/.
preview: ## Serve the built site/ with nginx, as production would, at http://127.0.0.1:PORT/ (8080)
	$(PYTHON) deploy/preview.py site "$${PORT:-8080}"

system-packages: ## Install the Debian packages that the downloads and the tests need, if missing
	@missing=$$(for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || \
	  case $$p in default-jre-headless) command -v java;; nodejs) command -v node;; npm) command -v npm;; \
	    nginx-light) PATH=$$PATH:/usr/sbin command -v nginx;; *) false;; esac \
	    >/dev/null || echo $$p; done); \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing $$missing"; apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages: run 'sudo apt-get install $$missing', then make again." >&2; exit 1; fi; }

# Two tiers: `make check` builds no site (each step on small fixtures under tests/check/, the
# front-end scripts under node, the configuration and the languages), in seconds; `make test` runs
# it first, then builds the site and runs tests/site/ on it (pytest-xdist: one worker per core).
check: system-packages $(BIN)/pytest node_modules/.package-lock.json ## The fast tier: every step on small fixtures, no site build
	node --test tests/check/js/
	$(BIN)/pytest tests/check

test: check build ## Then build the site and run the site tier on it (browsers, servers, downloads)
	SITE_DIR=site $(BIN)/pytest tests/site -n auto --dist loadgroup

bench: $(BIN)/pytest system-packages node_modules/.package-lock.json ## Measure pages, search and build; write bench/latest.md
	$(BIN)/python bench/bench.py

# axe-core, Lighthouse, lunr, the Nu checker and ipfs-car, exactly as package-lock.json pins them.
node_modules/.package-lock.json: package-lock.json | system-packages
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

lock: ## Recompile requirements/*.txt from requirements/*.in (pins and hashes), with pinned pip-tools
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/tools.txt
	cd requirements && for name in site tests tools; do \
	  ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header \
	    --no-emit-index-url --no-emit-find-links --output-file $$name.txt $$name.in || exit 1; done

clean: ## Remove the build, the made downloads and the virtual env
	rm -rf site site.tmp .downloads dist dist.tmp .preview .build.lock $(VENV)
