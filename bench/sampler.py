"""Where an answer's time goes, with this tool's grammar sampler and with the stock chain.

    .venv/bin/python -m bench.sampler [--articles 4]

Replays the first recorded corpus requests (tests/cassettes/corpus) against the embedded 1.5B
model twice: with ``llm.grammar_sampler`` and with llama-cpp-python's stock ``grammar -> greedy``
chain. Per request: wall seconds, llama.cpp's own prompt and decode time (``llama_perf_context``),
and the rest (sampling, grammar, Python), which is what the sampler changes; and whether both
answers equal the recorded one. The rest per completion token does not depend on how fast the
machine happens to be at the moment, unlike wall seconds on a shared VM. Writes
bench/sampler.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from summarizer.llm.backends import EmbeddedBackend, to_json_object_schema
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def run(llm: Any, request: dict[str, Any]) -> dict[str, Any]:
    import llama_cpp

    llm.reset()  # the same full prompt evaluation for both samplers
    llama_cpp.llama_perf_context_reset(llm._ctx.ctx)
    t0 = time.perf_counter()
    out = llm.create_chat_completion(**request)
    wall = time.perf_counter() - t0
    perf = llama_cpp.llama_perf_context(llm._ctx.ctx)
    model = (perf.t_p_eval_ms + perf.t_eval_ms) / 1000
    tokens = out["usage"]["completion_tokens"]
    return {
        "wall_seconds": round(wall, 2),
        "model_seconds": round(model, 2),
        "rest_seconds": round(wall - model, 3),
        "rest_ms_per_token": round(1000 * (wall - model) / max(tokens, 1), 2),
        "completion_tokens": tokens,
        "answer": out["choices"][0]["message"]["content"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=4)
    ap.add_argument("--out", type=Path, default=ROOT / "bench/sampler.json")
    args = ap.parse_args()
    llm = EmbeddedBackend(Settings.resolve(use_cache=False))._load()
    files = sorted((ROOT / "tests/cassettes/corpus").glob("*.json"))[: args.articles]
    rows = []
    for f in files:
        stored = json.loads(f.read_text(encoding="utf-8"))
        request = to_json_object_schema(
            {k: v for k, v in stored["request"].items() if k != "model"}
        )
        recorded = stored["response"]["choices"][0]["message"]["content"]
        row: dict[str, Any] = {"request": f.stem[:12]}
        for name, fast in (("tool", True), ("stock", False)):
            llm.fast_grammar = fast
            r = run(llm, request)
            r["same_as_recorded"] = r.pop("answer") == recorded
            row[name] = r
        llm.fast_grammar = True
        rows.append(row)
        print(json.dumps(row), flush=True)
    summary = {
        name: {
            "median_rest_ms_per_token": statistics.median(
                r[name]["rest_ms_per_token"] for r in rows
            ),
            "all_same_as_recorded": all(r[name]["same_as_recorded"] for r in rows),
        }
        for name in ("tool", "stock")
    }
    args.out.write_text(json.dumps({"summary": summary, "rows": rows}, indent=2) + "\n")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
