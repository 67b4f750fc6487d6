"""The pipeline's own seconds per article, outside the model: an old commit beside this one.

Both run ``summarizer summarize`` over the corpus answering every model question from the same
recordings (``--replay``), so the model's share is taken out and what is measured is cleaning,
parsing, proposing, segmenting, assembling and validating. A change that asks the model nothing
new (its requests are the recorded ones: the replay would fail otherwise) leaves the model's
seconds as they were, and its whole cost per article is the difference measured here; set it
against the model's median from ``make bench`` (``bench/results.json``) for the ratio.

    git worktree add --detach /tmp/before <commit>
    .venv/bin/python -m bench.pipeline --old-code /tmp/before

Each side runs twice, old then new then old then new, in fresh processes (parser and gazetteer
loads are counted once per process, not per article). Writes ``bench/pipeline.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.run import machine

ROOT = Path(__file__).resolve().parent.parent


def _run(code: Path, articles: Path, cassettes: Path) -> list[float]:
    """Seconds per article of one replayed run of the code in ``code``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        env = {**os.environ, "PYTHONPATH": str(code)}
        env["SUMMARIZER_PROMPTS_DIR"] = str(code / "prompts")
        subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", str(articles), "--replay",
             str(cassettes), "--no-cache", "-o", str(out)],
            cwd=code, env=env, check=True, capture_output=True,
        )  # fmt: skip
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [float(r["usage"]["seconds"]) for r in rows]


def _figures(seconds: list[float]) -> dict[str, Any]:
    return {
        "median_s": round(statistics.median(seconds), 3),
        "worst_s": round(max(seconds), 3),
        "total_s": round(sum(seconds), 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old-code", type=Path, required=True, help="a worktree of the old commit")
    ap.add_argument("--articles", type=Path, default=ROOT / "evals/corpus/articles")
    ap.add_argument("--cassettes", type=Path, default=ROOT / "tests/cassettes/corpus")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/pipeline.json")
    args = ap.parse_args()
    sides: dict[str, list[list[float]]] = {"old": [], "new": []}
    for _ in range(2):
        for name, code in (("old", args.old_code.resolve()), ("new", ROOT)):
            sides[name].append(_run(code, args.articles.resolve(), args.cassettes.resolve()))
    # the faster of the two runs of each article, to damp a shared machine's noise
    best = {name: [min(t) for t in zip(*runs, strict=True)] for name, runs in sides.items()}
    old, new = _figures(best["old"]), _figures(best["new"])
    result = {
        "machine": machine(),
        "articles": len(best["new"]),
        "old_code": str(args.old_code),
        "old": old,
        "new": new,
        "median_ratio": round(new["median_s"] / old["median_s"], 3),
        "added_median_s": round(new["median_s"] - old["median_s"], 3),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
