"""Score the recorded corpus run on part of a split, by article number: the articles first
labelled (c001-c048) against those added later (session 4: c049-c064, then c065-c088).

    .venv/bin/python scripts/corpus_subset.py --split test --ids 65-88 [--cassettes DIR] [--json F]

It links the chosen articles and their manifest rows into a temporary corpus and runs
``summarizer eval --run --replay`` on it, so the figures are the scorer's own.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "evals" / "corpus"


def _range(text: str) -> tuple[int, int]:
    lo, _, hi = text.partition("-")
    return int(lo), int(hi or lo)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["dev", "test"], required=True)
    ap.add_argument("--ids", type=_range, default=(1, 999), help="article numbers, e.g. 49-64")
    ap.add_argument(
        "--prefix", default="c", help="the ids' letter: c (the corpus), s (the sealed batches)"
    )
    ap.add_argument("--cassettes", default=str(ROOT / "tests" / "cassettes" / "corpus"))
    ap.add_argument("--json", help="write the JSON report here")
    args = ap.parse_args()
    rows = [
        r
        for r in json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
        if r["split"] == args.split
        and r["id"].startswith(args.prefix)
        and args.ids[0] <= int(r["id"][1:4]) <= args.ids[1]
    ]
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        for r in rows:
            (articles / f"{r['id']}.txt").symlink_to(CORPUS / "articles" / f"{r['id']}.txt")
        (Path(tmp) / "manifest.json").write_text(json.dumps(rows), encoding="utf-8")
        cmd = [
            sys.executable, "-m", "summarizer", "eval", "--run",
            "--replay", args.cassettes, "--articles", str(articles),
            "--gold", str(CORPUS / "gold"), "--split", args.split,
        ]  # fmt: skip
        if args.json:
            cmd += ["--json", args.json]
        return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
