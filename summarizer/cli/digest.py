"""`summarizer digest PATH...`: one picture of each incident across many articles."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..api import expand_paths, read_results, summarize_files
from ..briefing.merge import Digest, build_digest
from ..briefing.render import render_html, render_json, render_markdown
from ..errors import InputError
from ..render import digest_to_csv
from ..schema import ArticleRecord
from ..store import Filters, Store
from . import options


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"
    csv = "csv"


def digest_command(
    args: list[str] = typer.Argument(
        None,
        metavar="PATHS...",
        help="Articles or http(s) URLs (extracted first, through the cache) or saved records "
        "(.json/.jsonl).",
    ),
    fmt: Format = typer.Option(
        Format.markdown, "--format", "-f", help="markdown, json, html, csv."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    articles: Path | None = typer.Option(
        None, "--articles", help="Where the articles of saved records are (for the HTML text)."
    ),
    db: Path | None = typer.Option(
        None, "--db", help="Read the records from this store (written by summarize --db)."
    ),
    since: dt.datetime | None = typer.Option(
        None, "--since", formats=["%Y-%m-%d"], help="With --db: incidents on or after this date."
    ),
    until: dt.datetime | None = typer.Option(
        None, "--until", formats=["%Y-%m-%d"], help="With --db: incidents on or before this date."
    ),
    country: str | None = typer.Option(None, "--country", help="With --db: incidents there."),
    theatre: str | None = typer.Option(
        None, "--theatre", help="With --db: records added with this --theatre label."
    ),
    backend: str | None = options.Backend,
    model: str | None = options.Model,
    base_url: str | None = options.BaseUrl,
    api_key: str | None = options.ApiKey,
    cache_dir: Path | None = options.CacheDir,
    no_cache: bool = options.NoCache,
    replay: Path | None = options.ReplayDir,
    record: Path | None = options.RecordDir,
    trust_model: bool = options.TrustModel,
) -> None:
    """Merge what many articles say about the same incidents, every claim attributed."""
    args = args or []
    if not args and db is None:
        raise InputError("give the articles or saved records to merge, or --db FILE")
    if db is None and (since or until or country or theatre):
        raise InputError("--since, --until, --country and --theatre filter a store: add --db FILE")
    urls = [a for a in args if a.startswith(("http://", "https://"))]
    paths = [Path(a) for a in args if a not in urls]
    saved = [p for p in paths if p.suffix in (".json", ".jsonl")]
    records: list[ArticleRecord] = []
    texts: dict[str, str] = {}
    blocked: list[tuple[tuple[str, int], tuple[str, int]]] | None = None

    def skipped(message: str) -> None:
        typer.echo(f"warning: {message}", err=True)

    if db is not None:
        if not db.is_file():
            raise InputError(f"{db}: no such store")
        span = Filters(
            since=since.date() if since else None,
            until=until.date() if until else None,
            country=country,
            theatre=theatre,
        )
        with Store(db) as store:
            records += store.records(span, report=skipped)
            if not saved and not paths and not urls:  # the store holds all: its SQL join
                blocked = list(store.candidates())
    for p in saved:
        records += [r for r in read_results(p, skip=skipped).values() if r is not None]
    to_extract = [p for p in paths if p not in saved]
    if to_extract or urls:
        settings = options.settings_from(
            backend, model, base_url, api_key, cache_dir, no_cache, replay, record, trust_model
        )
        files = expand_paths([*to_extract, *urls])
        texts |= {
            f.name: f.read_text(encoding="utf-8", errors="replace")
            for f in files
            if isinstance(f, Path) and f.is_file()
        }
        for result in summarize_files(files, settings=settings):
            if result.record is None:
                typer.echo(f"error: {result.error}", err=True)
            else:
                records.append(result.record)
    if not records:
        raise InputError("no records to merge")
    folder = articles or (to_extract[0] if to_extract and to_extract[0].is_dir() else None)
    for r in records:
        if r.article_id not in texts and folder and (folder / r.article_id).is_file():
            texts[r.article_id] = (folder / r.article_id).read_text(encoding="utf-8")
    d = _digest(records, blocked)
    if fmt == Format.json:
        text = render_json(d)
    elif fmt == Format.html:
        text = render_html(d, texts)
    elif fmt == Format.csv:
        text = digest_to_csv(d)
    else:
        text = render_markdown(d)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


def _digest(
    records: list[ArticleRecord], blocked: list[tuple[tuple[str, int], tuple[str, int]]] | None
) -> Digest:
    """The digest, with a progress bar over the compared pairs on a terminal for long inputs."""
    err = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} pairs"),
        TimeElapsedColumn(), console=err, disable=len(records) < 200 or not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task(f"merging {len(records)} records", total=None)
        return build_digest(records, lambda n: bar.advance(task, n), blocked)
