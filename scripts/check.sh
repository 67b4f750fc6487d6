#!/usr/bin/env bash
# The project's checks, the same by hand and in CI: lint, format, types, the offline test suite,
# and the eval gates on the recorded runs of the seeds, the held-out set and both splits of the real
# corpus (no model needed).
set -euo pipefail
cd "$(dirname "$0")/.."
V=.venv/bin
$V/ruff check .
$V/ruff format --check .
$V/mypy
$V/lint-imports --no-cache
$V/python -m pytest -q
$V/summarizer eval --run --replay tests/cassettes/seeds --articles seeds --gold evals/gold \
  --grouping evals/digest.json --baseline evals/baseline.json
$V/summarizer eval --run --replay tests/cassettes/heldout --articles tests/fixtures/handmade \
  --gold evals/heldout/gold --baseline evals/heldout/baseline.json
for split in dev test; do
  $V/summarizer eval --run --replay tests/cassettes/corpus --split "$split" \
    --articles evals/corpus/articles --gold evals/corpus/gold \
    --baseline "evals/corpus/baseline_$split.json"
done
