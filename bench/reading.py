"""What the reading layer costs: the parse (spaCy) and the gazetteer (GeoNames), per article.

    .venv/bin/python -m bench.reading [--articles evals/corpus/articles]

In one process it measures the load of the English pipeline and of the gazetteer (seconds, and
the peak resident memory each adds, from ``resource.getrusage``), then, for every article, the
seconds the reading layer takes from a cold parse cache: parsing its cleaned sentences, reading
the figures and the speaker of every sentence, the places and the dates. It states the CPU and
its SIMD flags, and writes ``bench/reading.json``. Targets (issue 21): ≤ 1 s per article
(median) and ≤ 300 MB of peak memory added.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

from bench.run import machine
from summarizer.extraction import places
from summarizer.reading import gazetteer, parse
from summarizer.reading.attribution import attribute
from summarizer.reading.figures import figures
from summarizer.reading.text import load_article
from summarizer.reading.when import expressions

ROOT = Path(__file__).resolve().parents[1]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_article(path: Path) -> float:
    """Seconds the reading layer takes for one article, from a cold parse cache."""
    article = load_article(path)
    parse._cache.clear()
    start = time.perf_counter()
    texts = [s.text for s in article.sentences]
    parse.read(texts)
    for i, text in enumerate(texts):
        found = figures(text)
        attribute(text, found[0].start if found else None, texts[max(0, i - 6) : i][::-1])
        expressions(text)
    places.location(None, "\n".join(texts))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=ROOT / "evals/corpus/articles")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/reading.json")
    args = ap.parse_args()
    base = _peak_mib()
    t = time.perf_counter()
    parse.nlp()
    parser_s, parser_mib = time.perf_counter() - t, _peak_mib() - base
    base = _peak_mib()
    t = time.perf_counter()
    gazetteer.load()
    gazetteer_s, gazetteer_mib = time.perf_counter() - t, _peak_mib() - base
    paths = sorted(args.articles.glob("*.txt"))
    before = _peak_mib()
    seconds = [read_article(p) for p in paths]
    result = {
        "machine": machine(),
        "articles": len(paths),
        "parser_load_s": round(parser_s, 2),
        "parser_peak_added_mib": round(parser_mib, 1),
        "gazetteer_load_s": round(gazetteer_s, 2),
        "gazetteer_peak_added_mib": round(gazetteer_mib, 1),
        "reading_median_s": round(statistics.median(seconds), 3),
        "reading_worst_s": round(max(seconds), 3),
        "reading_total_s": round(sum(seconds), 2),
        "articles_peak_added_mib": round(_peak_mib() - before, 1),
        "peak_added_mib": round(_peak_mib() - (base - parser_mib), 1),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
