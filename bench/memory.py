"""Peak memory of a batch: does `summarize` hold more as the batch grows?

    .venv/bin/python -m bench.memory [--sizes 5,200] [--repeat 3]

For each size N it writes N copies of the seed articles under distinct ids (0000_<seed>.txt,
0001_<seed>.txt, ...) to a temporary directory and runs, in a fresh process,

    python -m summarizer summarize DIR --replay tests/cassettes/seeds -o out.jsonl

which answers every question from the recorded seed answers (no model is loaded; a copy's
requests are the same as its seed's, the id is not part of them). The peak resident set size
of that process comes from the kernel (``os.wait4``, the figure ``/usr/bin/time -v`` prints as
"Maximum resident set size"). It checks that the output has N lines with a record each, and
prints the peak per size and the ratio of the largest batch to the smallest, which should stay
within ``--limit`` (default 1.10). It writes bench/memory.json. It exits 1 when over the limit.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CASSETTES = ROOT / "tests" / "cassettes" / "seeds"


def peak_rss_mib(size: int, work: Path) -> float:
    """Run one batch of ``size`` articles in a new process; its peak RSS in MiB."""
    articles = work / f"batch{size}"
    articles.mkdir()
    for i in range(size):
        seed = SEEDS[i % len(SEEDS)]
        (articles / f"{i:04d}_{seed.name}").write_bytes(seed.read_bytes())
    out = work / f"out{size}.jsonl"
    env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(work / "cache")}
    command = [sys.executable, "-m", "summarizer", "summarize", str(articles)]
    command += ["--replay", str(CASSETTES), "-o", str(out)]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"the batch of {size} failed ({proc.returncode}):\n{err[-2000:]}")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if len(lines) != size or not all("record" in line for line in lines):
        raise SystemExit(f"the batch of {size} wrote {len(lines)} lines, not {size} records")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,200", help="batch sizes, comma-separated")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size (the median counts)")
    ap.add_argument("--limit", type=float, default=1.10, help="largest/smallest peak allowed")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    runs: dict[int, list[float]] = {size: [] for size in sizes}
    for n in range(args.repeat):
        for size in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                runs[size].append(peak_rss_mib(size, Path(tmp)))
            print(f"run {n + 1}: {size} articles, peak RSS {runs[size][-1]:.1f} MiB", flush=True)
    median = {size: statistics.median(v) for size, v in runs.items()}
    ratio = median[sizes[-1]] / median[sizes[0]]
    report = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "command": "python -m summarizer summarize DIR --replay tests/cassettes/seeds -o out.jsonl",
        "peak_rss_mib": {str(k): [round(x, 1) for x in v] for k, v in runs.items()},
        "median_mib": {str(k): round(v, 1) for k, v in median.items()},
        "ratio_largest_to_smallest": round(ratio, 3),
        "limit": args.limit,
    }
    (ROOT / "bench" / "memory.json").write_text(json.dumps(report, indent=2) + "\n")
    for size in sizes:
        print(f"{size:>6} articles: median peak RSS {median[size]:.1f} MiB")
    verdict = "within" if ratio <= args.limit else "OVER"
    print(f"ratio {ratio:.3f}: {verdict} the limit of {args.limit:.2f}")
    return 0 if ratio <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
