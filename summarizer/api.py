"""The Python API: one obvious function per job. The CLI is built on these.

import summarizer
record = summarizer.summarize_text(open("article.txt").read())
for result in summarizer.summarize_files(["articles/"]):
    print(result.article_id, result.error or len(result.record.incidents))
report = summarizer.evaluate("out.jsonl", gold="evals/gold", articles="seeds")
"""

from __future__ import annotations

import json
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar, cast

from .briefing.merge import Digest, build_digest
from .errors import InputError, SummarizerError
from .evaluation.oracle import OracleBackend
from .evaluation.report import EvalReport
from .evaluation.scoring import load_gold_dir, score
from .extraction.extract import Extractor, Result
from .llm.backends import Backend
from .reading.fetch import fetch
from .reading.text import Article, clean, decode_article, read_text_file
from .schema import SCHEMA_VERSION, ArticleRecord
from .settings import Settings

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".md"}


_URL_SCHEMES = ("http://", "https://")
Source = Path | str  # a file, or a string for standard input ("-") and URLs
T = TypeVar("T")
R = TypeVar("R")


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
    see ``reading/fetch.py``)."""
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
    ordered: bool = True,
    backend: Backend | None = None,
) -> Iterator[Result]:
    """Extract every article; a bad article yields a Result with ``error`` set and the batch goes
    on. Articles run one after another on the embedded model, and ``concurrency`` at a time on a
    remote backend (so at most ``concurrency`` requests are in flight). Results come in the
    order of ``paths``, or with ``ordered=False`` as each article finishes, so that a consumer
    can save each one at once. ``backend`` replaces the one ``settings`` name (tests, the
    oracle of ``summarizer eval --oracle``)."""
    settings = settings or Settings.resolve()
    extractor = Extractor(settings, backend)
    files = expand_paths(paths)

    def one(source: Source) -> Result:
        return _extract(extractor, source)

    if concurrency <= 1 or settings.backend == "embedded":
        yield from map(one, files)
        return
    finished = run_threads(one, files, concurrency)
    if not ordered:
        yield from (result for _, result in finished)
        return
    waiting: dict[int, Result] = {}
    following = 0
    for i, result in finished:
        waiting[i] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def run_threads(fn: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[tuple[int, R]]:
    """``fn`` over ``items`` on at most ``workers`` threads; (index, result) as each finishes.
    The threads are daemons and take no new item once the consumer stops (an interrupt, a closed
    generator), so an interrupted batch ends at once instead of waiting for requests in flight
    and for the rest of the batch."""
    todo: queue.SimpleQueue[tuple[int, T]] = queue.SimpleQueue()
    for pair in enumerate(items):
        todo.put(pair)
    done: queue.Queue[tuple[int, R | None, BaseException | None]] = queue.Queue()
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            try:
                i, item = todo.get_nowait()
            except queue.Empty:
                return
            try:
                done.put((i, fn(item), None))
            except BaseException as exc:  # a bug: raised again in the consumer's thread
                done.put((i, None, exc))

    for n in range(min(workers, len(items))):
        threading.Thread(target=work, name=f"summarize-{n}", daemon=True).start()
    try:
        for _ in items:
            i, result, exc = done.get()
            if exc is not None:
                raise exc
            yield i, cast(R, result)
    finally:
        stop.set()


def digest(records: Sequence[ArticleRecord]) -> Digest:
    """Merge the incidents of many articles into one picture of each event."""
    return build_digest(records)


def read_results(
    path: Path, skip: Callable[[str], None] | None = None
) -> dict[str, ArticleRecord | None]:
    """Saved output of ``summarize`` (a JSON object, JSON Lines, or a directory of JSON files),
    or bare ArticleRecord files such as another labeller's gold set. An article saved with an
    error maps to None (it scores zero; it is never dropped). A damaged line, or a record of
    another schema version, is an InputError; with ``skip``, it is reported there in one line
    and left out instead."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    out: dict[str, ArticleRecord | None] = {}

    def bad(message: str) -> None:
        if skip is None:
            raise InputError(message)
        skip(f"{message}; skipped")

    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{f}: cannot be read ({exc})") from None
        try:
            data = json.loads(text)
            items = [(0, x) for x in (data if isinstance(data, list) else [data])]
        except ValueError:
            items = []
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        items.append((n, json.loads(line)))
                    except ValueError:
                        bad(f"{f}:{n}: not JSON")
        for n, item in items:
            where = f"{f}:{n}" if n else str(f)
            try:
                # a result line {"article_id", "record" | "error"}, or a bare record (gold files)
                rec = item.get("record") if "incidents" not in item else item
                version = rec.get("schema_version", SCHEMA_VERSION) if rec else SCHEMA_VERSION
                if skip is not None and version != SCHEMA_VERSION:
                    bad(f"{where}: a record of schema {version}, not {SCHEMA_VERSION}")
                    continue
                out[item["article_id"]] = ArticleRecord.model_validate(rec) if rec else None
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                bad(
                    f"{where}: not a saved result of `summarizer summarize` "
                    f"({str(exc).splitlines()[0][:100]})"
                )
    return out


def evaluate(
    predictions: str | Path | dict[str, ArticleRecord | None],
    *,
    gold: str | Path,
    articles: str | Path,
    split: str | None = None,
    batch: str | None = None,
) -> EvalReport:
    """Score saved predictions against a directory of gold records (no model call). ``split``
    and ``batch`` keep only the gold articles of that split, or that batch, of the manifest
    beside the articles directory (``evals/corpus/manifest.json``: rows with ``id``, ``split``
    and, for a batch labelled and scored together, ``batch``)."""
    preds = predictions if isinstance(predictions, dict) else read_results(Path(predictions))
    gold_records = load_gold_dir(Path(gold))
    for key, value in (("split", split), ("batch", batch)):
        if value is not None:
            members = manifest_members(Path(articles), key, value)
            gold_records = {k: v for k, v in gold_records.items() if Path(k).stem in members}
    texts = {}
    for aid in gold_records:
        f = Path(articles) / aid
        if not f.is_file():
            raise InputError(f"{f}: article for gold record {aid} not found (--articles)")
        texts[aid] = f.read_text(encoding="utf-8")
    return score(preds, gold_records, texts=texts)


def oracle_backend(articles: str | Path, gold: str | Path) -> OracleBackend:
    """The ORACLE backend (a hand-made fixture built from gold, not a model) for every article
    in ``articles`` that has a gold record in ``gold``: ``summarizer eval --run --oracle``."""
    gold_records = load_gold_dir(Path(gold))
    texts = []
    for f in expand_paths([articles]):
        try:
            texts.append(load(f))
        except SummarizerError:
            continue  # the batch reports the article's own error when it reaches it
    return OracleBackend(texts, gold_records)


def manifest_members(articles: Path, key: str, value: str) -> set[str]:
    """Article ids (file stems) whose row in manifest.json beside the articles folder has
    ``key`` (split, batch) equal to ``value``."""
    manifest = articles.resolve().parent / "manifest.json"
    try:
        rows = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{manifest}: no readable manifest for --{key} ({exc})") from None
    members = {str(r["id"]) for r in rows if isinstance(r, dict) and r.get(key) == value}
    if not members:
        names = sorted({str(r.get(key)) for r in rows if isinstance(r, dict) and r.get(key)})
        raise InputError(
            f"{manifest}: no article with {key} '{value}' (known: {', '.join(names) or 'none'})"
        )
    return members
