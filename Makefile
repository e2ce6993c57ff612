# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/liaison
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
# Test processes (pytest-xdist): one per core, each with its own database and broker.
TEST_PROCESSES ?= auto

.PHONY: run test install install-dev lint messages chromium services worker

# Create the PostgreSQL database of a URL when it does not exist yet.
define ensure_database
	@psql "$(dir $(1))postgres" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(1))'" \
		| grep -q 1 || createdb --maintenance-db="$(dir $(1))postgres" "$(notdir $(1))"
endef

run: install messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	TWO_FACTOR_REQUIRED=false $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev messages chromium services lint
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(BIN)/python -m pytest --create-db -n $(TEST_PROCESSES) $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --group dev
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: $(VENV)/.installed node_modules/.package-lock.json

install-dev: install $(VENV)/.installed-dev

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

services:
	@scripts/ensure_services.sh

# A worker for the real set-up (needs CELERY_BROKER_URL); beat runs the periodic sweeps.
worker: install
	$(BIN)/celery -A liaison worker --beat -l info

# One reminder sweep over 200,000 deadlines (BENCH_DEADLINES=1000000 for a million) on
# PostgreSQL: its time, queries and peak memory. The data set is rolled back afterwards.
SWEEP_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/liaison_bench
.PHONY: bench-sweep
bench-sweep: install services
	$(call ensure_database,$(SWEEP_BENCH_DATABASE_URL))
	DATABASE_URL=$(SWEEP_BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(SWEEP_BENCH_DATABASE_URL) $(BIN)/python manage.py bench_sweep $(if $(BENCH_DEADLINES),--deadlines $(BENCH_DEADLINES))

# The portal at government scale on PostgreSQL: builds the data set once (100,000
# dossiers, ~1,000,000 grants, 20,000 clearances, 200,000 deadlines) in a database of
# its own, then prints median and p95 server time and queries per page and role.
# BENCH_SIZE=1000000 for a million dossiers (in a database of its own); BENCH_ARGS="--repeat N";
# BENCH_ARGS="--server gunicorn" times the pages over HTTP from gunicorn (2 workers, DEBUG off).
BENCH_SIZE ?= 100000
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/liaison_bench$(if $(filter-out 100000,$(BENCH_SIZE)),_$(BENCH_SIZE))
.PHONY: bench
bench: install messages services
	$(call ensure_database,$(BENCH_DATABASE_URL))
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	BENCH_SIZE=$(BENCH_SIZE) DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench $(BENCH_ARGS)

# Backup and restore of the production data (README, "Backup and restore"): a pg_dump
# of DATABASE_URL and a tar of MEDIA_ROOT; restore only into an empty database.
BACKUP ?= backups/$(shell date -u +%Y%m%dT%H%M%SZ)
.PHONY: backup restore
backup:
	scripts/backup.sh $(BACKUP)

restore:
	@test -n "$(filter command line,$(origin BACKUP))" || (echo "make restore BACKUP=backups/<time>" >&2; exit 1)
	scripts/restore.sh $(BACKUP)
