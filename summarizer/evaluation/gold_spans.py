"""Fill in the character spans of the quotes in hand-labelled gold files.

A labeller writes only each quote's text; this finds it in the article and writes start/end.
Usage: python -m summarizer.evaluation.gold_spans evals/gold [--articles seeds]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..extraction.grounding import find_quote


def _walk(node: Any, raw: str, where: str, problems: list[str]) -> None:
    if isinstance(node, dict):
        ev = node.get("evidence")
        if isinstance(ev, list):
            for q in ev:
                found = find_quote(raw, q.get("text", ""))
                if found is None:
                    problems.append(f"{where}: quote not in article: {q.get('text', '')[:60]!r}")
                else:
                    q.update(found.model_dump())
        for key, value in node.items():
            if key != "evidence":
                _walk(value, raw, where, problems)
    elif isinstance(node, list):
        for item in node:
            _walk(item, raw, where, problems)


def fill(gold_path: Path, article_path: Path) -> list[str]:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = article_path.read_text(encoding="utf-8")
    problems: list[str] = []
    _walk(data, raw, gold_path.name, problems)
    if not problems:
        gold_path.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--articles", type=Path, default=Path("seeds"))
    args = ap.parse_args(argv)
    problems: list[str] = []
    for gold in sorted(args.gold.glob("*.json")):
        article = args.articles / (gold.stem + ".txt")
        if not article.exists():
            continue
        problems += fill(gold, article)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
