"""Benchmark: seconds, tokens and quality per seed article, against the model's own limit.

    .venv/bin/python -m bench.run [--models qwen2.5-coder-1.5b,qwen2.5-coder-0.5b]

For each local model, in one process on this machine:
- raw llama.cpp throughput of the loaded model: prompt processing and generation tokens/s, from
  a plain evaluation of fixed length (no grammar, no sampling);
- per seed: wall seconds, prompt tokens sent and actually evaluated (the rest is the reused
  prefix), completion tokens, model calls, re-asks, and the field-level F1 of the eval harness;
- efficiency ratio = wall seconds / (evaluated prompt tokens / prompt tok/s + completion tokens /
  generation tok/s): 1.0 is the model's own limit; grammar, sampling and pipeline overhead show
  above it. In brackets, the same against generation under a JSON-schema grammar, which isolates
  the pipeline's own overhead from the cost of constrained decoding;
- the batch with prefix reuse (the normal path) and with the model's cache reset before every
  call (no reuse), as articles per minute.
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
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


class NoReuse(EmbeddedBackend):
    """The embedded backend with the model's prompt cache dropped before every call."""

    def create(self, **kwargs: Any) -> Any:
        self._load().reset()
        return super().create(**kwargs)


def raw_throughput(
    backend: EmbeddedBackend, n_prompt: int = 512, n_gen: int = 64
) -> dict[str, float]:
    """What the loaded model does on this machine, after a warm-up (the first evaluation after
    loading pays for paging the weights in): prompt processing of ``n_prompt`` tokens, plain
    generation of ``n_gen`` tokens, and generation under a JSON-schema grammar (what the
    pipeline's constrained answers cost per token)."""
    from summarizer.extraction.drafts import DetailsAnswer

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
    llm.reset()
    messages = [{"role": "user", "content": "Describe a convoy attack as JSON, verbosely."}]
    schema = {"type": "json_object", "schema": DetailsAnswer.model_json_schema()}
    first = llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0,
                                       response_format=schema)  # fmt: skip
    t3 = time.perf_counter()
    out = llm.create_chat_completion(messages=messages, max_tokens=n_gen * 2, temperature=0,
                                     response_format=schema)  # fmt: skip
    t4 = time.perf_counter()
    n = out["usage"]["completion_tokens"] - first["usage"]["completion_tokens"]
    llm.reset()
    return {
        "prompt_tps": n_prompt / (t1 - t0),
        "gen_tps": n_gen / (t2 - t1),
        "constrained_gen_tps": n / (t4 - t3),
    }


def _evaluated(backend: EmbeddedBackend) -> int:
    import llama_cpp

    data = llama_cpp.llama_perf_context(backend._load()._ctx.ctx)
    return int(data.n_p_eval + data.n_eval)


def run_batch(
    backend: EmbeddedBackend, settings: Settings, tps: dict[str, float]
) -> dict[str, Any]:
    extractor = Extractor(settings, backend=backend)
    rows = []
    t_batch = time.perf_counter()
    for path in SEEDS:
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
    report = evaluate({r["article"]: r["record"] for r in rows}, gold=ROOT / "evals/gold",
                      articles=ROOT / "seeds")  # fmt: skip
    per_article = {a.article_id: a.field_f1 for a in report.articles}
    for r in rows:
        r["field_f1"] = round(per_article.get(r["article"], 0.0), 3)
        del r["record"]
    return {
        "articles_per_minute": round(60 * len(rows) / seconds, 2),
        "median_seconds": round(statistics.median(r["seconds"] for r in rows), 2),
        "field_f1": round(report.figures["field_f1"], 3),
        "rows": rows,
    }


def bench_model(name: str) -> dict[str, Any]:
    settings = Settings.resolve(model=name, use_cache=False)
    backend = EmbeddedBackend(settings)
    t0 = time.perf_counter()
    backend._load()
    load_s = time.perf_counter() - t0
    tps = raw_throughput(backend)
    import llama_cpp

    llama_cpp.llama_perf_context_reset(backend._load()._ctx.ctx)
    reuse = run_batch(backend, settings, tps)
    no_reuse_backend = NoReuse(settings)
    no_reuse_backend._llm = backend._llm  # same loaded model
    no_reuse = run_batch(no_reuse_backend, settings, tps)
    return {
        "model": name,
        "load_seconds": round(load_s, 2),
        "raw": {k: round(v, 1) for k, v in tps.items()},
        "batch_with_prefix_reuse": reuse,
        "batch_without_prefix_reuse": no_reuse,
    }


def machine() -> dict[str, Any]:
    import llama_cpp

    flags = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            flags = line.split(":", 1)[1].strip()
            break
    return {
        "cpu": flags or platform.processor(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "llama_cpp_python": llama_cpp.__version__,
        "llama_cpp_system_info": llama_cpp.llama_print_system_info().decode()[:300],
    }


def to_markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Measured {result['date']} on {m['cpu']}, {m['cores']} cores, llama-cpp-python "
        f"{m['llama_cpp_python']}.",
        "",
        "| model | raw prompt tok/s | raw gen tok/s | constrained gen tok/s | articles/min (reuse) "
        "| articles/min (no reuse) | median s/article | field F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in result["models"]:
        a, b = r["batch_with_prefix_reuse"], r["batch_without_prefix_reuse"]
        lines.append(
            f"| {r['model']} | {r['raw']['prompt_tps']} | {r['raw']['gen_tps']} | "
            f"{r['raw']['constrained_gen_tps']} | "
            f"{a['articles_per_minute']} | {b['articles_per_minute']} | {a['median_seconds']} | "
            f"{a['field_f1']} |"
        )
    for r in result["models"]:
        lines += [
            "",
            f"**{r['model']}**, with prefix reuse:",
            "",
            "| article | s | prompt tok (evaluated) | completion tok | calls | re-asks "
            "| efficiency (vs constrained) | field F1 |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in r["batch_with_prefix_reuse"]["rows"]:
            lines.append(
                f"| {row['article'][:3]} | {row['seconds']} | {row['prompt_tokens']} "
                f"({row['evaluated_prompt_tokens']}) | {row['completion_tokens']} | {row['calls']} "
                f"| {row['reasks']} | {row['efficiency_ratio']} "
                f"({row['efficiency_vs_constrained']}) | {row['field_f1']} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--models", default="qwen2.5-coder-1.5b,qwen2.5-coder-0.5b")
    ap.add_argument("--out", type=Path, default=ROOT / "bench")
    args = ap.parse_args()
    result = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": machine(),
        "models": [bench_model(n) for n in args.models.split(",")],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2) + "\n")
    (args.out / "results.md").write_text(to_markdown(result))
    print(to_markdown(result))


if __name__ == "__main__":
    main()
