"""Benchmark: the digest and the store on thousands of records.

    .venv/bin/python -m bench.digest [--sizes 1000,2000,4000,10000] [--code DIR] [--old-code DIR]

Records are built from the replayed corpus (evals/corpus, answered from tests/cassettes/corpus):
version v of an article has every stated year moved on by v (incident, publication and
programme dates), and each version is republished as 10 copies under other ids and outlets,
as wire copy is; the first N records are taken. The files are written under a temporary
directory, never in the repository.

For each size, in a fresh process (``python -m summarizer digest FILE --format json``, with the
code of ``--code``, default this checkout): wall seconds and peak resident set size (from the
kernel, ``os.wait4``: what ``/usr/bin/time -v`` prints as "Maximum resident set size").
``--old-code DIR`` (a checkout of the code before blocking, e.g. ``git worktree add /tmp/before
5c997b4``) runs the same sizes with that code too, up to ``--old-max`` records (the all-pairs
merge needs gigabytes beyond a few thousand), and gives the pairwise precision and recall of the
new grouping against the old on each size both ran and on the corpus itself.

Also: loading the largest size into a new store (``summarizer.store``) and loading it again
(which must add nothing), and the grouping F1 of the seeds against evals/digest.json.
It writes bench/digest.json and prints a Markdown table. It reports; it does not gate.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path
from typing import Any

from bench.run import machine
from summarizer.api import read_results, summarize_files
from summarizer.briefing.merge import build_digest, load_gold_grouping, score_grouping
from summarizer.schema import ArticleRecord, EventDate
from summarizer.settings import Settings
from summarizer.store import Store

ROOT = Path(__file__).resolve().parents[1]
COPIES = 10


def replayed(articles: Path, cassettes: Path) -> list[ArticleRecord]:
    settings = Settings.resolve(replay_dir=cassettes)
    return [r.record for r in summarize_files([articles], settings=settings) if r.record]


def _shift(d: EventDate, years: int) -> EventDate:
    return d.model_copy(update={"year": d.year + years}) if d.year is not None else d


def version(r: ArticleRecord, v: int, c: int) -> ArticleRecord:
    """Copy ``c`` of version ``v`` of a record: years moved on by v, another id and outlet."""
    data = r.model_copy(deep=True)
    for inc in data.incidents:
        inc.date = _shift(inc.date, v)
    for st in data.programme:
        st.date = _shift(st.date, v)
    if data.published is not None:
        data.published = _shift(data.published, v)
    return data.model_copy(
        update={"article_id": f"v{v:02d}c{c:02d}_{r.article_id}", "outlet": f"outlet {c}"}
    )


def build(base: list[ArticleRecord], n: int) -> list[ArticleRecord]:
    out: list[ArticleRecord] = []
    v = 0
    while len(out) < n:
        out += [version(r, v, c) for c in range(COPIES) for r in base]
        v += 1
    return out[:n]


def run_digest(code: Path, records: Path, out: Path, timeout: float) -> dict[str, Any]:
    """One digest in a fresh process: seconds and peak RSS (MB), or why it did not finish."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "summarizer", "digest", str(records), "--format", "json"]
    t0 = time.perf_counter()
    proc = subprocess.Popen([*command, "-o", str(out)], cwd=code, env=env, stderr=subprocess.PIPE)
    try:
        _, status, usage = os.wait4(proc.pid, 0) if timeout <= 0 else _wait(proc, timeout)
    except TimeoutError:
        return {"seconds": None, "peak_mb": None, "error": f"over {timeout:.0f} s"}
    seconds = time.perf_counter() - t0
    code_ = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if code_ != 0:
        return {"seconds": None, "peak_mb": None, "error": err.strip().splitlines()[-1:]}
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024)}


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        time.sleep(0.2)
    proc.kill()
    os.wait4(proc.pid, 0)
    raise TimeoutError


def _pairs(digest_json: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The digest's same-incident pairs, and those of them that are two exact copies."""
    d = json.loads(digest_json.read_text(encoding="utf-8"))
    out, copies = set(), set()
    for inc in d["incidents"]:
        rep = {}
        for m in inc["members"]:
            ref = f"{m['article_id']}#{m['incident']}"
            rep[ref] = m.get("copy_of") or ref
        pairs = set(combinations(sorted(rep), 2))
        out |= pairs
        copies |= {(a, b) for a, b in pairs if rep[a] == rep[b]}
    return out, copies


def agreement(new: Path, old: Path) -> dict[str, float]:
    """Pairwise precision and recall of the new grouping against the old one; also the
    precision without the pairs of exact copies (which the old merge linked only when they
    named a patrol number or a place)."""
    (p, copies), (g, _) = _pairs(new), _pairs(old)
    rest = p - copies
    return {
        "precision": len(p & g) / len(p) if p else 1.0,
        "recall": len(p & g) / len(g) if g else 1.0,
        "precision_without_copies": len(rest & g) / len(rest) if rest else 1.0,
        "pairs_new": len(p),
        "pairs_old": len(g),
        "pairs_new_copies": len(copies),
    }


def write_jsonl(records: list[ArticleRecord], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            line = {"article_id": r.article_id, "record": r.model_dump(mode="json")}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,4000,10000")
    ap.add_argument("--code", type=Path, default=ROOT)
    ap.add_argument("--old-code", type=Path, default=None)
    ap.add_argument("--old-max", type=int, default=2000)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "digest.json")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    base = replayed(ROOT / "evals/corpus/articles", ROOT / "tests/cassettes/corpus")
    seeds = replayed(ROOT / "seeds", ROOT / "tests/cassettes/seeds")
    f1 = score_grouping(build_digest(seeds), load_gold_grouping(ROOT / "evals/digest.json"))["f1"]
    result: dict[str, Any] = {"machine": machine(), "seeds_grouping_f1": f1, "rows": []}
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        work = Path(tmp)
        sets = {"corpus": base, **{str(n): build(base, n) for n in sizes}}
        for name, records in sets.items():
            path = work / f"{name}.jsonl"
            write_jsonl(records, path)
            row: dict[str, Any] = {"records": len(records), "set": name}
            row["new"] = run_digest(args.code, path, work / f"{name}.new.json", args.timeout)
            if args.old_code is not None and len(records) <= args.old_max:
                row["old"] = run_digest(
                    args.old_code, path, work / f"{name}.old.json", args.timeout
                )
                if row["old"].get("seconds") and row["new"].get("seconds"):
                    row["new_vs_old"] = agreement(
                        work / f"{name}.new.json", work / f"{name}.old.json"
                    )
            print(json.dumps(row), flush=True)
            result["rows"].append(row)
        largest = sets[str(max(sizes))]
        loaded = list(read_results(work / f"{max(sizes)}.jsonl").values())
        db = work / "store.duckdb"
        t0 = time.perf_counter()
        with Store(db) as store:
            first = store.add(r for r in loaded if r)
        t1 = time.perf_counter()
        with Store(db) as store:
            second = store.add(r for r in loaded if r)
        t2 = time.perf_counter()
        result["store"] = {
            "records": len(largest),
            "first_load_s": round(t1 - t0, 2),
            "added": first.added,
            "second_load_s": round(t2 - t1, 2),
            "second_added": second.added + second.replaced,
        }
    print(json.dumps(result["store"]), f"seeds grouping F1 {f1:.2f}")
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
