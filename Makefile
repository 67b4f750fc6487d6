# Shortcuts; each target is one documented command (see README).
.PHONY: setup check test record baselines schemas bench

setup:            ## fresh machine: .venv, llama-cpp-python (safe CPU flags), default model
	scripts/setup.sh

check:            ## lint, format, types, offline tests, eval gate (what CI runs)
	scripts/check.sh

test:             ## offline test suite only
	.venv/bin/python -m pytest -q

record:           ## re-record the seed, held-out and corpus runs with the embedded model, then the baselines
	rm -rf tests/cassettes/seeds tests/cassettes/heldout tests/cassettes/corpus
	.venv/bin/summarizer summarize seeds/ --no-cache --record tests/cassettes/seeds -o /dev/null
	.venv/bin/summarizer summarize tests/fixtures/handmade/ --no-cache \
	  --record tests/cassettes/heldout -o /dev/null
	.venv/bin/summarizer summarize evals/corpus/articles/ --no-cache \
	  --record tests/cassettes/corpus -o /dev/null
	$(MAKE) baselines

baselines:        ## rewrite evals/**/baseline.* from the recorded runs (no model needed)
	.venv/bin/summarizer eval --run --replay tests/cassettes/seeds --grouping evals/digest.json \
	  --json evals/baseline.json --markdown evals/baseline.md
	.venv/bin/summarizer eval --run --replay tests/cassettes/heldout \
	  --articles tests/fixtures/handmade --gold evals/heldout/gold \
	  --json evals/heldout/baseline.json --markdown evals/heldout/baseline.md
	for split in dev test; do \
	  .venv/bin/summarizer eval --run --replay tests/cassettes/corpus --split $$split \
	    --articles evals/corpus/articles --gold evals/corpus/gold \
	    --json evals/corpus/baseline_$$split.json --markdown evals/corpus/baseline_$$split.md; \
	done

schemas:          ## regenerate schemas/*.json from the pydantic models
	.venv/bin/python -m summarizer.export_schemas schemas

bench:            ## benchmark the embedded 1.5B model on the corpus and the seeds (slow, needs the model)
	.venv/bin/python -m bench.run
