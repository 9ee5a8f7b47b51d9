# Steepest's developer entry points. `make run` and `make test` are the whole quick start.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# uv from PATH when there is one; otherwise a private copy from PyPI under .tools/.
UV := $(shell command -v uv 2>/dev/null || echo .tools/uv/bin/uv)
# Without compiled bytecode `import sympy` costs 1.7 s instead of 0.3 s on this platform.
export UV_COMPILE_BYTECODE := 1

.PHONY: install run test test-fast lint typecheck lessons unit system-deps bench clean

$(UV):
	python3 -m pip install --quiet --target .tools/uv uv

# Idempotent: uv sync only changes what differs from the lock file.
install: $(UV)
	$(UV) sync --frozen --compile-bytecode --quiet

$(BIN)/steepest:
	$(MAKE) install

run: $(BIN)/steepest
	$(BIN)/steepest serve --host 127.0.0.1 --port 8000

# System packages the browser tests need (Debian); skipped when already present.
system-deps:
	bash scripts/system-deps.sh
	bash scripts/fetch-axe.sh

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# Every claim in the shipped lessons, worked out again by the engine.
lessons: install
	$(BIN)/steepest check

unit: install
	$(BIN)/pytest

test: install system-deps lint typecheck lessons unit

# All of `make test` but the tests that need Chromium or a PostgreSQL server: no system packages.
test-fast: install lint typecheck lessons
	$(BIN)/pytest -m "not browser and not postgres"

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .tools .pytest_cache .mypy_cache .ruff_cache .hypothesis
