# Trauma-Informed London. `make help` lists the targets.
# Everything runs inside .venv, created from the hashed development lock on first use.
# requirements.lock is the production install (no test tools); requirements-dev.lock adds them.

SHELL := /bin/bash
PYTHON_BOOTSTRAP ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
BROWSER_TOOLS := tests/browser/node_modules/.installed
# Some machines' pip configuration names local package folders that are not there.
PIP_NOISE := is ignored: it is neither a file nor a directory

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast lint format check typecheck benchmarks bench messages lock audit clean browser-tools demo

help: ## Show this list
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements-dev.lock pyproject.toml
	@$(PYTHON_BOOTSTRAP) -c 'import sys; sys.exit("Python 3.11 or newer is needed.") if sys.version_info < (3, 11) else None'
	@echo "Installing dependencies into $(VENV) (first run takes a minute)..."
	@test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	@$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock > $(VENV)/pip.log 2>&1 \
		|| (grep -v "$(PIP_NOISE)" $(VENV)/pip.log; exit 1)
	@$(PY) -m pip install --quiet --no-deps -e . > $(VENV)/pip.log 2>&1 \
		|| (grep -v "$(PIP_NOISE)" $(VENV)/pip.log; exit 1)
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned dependencies and test tools

run: install ## Install, migrate, load the demo content if the site is empty, and serve on 127.0.0.1:8000
	@DEBUG=true $(PY) manage.py migrate --no-input -v0
	@DEBUG=true $(PY) manage.py load_demo_content --if-empty
	@DEBUG=true $(PY) manage.py create_local_admin
	@echo ""
	@echo "  Trauma-Informed London is running at http://$(HOST):$(PORT)/"
	@echo "  Editors sign in at http://$(HOST):$(PORT)/admin/  (Ctrl+C stops the server)"
	@echo ""
	@DEBUG=true $(PY) manage.py runserver --skip-checks $(HOST):$(PORT)

demo: install ## Load (or complete) the demo content in the local database
	@DEBUG=true $(PY) manage.py migrate --no-input -v0
	@DEBUG=true $(PY) manage.py load_demo_content

$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@bash .ci/install-browser-tools
	@cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

browser-tools: $(BROWSER_TOOLS) ## Install Chromium, a Java runtime, axe-core and the Nu Html Checker

lint: install ## Ruff lint and format check
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

format: install ## Format and fix the code with ruff
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

# Checked against an empty in-memory database, so a local database's state never matters.
check: install ## Django system checks and missing migrations
	@TESTING=true DATABASE_URL=sqlite://:memory: $(PY) manage.py check --fail-level WARNING
	@TESTING=true DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run --no-input -v1 > /dev/null \
		|| (echo "Models changed without a migration: run manage.py makemigrations"; exit 1)

# mypy over the app code; fails on an error that is not in .ci/mypy-baseline.txt, and on one
# listed there that is gone (the baseline only shrinks: `.venv/bin/python .ci/typecheck --update`).
typecheck: install ## Type-check the app code with mypy against the baseline (.ci/mypy-baseline.txt)
	@$(PY) .ci/typecheck

# The suite runs in PYTEST_WORKERS processes (pytest-xdist; each has its own test database and,
# if its tests need it, its own demo site). PYTEST_WORKERS=0 runs it in this process.
PYTEST_WORKERS ?= 2

test: install browser-tools lint check typecheck ## Run the whole suite: lint, checks, types, unit, admin, browser, server and budget tests
	@TESTING=true $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

test-fast: install typecheck ## The fast suite: types, then tests with no browser, demo site, servers or other processes
	@TESTING=true $(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -m "not browser and not demo and not server and not slow"

benchmarks: install browser-tools ## Print query counts and page sizes for every page type
	@TESTING=true $(PY) -m pytest tests/benchmarks -m benchmark -q

# Installs wrk with apt-get if it is missing (as root, or through sudo).
bench: install ## Load every page type with wrk, uncached and cached; print req/s and p99 (asserts nothing)
	@command -v wrk > /dev/null || { echo "Installing wrk..."; \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk > /dev/null; else sudo apt-get install -y wrk > /dev/null; fi; }
	@$(PY) tests/benchmarks/wrk_bench.py

messages: install ## Collect new interface strings into home/locale/ar, then compile it (needs gettext)
	@TESTING=true $(PY) manage.py makemessages -l ar --ignore ".venv/*" --ignore "tests/*" --ignore "var/*" --no-obsolete
	@TESTING=true $(PY) manage.py compilemessages -l ar --ignore ".venv/*"

UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet

# Production first, from the project's own dependencies only; the development lock adds the
# `dev` extra with the production lock as constraints, so tests run the versions production does.
lock: ## Re-pin (with hashes) requirements.lock (production) and requirements-dev.lock (adds test tools)
	@test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	@$(PY) -m pip install --quiet uv
	@$(UV_COMPILE) -o requirements.lock \
		--custom-compile-command "make lock  (production: uv pip compile pyproject.toml --generate-hashes)"
	@$(UV_COMPILE) --extra dev --constraints requirements.lock -o requirements-dev.lock \
		--custom-compile-command "make lock  (development: uv pip compile pyproject.toml --extra dev --constraints requirements.lock --generate-hashes)"
	@echo "Wrote requirements.lock (production) and requirements-dev.lock (development and tests)."

audit: install ## Check the production lock for known vulnerabilities (pip-audit; needs the internet)
	@$(PY) .ci/audit requirements.lock

clean: ## Remove the environment and local data (the demo site is rebuilt by make run)
	rm -rf $(VENV) var tests/browser/node_modules .mypy_cache
