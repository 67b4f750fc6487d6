"""`summarizer digest PATH...`: one picture of each incident across many articles."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from ..api import expand_paths, read_results, summarize_files
from ..briefing.merge import build_digest
from ..briefing.render import render_html, render_json, render_markdown
from ..errors import InputError
from ..render import digest_to_csv
from ..schema import ArticleRecord
from . import options


class Format(StrEnum):
    markdown = "markdown"
    json = "json"
    html = "html"
    csv = "csv"


def digest_command(
    args: list[str] = typer.Argument(
        ...,
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
    backend: str | None = options.Backend,
    model: str | None = options.Model,
    base_url: str | None = options.BaseUrl,
    api_key: str | None = options.ApiKey,
    cache_dir: Path | None = options.CacheDir,
    no_cache: bool = options.NoCache,
    replay: Path | None = options.ReplayDir,
    record: Path | None = options.RecordDir,
) -> None:
    """Merge what many articles say about the same incidents, every claim attributed."""
    urls = [a for a in args if a.startswith(("http://", "https://"))]
    paths = [Path(a) for a in args if a not in urls]
    saved = [p for p in paths if p.suffix in (".json", ".jsonl")]
    records: list[ArticleRecord] = []
    texts: dict[str, str] = {}
    for p in saved:
        records += [r for r in read_results(p).values() if r is not None]
    to_extract = [p for p in paths if p not in saved]
    if to_extract or urls:
        settings = options.settings_from(
            backend, model, base_url, api_key, cache_dir, no_cache, replay, record
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
    d = build_digest(records)
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
