# The documented way to do things. `make run` and `make test` set up everything first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The address printed in the PDFs' verification line and QR code (PUBLIC_BASE_URL).
BASE_URL := http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# One process by default: the browser journeys (Playwright's sync API) leave an event loop in
# the process that runs them, after which Django refuses database calls there
# (SynchronousOnlyOperation), and pytest-xdist's --dist loadfile may hand such a process
# ordinary tests afterwards. PYTEST_WORKERS=2 runs the rest in parallel with -n 2:
# `make test PYTEST_WORKERS=2 PYTEST_ARGS="--ignore=tests/e2e"`.
PYTEST_WORKERS ?= 0

.PHONY: help install runtime-deps system-deps setup run test bench bench-run bench-email bench-cache screenshots lint format migrations-check messages ci clean

help:
	@echo "make run    - set up everything and serve on http://$(HOST):$(PORT)/ (with one background worker)"
	@echo "make test   - set up everything and run the whole test suite (PYTEST_ARGS=\"-m 'not slow'\" skips the slow ones)"
	@echo "make lint   - ruff, import-linter contracts and mypy"
	@echo "make bench  - seed a large PostgreSQL dataset and measure it over HTTP (docs/benchmarks.md)"
	@echo "make bench-email - one worker sends 1,000 queued emails to a local SMTP sink (docs/benchmarks.md)"
	@echo "make bench-cache - two gunicorn instances sharing Redis against the local-memory cache (docs/benchmarks.md)"

# The virtual environment is rebuilt only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Front-end assets (the Vazirmatn font) come from the npm registry, pinned by the lock file.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages: Pango for WeasyPrint, the tools the PDF tests use to check archival
# output (pdffonts, pdftotext, qpdf), and Chromium for the browser tests (tests/e2e drive
# /usr/bin/chromium with Playwright, which never downloads a browser). Installed when missing
# and we may (root, as on CI); otherwise we say what is needed.
SYSTEM_TOOLS := pdffonts pdftotext pdfsig pdfdetach qpdf zbarimg
CHROMIUM := /usr/bin/chromium
system-deps:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null || missing="$$missing $$t"; done; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing pango"; \
	test -x $(CHROMIUM) || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian packages (missing:$$missing)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      poppler-utils qpdf zbar-tools libpango-1.0-0 libpangoft2-1.0-0 chromium >/dev/null; \
	  else \
	    echo "Missing:$$missing. Install poppler-utils, qpdf, zbar-tools, libpango-1.0-0 and chromium (Debian)."; exit 1; \
	  fi; \
	fi

# What `make run` needs: Pango for WeasyPrint (the demo publishes minutes as PDFs).
runtime-deps:
	@ldconfig -p | grep -q libpangoft2-1.0 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	  else echo "Missing: the Pango library (Debian: libpango-1.0-0 libpangoft2-1.0-0)."; exit 1; fi; }

install: $(VENV)/.installed node_modules/.installed

# The demo seal certificate (a local demo CA, «گواهی آزمایشی — فقط برای نمایش») is made
# once, when no DJANGO_SIGNING_P12 is configured; see docs/pdf.md.
setup: install runtime-deps
	$(PY) manage.py make_demo_seal --if-missing
	$(PY) manage.py migrate --noinput
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-$(BASE_URL)} $(PY) manage.py load_demo --if-empty

# The server and one background worker (bin/run-dev), the PDFs of publications queued in
# the database for it (DJANGO_TASKS_BACKEND=database, the demo's included); Ctrl-C stops both.
run: export DJANGO_TASKS_BACKEND ?= database
run: setup
	@echo
	@echo "  The media committee tool is at http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py load_demo --logins
	@echo
	PUBLIC_BASE_URL=$${PUBLIC_BASE_URL:-$(BASE_URL)} PY=$(PY) bin/run-dev $(HOST):$(PORT)

test: setup system-deps
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The scale benchmark (bench/http_load.py): seeds a large dataset into PostgreSQL (started on
# loopback by .ci/postgres.sh, stopped afterwards), loads gunicorn with wrk, and writes the
# figures into docs/benchmarks.md. BENCH_ARGS passes options, e.g. BENCH_ARGS="--reseed".
BENCH_ARGS ?=
bench: install runtime-deps
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "Missing: wrk (Debian package wrk)."; exit 1; fi; }
	bash .ci/postgres.sh $(MAKE) bench-run

bench-run:
	$(PY) bench/http_load.py $(BENCH_ARGS)

# The outbox benchmark (bench/bench_email.py): one worker process sends 1,000 queued
# invitations to a local SMTP sink it starts on loopback; SQLite of its own, nothing to set up.
bench-email: install
	$(PY) bench/bench_email.py

# Two gunicorn instances sharing one cache, the local-memory cache against Redis
# (bench/shared_cache.py: Redis on loopback by .ci/redis.sh, the demo's SQLite or
# DATABASE_URL's PostgreSQL); figures into docs/benchmarks.md. BENCH_CACHE_ARGS passes options.
BENCH_CACHE_ARGS ?=
bench-cache: install runtime-deps
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "Missing: wrk (Debian package wrk)."; exit 1; fi; }
	$(PY) bench/shared_cache.py $(BENCH_CACHE_ARGS)

# Refresh docs/screenshots/ (desktop 1280 and phone 390 wide): the browser journeys write
# their screenshots there when E2E_SCREENSHOTS=1, and into a temporary folder otherwise.
screenshots: setup
	# The journeys take every picture again; the digest email's (taken from a mail client,
	# docs/e2e.md) is kept.
	find docs/screenshots -name '*.png' ! -name 'email-*' -delete
	E2E_SCREENSHOTS=1 $(PY) -m pytest tests/e2e/test_journey_*.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Regenerate the English catalogue from the Persian source strings, then compile it.
messages: install
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages -l en -l fa

ci: test lint migrations-check

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
