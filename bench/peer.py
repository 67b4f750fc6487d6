"""The peer row: google/langextract on the same model, served by llama-cpp-python's
OpenAI-compatible server on loopback. Runs in its own environment (scripts/bench_peer.sh makes
it); imports nothing of this project, reads the gold files as plain JSON.

    python bench/peer.py --base-url http://127.0.0.1:8765/v1 --articles evals/corpus/articles \
        --gold evals/corpus/gold --manifest evals/corpus/manifest.json --split test

Per article: wall seconds and langextract's casualty extractions; then the share of gold casualty
claims with a number whose (killed, injured) pair langextract also extracted for that article
(the same casualty-figure measure as the project's, without claim alignment, so it favours the
peer). Writes bench/peer_results.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import langextract as lx  # type: ignore[import-not-found]

PROMPT = (
    "Extract each report of people killed or injured in an attack on, or incident involving, a "
    "military patrol or convoy, in order of appearance. Use exact text; attributes: killed and "
    "injured as integers or null, claimant as written or null."
)
# Written for this benchmark; not an article of the corpus or the seeds.
EXAMPLE = lx.data.ExampleData(
    text=(
        "A roadside bomb struck a UN convoy near Tessit on Monday. The mission said two "
        "peacekeepers were injured. A local official said one soldier was killed."
    ),
    extractions=[
        lx.data.Extraction(
            extraction_class="casualties",
            extraction_text="two peacekeepers were injured",
            attributes={"killed": None, "injured": 2, "claimant": "The mission"},
        ),
        lx.data.Extraction(
            extraction_class="casualties",
            extraction_text="one soldier was killed",
            attributes={"killed": 1, "injured": None, "claimant": "A local official"},
        ),
    ],
)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--manifest", type=Path)
    ap.add_argument("--split")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", type=Path, default=Path("bench/peer_results.json"))
    args = ap.parse_args()
    ids = sorted(p.stem for p in args.articles.glob("*.txt"))
    if args.split:
        rows = json.loads(args.manifest.read_text(encoding="utf-8"))
        keep = {r["id"] for r in rows if r.get("split") == args.split}
        ids = [i for i in ids if i in keep]
    if args.limit:
        ids = ids[: args.limit]
    results = []
    right = total = 0
    for aid in ids:
        text = (args.articles / f"{aid}.txt").read_text(encoding="utf-8")
        t0 = time.perf_counter()
        error = None
        found: set[tuple[int | None, int | None]] = set()
        try:
            doc = lx.extract(
                text_or_documents=text,
                prompt_description=PROMPT,
                examples=[EXAMPLE],
                # an OpenAI model name routes to langextract's OpenAI provider; the local server
                # answers with the loaded GGUF whatever the name
                model_id="gpt-4o-mini",
                language_model_params={"base_url": args.base_url, "api_key": "not-needed"},
                temperature=0.0,
                fence_output=True,
                use_schema_constraints=False,
                max_workers=1,
            )
            for e in doc.extractions or []:
                a = e.attributes or {}
                found.add((_int(a.get("killed")), _int(a.get("injured"))))
        except Exception as exc:  # the peer's failure is a result, not a crash of the bench
            error = f"{type(exc).__name__}: {str(exc)[:200]}"
        seconds = time.perf_counter() - t0
        gold = json.loads((args.gold / f"{aid}.json").read_text(encoding="utf-8"))
        claims = [
            (c.get("killed"), c.get("injured"))
            for inc in gold.get("incidents", [])
            for c in inc.get("casualty_claims", [])
            if c.get("killed") is not None or c.get("injured") is not None
        ]
        hits = sum(pair in found for pair in claims)
        right, total = right + hits, total + len(claims)
        results.append({"article": aid, "seconds": round(seconds, 2), "error": error,
                        "gold_claims": len(claims), "matched": hits})  # fmt: skip
        print(aid, round(seconds, 1), f"{hits}/{len(claims)}", error or "", flush=True)
    secs = [r["seconds"] for r in results]
    summary = {
        "peer": f"langextract {lx.__version__ if hasattr(lx, '__version__') else ''}".strip(),
        "articles": len(results),
        "split": args.split,
        "median_seconds": round(statistics.median(secs), 2) if secs else None,
        "worst_seconds": max(secs) if secs else None,
        "casualty_figures": f"{right}/{total}",
        "casualty_figure_share": round(right / total, 3) if total else None,
        "errors": sum(r["error"] is not None for r in results),
        "rows": results,
    }
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in summary.items() if k != "rows"}))


if __name__ == "__main__":
    main()
