# Shortcuts; each target is one documented command (see README).
.PHONY: setup check test record schemas bench

setup:            ## fresh machine: .venv, llama-cpp-python (safe CPU flags), default model
	scripts/setup.sh

check:            ## lint, format, types, offline tests, eval gate (what CI runs)
	scripts/check.sh

test:             ## offline test suite only
	.venv/bin/python -m pytest -q

record:           ## re-record the seed and held-out runs with the embedded model, then the baselines
	rm -rf tests/cassettes/seeds tests/cassettes/heldout
	.venv/bin/summarizer summarize seeds/ --no-cache --record tests/cassettes/seeds -o /dev/null
	.venv/bin/summarizer summarize tests/fixtures/handmade/ --no-cache \
	  --record tests/cassettes/heldout -o /dev/null
	.venv/bin/summarizer eval --run --replay tests/cassettes/seeds --grouping evals/digest.json \
	  --json evals/baseline.json --markdown evals/baseline.md
	.venv/bin/summarizer eval --run --replay tests/cassettes/heldout \
	  --articles tests/fixtures/handmade --gold evals/heldout/gold \
	  --json evals/heldout/baseline.json --markdown evals/heldout/baseline.md

schemas:          ## regenerate schemas/*.json from the pydantic models
	.venv/bin/python -m summarizer.export_schemas schemas

bench:            ## benchmark the embedded models on the seeds (slow, needs the models)
	.venv/bin/python -m bench.run
