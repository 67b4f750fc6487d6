#!/usr/bin/env bash
# The project's checks, the same by hand and in CI: lint, format, types, the offline test suite,
# and the eval gate on the recorded run of the seeds (no model needed).
set -euo pipefail
cd "$(dirname "$0")/.."
V=.venv/bin
$V/ruff check .
$V/ruff format --check .
$V/mypy
$V/python -m pytest -q
$V/summarizer eval --run --replay tests/cassettes/seeds --articles seeds --gold evals/gold \
  --grouping evals/digest.json --baseline evals/baseline.json
