"""Benchmark: seconds, tokens and quality per article, against the model's own limit.

    .venv/bin/python -m bench.run [--models qwen2.5-coder-1.5b] [--sets corpus,seeds]

Article sets: the real-article corpus (evals/corpus, scored per split) and the five seeds.
For each local model, in one process on this machine (its CPU and SIMD flags are stated):
- raw llama.cpp throughput of the loaded model: prompt processing and generation tokens/s, from
  a plain evaluation of fixed length (no grammar, no sampling);
- the same raw speeds again during the run ("probes", in a second context of the model, every four
  articles): a shared VM's speed drifts with its neighbours' load, and the hypervisor's steal time
  per article is recorded too;
- per article: wall seconds, prompt tokens sent and actually evaluated (the rest is the reused
  prefix), completion tokens, model calls, re-asks, steal seconds, and the field-level F1;
- efficiency ratio = wall seconds / (evaluated prompt tokens / prompt tok/s + completion tokens /
  generation tok/s), with the speeds of the probes just before and after the article: 1.0 is the
  model's own limit on the machine as it was then; grammar, sampling and pipeline overhead show
  above it. The same against the speeds measured before the run is kept as "vs start". In
  brackets, the same against generation under a JSON-schema grammar, which isolates
  the pipeline's own overhead from the cost of constrained decoding. Constrained generation is
  measured twice: with the tool's greedy grammar sampler (what the pipeline uses) and with
  llama-cpp-python's stock chain, which runs the grammar over the whole vocabulary every token;
- per set: median and worst seconds per article, the worst efficiency ratios, and the eval
  figures (field F1, casualty-figure accuracy, main-event accuracy; per split for the corpus).
It writes bench/results.json and bench/results.md. It reports; it does not gate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from summarizer.api import evaluate
from summarizer.extraction.extract import Extractor
from summarizer.llm.backends import EmbeddedBackend
from summarizer.reading.text import load_article
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SETS = {  # name: (articles, gold, splits)
    "corpus": (ROOT / "evals/corpus/articles", ROOT / "evals/corpus/gold", ("dev", "test")),
    "seeds": (ROOT / "seeds", ROOT / "evals/gold", ()),
}
SIMD = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512_vnni", "avx_vnni", "amx_tile")


def raw_throughput(
    backend: EmbeddedBackend, n_prompt: int = 512, n_gen: int = 64
) -> dict[str, float]:
    """What the loaded model does on this machine, after a warm-up (the first evaluation after
    loading pays for paging the weights in): prompt processing of ``n_prompt`` tokens, plain
    generation of ``n_gen`` tokens, and generation under a JSON-schema grammar (what the
    pipeline's constrained answers cost per token), with this tool's sampler
    (``llm.grammar_sampler``) and with llama-cpp-python's stock grammar chain."""
    from summarizer.extraction.drafts import ArticleAnswer

    llm = backend._load()
    tokens = [llm.token_bos()] + [1000 + (i % 500) for i in range(n_prompt - 1)]
    llm.reset()
    llm.eval(tokens[:64])  # warm-up
    llm.reset()
    t0 = time.perf_counter()
    llm.eval(tokens)
    t1 = time.perf_counter()
    for _ in range(n_gen):
        llm.eval([1000])
    t2 = time.perf_counter()
    messages = [{"role": "user", "content": "Describe a convoy attack as JSON, verbosely."}]
    schema = {"type": "json_object", "schema": ArticleAnswer.model_json_schema()}

    def constrained(fast: bool) -> float:
        llm.fast_grammar = fast
        llm.reset()
        first = llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0,
                                           response_format=schema)  # fmt: skip
        t0 = time.perf_counter()
        out = llm.create_chat_completion(messages=messages, max_tokens=n_gen * 2, temperature=0,
                                         response_format=schema)  # fmt: skip
        n = out["usage"]["completion_tokens"] - first["usage"]["completion_tokens"]
        llm.fast_grammar = True
        llm.reset()
        return n / (time.perf_counter() - t0)

    return {
        "prompt_tps": n_prompt / (t1 - t0),
        "gen_tps": n_gen / (t2 - t1),
        "constrained_gen_tps": constrained(fast=True),
        "stock_constrained_gen_tps": constrained(fast=False),
    }


def _evaluated(backend: EmbeddedBackend) -> int:
    import llama_cpp

    data = llama_cpp.llama_perf_context(backend._load()._ctx.ctx)
    return int(data.n_p_eval + data.n_eval)


def casualty_pairs(incidents: list[Any]) -> list[tuple[int | None, int | None]]:
    """(killed, injured) of every claim that gives a number: the peer row's lenient measure."""
    return [
        (c["killed"], c["injured"])
        for inc in incidents
        for c in inc.get("casualty_claims", [])
        if c.get("killed") is not None or c.get("injured") is not None
    ]


def pairs_found(record: Any, gold_file: Path) -> tuple[int, int]:
    """Gold claims whose (killed, injured) pair the record also gives anywhere in the article
    (no claim alignment, the measure bench/peer.py applies to langextract): (found, gold)."""
    gold = casualty_pairs(json.loads(gold_file.read_text(encoding="utf-8")).get("incidents", []))
    mine = set(casualty_pairs(record.model_dump()["incidents"])) if record is not None else set()
    return sum(pair in mine for pair in gold), len(gold)


class Probe:
    """The machine's raw speed during the run, not only before it: a second llama.cpp context of
    the same model (the main context keeps its reused prefix) evaluates ``n_prompt`` tokens and
    decodes ``n_gen``, between articles. A shared 2-core VM slows and speeds up as its neighbours
    work; an article's efficiency is judged against the probes taken around it."""

    def __init__(self, backend: EmbeddedBackend, n_prompt: int = 256, n_gen: int = 32) -> None:
        from llama_cpp import Llama

        main = backend._load()
        self.n_prompt, self.n_gen = n_prompt, n_gen
        self.llm = Llama(
            model_path=str(backend.path),
            n_ctx=n_prompt + n_gen + 16,
            n_threads=main.n_threads,
            verbose=False,
        )
        self.tokens = [self.llm.token_bos()] + [1000 + (i % 500) for i in range(n_prompt - 1)]
        self.measure()  # warm-up

    def measure(self) -> tuple[float, float]:
        self.llm.reset()
        t0 = time.perf_counter()
        self.llm.eval(self.tokens)
        t1 = time.perf_counter()
        for _ in range(self.n_gen):
            self.llm.eval([1000])
        t2 = time.perf_counter()
        return self.n_prompt / (t1 - t0), self.n_gen / (t2 - t1)


def _steal_seconds() -> float:
    """CPU time the hypervisor gave to other guests since boot (``steal`` in /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()
        return int(fields[8]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _ratio(
    seconds: float, evaluated: int, completion: int, prompt_tps: float, gen_tps: float
) -> float:
    need = evaluated / prompt_tps + completion / gen_tps
    return round(seconds / need, 2) if need else 0.0


def run_set(
    backend: EmbeddedBackend,
    settings: Settings,
    tps: dict[str, float],
    name: str,
    probe: Probe,
    every: int = 4,
) -> dict[str, Any]:
    articles, gold, splits = SETS[name]
    extractor = Extractor(settings, backend=backend)
    rows = []
    probes = [(0, *probe.measure())]  # (articles done, prompt tok/s, gen tok/s)
    paths = sorted(articles.glob("*.txt"))
    for i, path in enumerate(paths, 1):
        before, steal = _evaluated(backend), _steal_seconds()
        result = extractor.extract(load_article(path))
        evaluated = _evaluated(backend) - before - result.stats.completion_tokens
        rows.append(
            {
                "article": path.name,
                "seconds": round(result.seconds, 2),
                "prompt_tokens": result.stats.prompt_tokens,
                "evaluated_prompt_tokens": evaluated,
                "completion_tokens": result.stats.completion_tokens,
                "calls": result.stats.calls,
                "reasks": result.stats.reasks,
                "steal_seconds": round(_steal_seconds() - steal, 2),
                "record": result.record,
                "error": result.error,
            }
        )
        if i % every == 0 or i == len(paths):
            probes.append((i, *probe.measure()))
    grammar_share = tps["constrained_gen_tps"] / tps["gen_tps"]
    for i, r in enumerate(rows):
        # the probes taken just before and just after this article
        lo = max(p for p in probes if p[0] <= i)
        hi = min(p for p in probes if p[0] > i)
        p_tps, g_tps = (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2
        ev, comp = r["evaluated_prompt_tokens"], r["completion_tokens"]
        r["efficiency_ratio"] = _ratio(r["seconds"], ev, comp, p_tps, g_tps)
        r["efficiency_vs_constrained"] = _ratio(
            r["seconds"], ev, comp, p_tps, g_tps * grammar_share
        )
        r["efficiency_vs_start"] = _ratio(r["seconds"], ev, comp, tps["prompt_tps"], tps["gen_tps"])
    preds = {r["article"]: r["record"] for r in rows}
    report = evaluate(preds, gold=gold, articles=articles)
    per_article = {a.article_id: a.field_f1 for a in report.articles}
    figures = {"all": _figures(report.figures)}
    for split in splits:
        figures[split] = _figures(
            evaluate(preds, gold=gold, articles=articles, split=split).figures
        )
    for r in rows:
        r["field_f1"] = round(per_article.get(r["article"], 0.0), 3)
        r["casualty_pairs"] = pairs_found(
            r.pop("record"), gold / r["article"].replace(".txt", ".json")
        )
    secs = [r["seconds"] for r in rows]
    return {
        "set": name,
        "articles": len(rows),
        "articles_per_minute": round(60 * len(rows) / sum(secs), 2),  # probes left out
        "median_seconds": round(statistics.median(secs), 2),
        "worst_seconds": round(max(secs), 2),
        "worst_efficiency_ratio": max(r["efficiency_ratio"] for r in rows),
        "worst_efficiency_vs_start": max(r["efficiency_vs_start"] for r in rows),
        "steal_seconds": round(sum(r["steal_seconds"] for r in rows), 1),
        "probes": [
            {"after_articles": n, "prompt_tps": round(pt, 1), "gen_tps": round(gt, 1)}
            for n, pt, gt in probes
        ],
        "errors": sum(r["error"] is not None for r in rows),
        "figures": figures,
        "rows": rows,
    }


def _figures(figures: dict[str, float]) -> dict[str, float]:
    keep = ("field_f1", "incident_f1", "casualty_figure_accuracy", "main_event_accuracy")
    return {k: round(figures[k], 3) for k in keep}


def bench_model(name: str, sets: list[str], record: Path | None = None) -> dict[str, Any]:
    settings = Settings.resolve(model=name, use_cache=False, record_dir=record)
    backend = EmbeddedBackend(settings)
    t0 = time.perf_counter()
    backend._load()
    load_s = time.perf_counter() - t0
    tps = raw_throughput(backend)
    import llama_cpp

    llama_cpp.llama_perf_context_reset(backend._load()._ctx.ctx)
    probe = Probe(backend)
    return {
        "model": name,
        "load_seconds": round(load_s, 2),
        "raw": {k: round(v, 1) for k, v in tps.items()},
        "sets": [run_set(backend, settings, tps, s, probe) for s in sets],
    }


def machine() -> dict[str, Any]:
    import llama_cpp

    cpu, flags = platform.processor(), set()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
        if line.startswith(("flags", "Features")):
            flags = set(line.split(":", 1)[1].split())
    return {
        "cpu": cpu,
        "simd": [f for f in SIMD if f in flags],
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "llama_cpp_python": llama_cpp.__version__,
        "llama_cpp_system_info": llama_cpp.llama_print_system_info().decode()[:300],
    }


def peer_row(peer: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The peer's figures (bench/peer_results.json, from scripts/bench_peer.sh) beside this tool's
    on the same articles of this run's corpus set (same model, same machine)."""
    ids = {f"{r['article']}.txt" for r in peer["rows"]}
    mine = [
        row
        for m in result["models"][:1]
        for st in m["sets"]
        if st["set"] == "corpus"
        for row in st["rows"]
        if row["article"] in ids
    ]
    secs = [r["seconds"] for r in mine]
    found = sum(r["casualty_pairs"][0] for r in mine)
    total = sum(r["casualty_pairs"][1] for r in mine)
    return {
        "peer": peer["peer"],
        "articles": peer["articles"],
        "split": peer.get("split"),
        "peer_median_seconds": peer["median_seconds"],
        "peer_worst_seconds": peer["worst_seconds"],
        "peer_casualty_pairs": peer["casualty_figures"],
        "peer_errors": peer["errors"],
        "tool_articles": len(mine),
        "tool_median_seconds": round(statistics.median(secs), 2) if secs else None,
        "tool_worst_seconds": max(secs) if secs else None,
        "tool_casualty_pairs": f"{found}/{total}",
    }


def to_markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Measured {result['date']} on {m['cpu']}, {m['cores']} cores, SIMD "
        f"{' '.join(m['simd'])}, llama-cpp-python {m['llama_cpp_python']}.",
        "",
        "| model | set | raw prompt tok/s | raw gen tok/s | constrained gen tok/s (stock) "
        "| median s | worst s | worst efficiency (vs start) | articles/min | field F1 "
        "| casualty figures "
        "| main event |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["models"]:
        stock = r["raw"].get("stock_constrained_gen_tps", "–")
        for st in r["sets"]:
            for split, fig in st["figures"].items():
                label = st["set"] if split == "all" else f"{st['set']} {split}"
                timing = (
                    f"{st['median_seconds']} | {st['worst_seconds']} | "
                    f"{st['worst_efficiency_ratio']} ({st['worst_efficiency_vs_start']}) | "
                    f"{st['articles_per_minute']}"
                    if split == "all"
                    else " | | | "
                )
                lines.append(
                    f"| {r['model']} | {label} | {r['raw']['prompt_tps']} | {r['raw']['gen_tps']} "
                    f"| {r['raw']['constrained_gen_tps']} ({stock}) | {timing} "
                    f"| {fig['field_f1']} | {fig['casualty_figure_accuracy']} "
                    f"| {fig['main_event_accuracy']} |"
                )
    if "peer" in result:
        p = result["peer"]
        lines += [
            "",
            f"Peer row: {p['peer']} on the same model through llama-cpp-python's server, "
            f"{p['articles']} corpus articles ({p['split'] or 'all'} split), against this tool "
            "on the same articles in this run (casualty pairs: gold claims whose (killed, "
            "injured) pair the output gives anywhere in the article):",
            "",
            "| tool | articles | median s | worst s | casualty pairs | errors |",
            "|---|---|---|---|---|---|",
            f"| {p['peer']} | {p['articles']} | {p['peer_median_seconds']} "
            f"| {p['peer_worst_seconds']} | {p['peer_casualty_pairs']} | {p['peer_errors']} |",
            f"| this tool | {p['tool_articles']} | {p['tool_median_seconds']} "
            f"| {p['tool_worst_seconds']} | {p['tool_casualty_pairs']} | 0 |",
        ]
    for r in result["models"]:
        for st in r["sets"]:
            probes = ", ".join(f"{p['prompt_tps']}/{p['gen_tps']}" for p in st.get("probes", []))
            lines += [
                "",
                f"**{r['model']}**, {st['set']}, one batch with prefix reuse. Raw prompt/gen "
                f"tok/s probed during the run: {probes}; steal {st.get('steal_seconds')} s.",
                "",
                "| article | s | prompt tok (evaluated) | completion tok | calls | re-asks "
                "| efficiency (vs constrained) | vs start | steal s | field F1 |",
                "|---|---|---|---|---|---|---|---|---|---|",
            ]
            for row in st["rows"]:
                lines.append(
                    f"| {row['article'][:13]} | {row['seconds']} | {row['prompt_tokens']} "
                    f"({row['evaluated_prompt_tokens']}) | {row['completion_tokens']} | "
                    f"{row['calls']} | {row['reasks']} | {row['efficiency_ratio']} "
                    f"({row['efficiency_vs_constrained']}) | {row.get('efficiency_vs_start')} "
                    f"| {row.get('steal_seconds')} | {row['field_f1']} |"
                )
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--models", default="qwen2.5-coder-1.5b")
    ap.add_argument("--sets", default="corpus,seeds")
    ap.add_argument(
        "--record", type=Path, help="also write every response here (the run is a recording)"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench")
    ap.add_argument(
        "--peer",
        type=Path,
        default=ROOT / "bench/peer_results.json",
        help="the peer row's results (scripts/bench_peer.sh), shown beside this run if present",
    )
    ap.add_argument(
        "--markdown-only",
        action="store_true",
        help="no model: rewrite results.md from results.json and the peer results",
    )
    args = ap.parse_args()
    if args.markdown_only:
        result = json.loads((args.out / "results.json").read_text())
        if args.peer.is_file():
            result["peer"] = peer_row(json.loads(args.peer.read_text()), result)
        (args.out / "results.md").write_text(to_markdown(result))
        print(to_markdown(result))
        return
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "models": [
            bench_model(n, args.sets.split(","), args.record) for n in args.models.split(",")
        ],
    }
    if args.peer.is_file() and "corpus" in args.sets.split(","):
        result["peer"] = peer_row(json.loads(args.peer.read_text()), result)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "results.md").write_text(to_markdown(result))
    print(to_markdown(result))


if __name__ == "__main__":
    main()
