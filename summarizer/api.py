"""The Python API: one obvious function per job. The CLI is built on these.

import summarizer
record = summarizer.summarize_text(open("article.txt").read())
for result in summarizer.summarize_files(["articles/"]):
    print(result.article_id, result.error or len(result.record.incidents))
report = summarizer.evaluate("out.jsonl", gold="evals/gold", articles="seeds")
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .briefing.merge import Digest, build_digest
from .errors import InputError, SummarizerError
from .evaluation.report import EvalReport
from .evaluation.scoring import load_gold_dir, score
from .extraction.extract import Extractor, Result
from .extraction.fetch import fetch
from .extraction.text import Article, clean, decode_article, read_text_file
from .schema import ArticleRecord
from .settings import Settings

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".md"}


_URL_SCHEMES = ("http://", "https://")
Source = Path | str  # a file, or a string for standard input ("-") and URLs


def expand_paths(paths: Iterable[str | Path]) -> list[Source]:
    """Files as given, and the article files inside directories (sorted; a README is not an
    article). '-' (standard input) and URLs stay strings."""
    out: list[Source] = []
    for raw in paths:
        if str(raw) == "-" or str(raw).startswith(_URL_SCHEMES):
            out.append(str(raw))
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f
                for f in p.iterdir()
                if f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.upper().startswith("README")
            )
            if not found:
                raise InputError(f"{p}: no article files (.txt, .html, .md) in this directory")
            out += found
        else:
            out.append(p)
    return out


def source_name(source: Source) -> str:
    return "stdin" if source == "-" else source if isinstance(source, str) else source.name


def load(source: Source) -> Article:
    """Read and clean one article: a file, '-' for standard input, or an http(s) URL (fetched;
    see ``extraction/fetch.py``)."""
    if source == "-":
        return clean("stdin", decode_article(sys.stdin.buffer.read(), "stdin"))
    if isinstance(source, str):
        return clean(source, fetch(source).text)
    return clean(source.name, read_text_file(source))


def _extract(extractor: Extractor, source: Source) -> Result:
    """One article to its result; a URL's record carries the address and the fetch time."""
    try:
        if isinstance(source, str) and source.startswith(_URL_SCHEMES):
            page = fetch(source)
            result = extractor.extract(clean(source, page.text))
            if result.record is not None:
                result.record = result.record.model_copy(
                    update={"source_url": page.url, "fetched_at": page.fetched_at}
                )
            return result
        article = load(source)
    except SummarizerError as exc:
        return Result(article_id=source_name(source), error=str(exc))
    return extractor.extract(article)


def summarize_text(
    text: str, *, article_id: str = "text", settings: Settings | None = None
) -> ArticleRecord:
    """Extract the record of one article given as text. Raises SummarizerError on failure."""
    if not text.strip():
        raise InputError(f"{article_id}: is empty")
    result = Extractor(settings or Settings.resolve()).extract(clean(article_id, text))
    if result.record is None:
        raise SummarizerError(result.error or f"{article_id}: extraction failed")
    return result.record


def summarize_files(
    paths: Sequence[str | Path],
    *,
    settings: Settings | None = None,
    concurrency: int = 1,
) -> Iterator[Result]:
    """Extract every article; a bad article yields a Result with ``error`` set and the batch goes
    on. Articles run one after another on the embedded model, and ``concurrency`` at a time on a
    remote backend."""
    settings = settings or Settings.resolve()
    extractor = Extractor(settings)
    files = expand_paths(paths)

    def one(source: Source) -> Result:
        return _extract(extractor, source)

    if concurrency <= 1 or settings.backend == "embedded":
        yield from map(one, files)
        return
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        yield from pool.map(one, files)


def digest(records: Sequence[ArticleRecord]) -> Digest:
    """Merge the incidents of many articles into one picture of each event."""
    return build_digest(records)


def read_results(path: Path) -> dict[str, ArticleRecord | None]:
    """Saved output of ``summarize`` (a JSON object, JSON Lines, or a directory of JSON files),
    or bare ArticleRecord files such as another labeller's gold set. An article saved with an
    error maps to None (it scores zero; it is never dropped)."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    out: dict[str, ArticleRecord | None] = {}
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{f}: cannot be read ({exc.strerror})") from None
        try:
            data = json.loads(text)
            items = data if isinstance(data, list) else [data]
        except ValueError:
            items = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        items.append(json.loads(line))
                    except ValueError:
                        raise InputError(f"{f}:{n}: not JSON") from None
        for item in items:
            try:
                # a result line {"article_id", "record" | "error"}, or a bare record (gold files)
                rec = item.get("record") if "incidents" not in item else item
                out[item["article_id"]] = ArticleRecord.model_validate(rec) if rec else None
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise InputError(
                    f"{f}: not a saved result of `summarizer summarize` "
                    f"({str(exc).splitlines()[0][:100]})"
                ) from None
    return out


def evaluate(
    predictions: str | Path | dict[str, ArticleRecord | None],
    *,
    gold: str | Path,
    articles: str | Path,
) -> EvalReport:
    """Score saved predictions against a directory of gold records (no model call)."""
    preds = predictions if isinstance(predictions, dict) else read_results(Path(predictions))
    gold_records = load_gold_dir(Path(gold))
    texts = {}
    for aid in gold_records:
        f = Path(articles) / aid
        if not f.is_file():
            raise InputError(f"{f}: article for gold record {aid} not found (--articles)")
        texts[aid] = f.read_text(encoding="utf-8")
    return score(preds, gold_records, texts=texts)
