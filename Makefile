# Circulair Leren — everything bootstraps from a bare `python3` (and make).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
UV_VERSION := 0.13.8
HOST ?= 127.0.0.1
PORT ?= 8000
UTRECHT_CSS := node_modules/@utrecht/component-library-css/dist/index.css
VENDOR_CSS := static_src/vendor/utrecht/component-library.css

.PHONY: help install install-prod assets run test test-fast worker lint format migrate demo messages clean

help:
	@echo "make run      site with demo content at http://$(HOST):$(PORT)"
	@echo "make test     the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set), in parallel"
	@echo "make worker   Celery worker and beat against CELERY_BROKER_URL"
	@echo "make lint     ruff and the import contract (lint-imports: apps depend one way)"
	@echo "make install-prod  production: runtime dependencies only (no test tools, no Node.js)"

# The virtualenv, with the locked dependencies (uv.lock) installed by uv.
$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip --disable-pip-version-check -q install "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --inexact --python $(PY)
	@# Bytecode for the installed packages at install time, as pip makes it (uv does not): else
	@# every process of the first run compiles Django and Wagtail again for itself (the two test
	@# workers each spent ~7 s of CPU on it while collecting). Where PYTHONDONTWRITEBYTECODE is
	@# set it goes where the tests look for it (TEST_BYTECODE, below).
	$(TEST_BYTECODE) $(PY) -m compileall -q -j 0 $(VENV)/lib >/dev/null
	@touch $@

install: $(VENV)/.synced

# Production: only the runtime dependencies of uv.lock, without the dev group (pytest,
# Playwright, Node.js, ruff). The NL Design System CSS is in the repository
# (static_src/vendor/), so collectstatic needs no npm.
install-prod: pyproject.toml uv.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip --disable-pip-version-check -q install "uv==$(UV_VERSION)"
	@rm -f $(VENV)/.synced
	$(BIN)/uv sync --frozen --no-dev --python $(PY)

# NL Design System CSS from npm (package-lock.json), using the Node.js that the venv carries.
# The copy in static_src/vendor/ is committed (production builds without Node.js); the CI
# checks that it equals what npm installs.
node_modules/.installed: package.json package-lock.json $(VENV)/.synced
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR_CSS): node_modules/.installed
	@mkdir -p $(dir $@)
	cp $(UTRECHT_CSS) $@

assets: $(VENDOR_CSS)

migrate: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: assets demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# In parallel (pytest-xdist): one worker per CPU core, each with its own test database
# (test_<name>_gw0, …). --dist loadgroup: the tests that read the demo go to one worker, which
# loads the demo once for them (tests/conftest.py). PYTEST_WORKERS=0 runs in this process.
# Where PYTHONDONTWRITEBYTECODE is set, Python keeps no bytecode, and each of the ~20 Python
# processes of a run (the workers, the checks of the production settings in fresh processes,
# gunicorn, Celery, lint-imports) compiled Django and Wagtail from source again, some 3 s of
# CPU each. The tests keep their bytecode under var/pycache then, never beside the sources.
PYTEST_WORKERS ?= auto
TEST_BYTECODE := $(if $(PYTHONDONTWRITEBYTECODE),PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/var/pycache)
test: install assets
	$(TEST_BYTECODE) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

worker: install
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0"; exit 2; }
	$(BIN)/celery -A learning worker --beat --loglevel=INFO --schedule=var/celerybeat-schedule

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -l en

clean:
	rm -rf $(VENV) node_modules var/static
