"""Benchmark: seconds, tokens and quality per article, against the model's own limit.

    .venv/bin/python -m bench.run [--models qwen2.5-coder-1.5b] [--sets corpus,seeds]

Article sets: the real-article corpus (evals/corpus, scored per split) and the five seeds.
For each local model, in one process on this machine (its CPU and SIMD flags are stated):
- raw llama.cpp throughput of the loaded model: prompt processing and generation tokens/s, from
  a plain evaluation of fixed length (no grammar, no sampling);
- per seed: wall seconds, prompt tokens sent and actually evaluated (the rest is the reused
  prefix), completion tokens, model calls, re-asks, and the field-level F1 of the eval harness;
- efficiency ratio = wall seconds / (evaluated prompt tokens / prompt tok/s + completion tokens /
  generation tok/s): 1.0 is the model's own limit; grammar, sampling and pipeline overhead show
  above it. In brackets, the same against generation under a JSON-schema grammar, which isolates
  the pipeline's own overhead from the cost of constrained decoding. Constrained generation is
  measured twice: with the tool's greedy grammar sampler (what the pipeline uses) and with
  llama-cpp-python's stock chain, which runs the grammar over the whole vocabulary every token;
- per set: median and worst seconds per article, the worst efficiency ratio, and the eval
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
from summarizer.extraction.text import load_article
from summarizer.llm.backends import EmbeddedBackend
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


def run_set(
    backend: EmbeddedBackend, settings: Settings, tps: dict[str, float], name: str
) -> dict[str, Any]:
    articles, gold, splits = SETS[name]
    extractor = Extractor(settings, backend=backend)
    rows = []
    t_batch = time.perf_counter()
    for path in sorted(articles.glob("*.txt")):
        before = _evaluated(backend)
        result = extractor.extract(load_article(path))
        evaluated = _evaluated(backend) - before - result.stats.completion_tokens
        limit = evaluated / tps["prompt_tps"] + result.stats.completion_tokens / tps["gen_tps"]
        constrained = evaluated / tps["prompt_tps"] + (
            result.stats.completion_tokens / tps["constrained_gen_tps"]
        )
        rows.append(
            {
                "article": path.name,
                "seconds": round(result.seconds, 2),
                "prompt_tokens": result.stats.prompt_tokens,
                "evaluated_prompt_tokens": evaluated,
                "completion_tokens": result.stats.completion_tokens,
                "calls": result.stats.calls,
                "reasks": result.stats.reasks,
                "efficiency_ratio": round(result.seconds / limit, 2) if limit else None,
                "efficiency_vs_constrained": round(result.seconds / constrained, 2)
                if constrained
                else None,
                "record": result.record,
                "error": result.error,
            }
        )
    seconds = time.perf_counter() - t_batch
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
        del r["record"]
    secs = [r["seconds"] for r in rows]
    return {
        "set": name,
        "articles": len(rows),
        "articles_per_minute": round(60 * len(rows) / seconds, 2),
        "median_seconds": round(statistics.median(secs), 2),
        "worst_seconds": round(max(secs), 2),
        "worst_efficiency_ratio": max((r["efficiency_ratio"] or 0) for r in rows),
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
    return {
        "model": name,
        "load_seconds": round(load_s, 2),
        "raw": {k: round(v, 1) for k, v in tps.items()},
        "sets": [run_set(backend, settings, tps, s) for s in sets],
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


def to_markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Measured {result['date']} on {m['cpu']}, {m['cores']} cores, SIMD "
        f"{' '.join(m['simd'])}, llama-cpp-python {m['llama_cpp_python']}.",
        "",
        "| model | set | raw prompt tok/s | raw gen tok/s | constrained gen tok/s (stock) "
        "| median s | worst s | worst efficiency | articles/min | field F1 | casualty figures "
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
                    f"{st['worst_efficiency_ratio']} | {st['articles_per_minute']}"
                    if split == "all"
                    else " | | | "
                )
                lines.append(
                    f"| {r['model']} | {label} | {r['raw']['prompt_tps']} | {r['raw']['gen_tps']} "
                    f"| {r['raw']['constrained_gen_tps']} ({stock}) | {timing} "
                    f"| {fig['field_f1']} | {fig['casualty_figure_accuracy']} "
                    f"| {fig['main_event_accuracy']} |"
                )
    for r in result["models"]:
        for st in r["sets"]:
            lines += [
                "",
                f"**{r['model']}**, {st['set']}, one batch with prefix reuse:",
                "",
                "| article | s | prompt tok (evaluated) | completion tok | calls | re-asks "
                "| efficiency (vs constrained) | field F1 |",
                "|---|---|---|---|---|---|---|---|",
            ]
            for row in st["rows"]:
                lines.append(
                    f"| {row['article'][:13]} | {row['seconds']} | {row['prompt_tokens']} "
                    f"({row['evaluated_prompt_tokens']}) | {row['completion_tokens']} | "
                    f"{row['calls']} | {row['reasks']} | {row['efficiency_ratio']} "
                    f"({row['efficiency_vs_constrained']}) | {row['field_f1']} |"
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
    args = ap.parse_args()
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "models": [
            bench_model(n, args.sets.split(","), args.record) for n in args.models.split(",")
        ],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "results.md").write_text(to_markdown(result))
    print(to_markdown(result))


if __name__ == "__main__":
    main()
