# Seen: `make demo` runs the app on the embedded default; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PWA_SOURCES := $(shell find pwa/src pwa/public pwa/index.html pwa/vite.config.ts pwa/package.json pwa/codegen.ts -type f 2>/dev/null) schema/schema.graphql

.PHONY: demo serve test test-sqlite bench install pwa schema migrations clean

demo: install pwa ## migrate, seed and serve the demo company at http://127.0.0.1:8000
	$(BIN)/seen demo

test: install pwa ## the whole suite: SQLite, PostgreSQL + Redis, architecture, browser tests
	$(BIN)/python -m pytest

test-sqlite: install pwa ## without PostgreSQL/Redis (they are skipped, locally only)
	SEEN_TEST_DATABASES=sqlite $(BIN)/python -m pytest

bench: install ## benchmarks under tests/bench (print figures and ratios)
	$(BIN)/python -m pytest tests/bench -m bench -s

install: $(BIN)/.installed

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

pwa: pwa/dist/index.html

pwa/node_modules/.package-lock.json: pwa/package-lock.json
	cd pwa && npm ci --no-audit --no-fund

pwa/dist/index.html: pwa/node_modules/.package-lock.json $(PWA_SOURCES)
	cd pwa && npm run build

schema: install ## regenerate schema/schema.graphql from the code
	$(BIN)/python -m schema.build > schema/schema.graphql

migrations: install ## create a migration after changing models (then read it)
	SEEN_DATA_DIR=$$(mktemp -d) $(BIN)/tortoise -c backend.core.db.TORTOISE_ORM makemigrations

clean:
	rm -rf $(VENV) pwa/node_modules pwa/dist
