#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free loopback port, runs a command with
# STEEPEST_TEST_POSTGRES_URL pointing at it, then stops and deletes the cluster.
#   scripts/test-postgres.sh                       # the store tests
#   scripts/test-postgres.sh .venv/bin/pytest tests -q
#   scripts/test-postgres.sh bash                  # a shell, for psql or steepest serve by hand
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# == 0)); then
    set -- .venv/bin/pytest tests/store -q
fi
exec .venv/bin/python tests/postgres.py "$@"
