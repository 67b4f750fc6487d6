"""`summarizer summarize PATH...`"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..api import expand_paths, summarize_files
from ..errors import InputError
from ..extraction.extract import Result
from ..render import to_csv, to_markdown
from . import options


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"
    csv = "csv"


def summarize(
    paths: list[str] = typer.Argument(
        ...,
        help="Article files (.txt, .html, .md), directories of them, http(s) URLs, or - for stdin.",
    ),
    fmt: Format | None = typer.Option(
        None, "--format", "-f", help="json (one article), jsonl (several), markdown or csv."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write here instead of stdout."),
    concurrency: int = typer.Option(
        4, "--concurrency", min=1, max=64, help="Articles at a time on a remote backend."
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
    """Extract a grounded patrol-incident record from each article."""
    settings = options.settings_from(
        backend, model, base_url, api_key, cache_dir, no_cache, replay, record
    )
    files = expand_paths(paths)
    fmt = fmt or (Format.json if len(files) == 1 else Format.jsonl)
    if fmt == Format.json and len(files) > 1:
        raise InputError(f"--format json takes one article, got {len(files)}: use jsonl")
    err = Console(stderr=True)
    results: list[Result] = []
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, disable=len(files) < 2 or not err.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task("summarizing", total=len(files))
        for result in summarize_files(files, settings=settings, concurrency=concurrency):
            results.append(result)
            bar.advance(task)
    text = _render(results, fmt)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)
    if len(files) > 1:
        _report(err, results)
    failed = [r for r in results if r.error]
    for r in failed:
        typer.echo(f"error: {r.error}", err=True)
    if failed:
        raise typer.Exit(1)


def _render(results: list[Result], fmt: Format) -> str:
    if fmt == Format.json:
        return json.dumps(results[0].to_json(), indent=2, ensure_ascii=False) + "\n"
    if fmt == Format.jsonl:
        return "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in results)
    if fmt == Format.csv:
        return to_csv(r.record for r in results if r.record)
    return "\n".join(to_markdown(r.record) for r in results if r.record)


def _report(err: Console, results: list[Result]) -> None:
    table = Table("article", "seconds", "calls", "cached", "prompt tok", "completion tok", "status")
    for r in results:
        s = r.stats
        table.add_row(
            r.article_id, f"{r.seconds:.1f}", str(s.calls), str(s.cached), str(s.prompt_tokens),
            str(s.completion_tokens), "error" if r.error else "ok",
        )  # fmt: skip
    err.print(table)
