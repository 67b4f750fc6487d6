"""`summarizer summarize PATH...`

JSON Lines are written as each article finishes (see ``jsonl_out.py``), so an interrupted or
failed run keeps what it finished and ``--resume`` does the rest. The other formats are written
when the batch is done, in one piece."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..api import expand_paths, source_name, summarize_files
from ..errors import InputError
from ..extraction.extract import Result
from ..render import to_csv, to_markdown
from ..store import Store
from . import options
from .jsonl_out import JsonlWriter, finished_lines, write_atomically


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
    resume: bool = typer.Option(
        False,
        "--resume",
        help="With -o FILE.jsonl: skip the articles FILE holds a record of, "
        "redo those that failed.",
    ),
    concurrency: int = typer.Option(
        4, "--concurrency", min=1, max=64, help="Articles at a time on a remote backend."
    ),
    db: Path | None = typer.Option(
        None, "--db", help="Also add each record to this store (DuckDB; created if missing)."
    ),
    theatre: str | None = typer.Option(
        None, "--theatre", help="With --db: a label for these records (digest --theatre)."
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
    """Extract a grounded patrol-incident record from each article."""
    settings = options.settings_from(
        backend, model, base_url, api_key, cache_dir, no_cache, replay, record, trust_model
    )
    files = expand_paths(paths)
    fmt = fmt or (Format.json if len(files) == 1 and not resume else Format.jsonl)
    if fmt == Format.json and len(files) > 1:
        raise InputError(f"--format json takes one article, got {len(files)}: use jsonl")
    if theatre is not None and db is None:
        raise InputError("--theatre labels the records of a store: add --db FILE")
    if resume and (out is None or fmt != Format.jsonl):
        raise InputError("--resume works on a JSON Lines file: pass -o FILE.jsonl")
    done = finished_lines(out) if resume and out is not None else {}
    todo = [f for f in files if source_name(f) not in done]
    err = Console(stderr=True)
    if done:
        left = f"doing the other {len(todo)}" if todo else "nothing to do"
        typer.echo(f"resuming: {len(files) - len(todo)} of {len(files)} in {out}, {left}", err=True)
    # JSON Lines go out as each article finishes; the other formats are rendered at the end
    sink = JsonlWriter(out, list(done.values())) if fmt == Format.jsonl else None
    results: list[Result] = []
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err, disable=len(todo) < 2 or not err.is_terminal,
        ) as bar:  # fmt: skip
            task = bar.add_task("summarizing", total=len(todo))
            for result in summarize_files(
                todo, settings=settings, concurrency=concurrency, ordered=sink is None
            ):
                if sink is not None:
                    sink.write(result.to_json())
                results.append(result)
                bar.advance(task)
    except KeyboardInterrupt:
        saved = f", saved in {out}; run again with --resume to do the rest" if sink and out else ""
        typer.echo(f"interrupted: {len(results)} of {len(todo)} articles done{saved}", err=True)
        raise typer.Exit(130) from None
    finally:
        if sink is not None:
            sink.close()
    if sink is None:
        text = _render(results, fmt)
        if out is not None:
            write_atomically(out, text)
        else:
            typer.echo(text, nl=False)
    if db is not None:
        with Store(db) as store:
            added = store.add((r.record for r in results if r.record), theatre=theatre)
        typer.echo(
            f"{db}: {added.added} records added, {added.replaced} replaced, "
            f"{added.unchanged} already there",
            err=True,
        )
    if len(todo) > 1:
        _report(err, results)
    typer.echo(closing_line(results), err=True)
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
            str(s.completion_tokens), r.status_text(),
        )  # fmt: skip
    err.print(table)


def closing_line(results: list[Result]) -> str:
    """'5 articles: 3 ok, 1 partial, 1 no incident (model), 0 no incident (rule), 0 errors'."""
    texts = [r.status_text() for r in results]
    kinds = ["ok", "partial", "no incident (model)", "no incident (rule)"]
    counts = ", ".join(f"{texts.count(k)} {k}" for k in kinds)
    noun = "article" if len(results) == 1 else "articles"
    return f"{len(results)} {noun}: {counts}, {texts.count('error')} errors"
