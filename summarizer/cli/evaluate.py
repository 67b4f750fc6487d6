"""`summarizer eval`: score saved records against gold files (no model call), or extract first."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..api import evaluate, oracle_backend, summarize_files
from ..briefing.merge import build_digest, load_gold_grouping, score_grouping
from ..errors import InputError
from ..evaluation.report import EvalReport, check_gate, figure_text, render_markdown
from . import options


def eval_command(
    predictions: Path | None = typer.Argument(
        None, help="Saved output of `summarize` (JSON, JSON Lines or a directory of JSON)."
    ),
    articles: Path = typer.Option(Path("seeds"), "--articles", help="Directory of the articles."),
    gold: Path = typer.Option(Path("evals/gold"), "--gold", help="Directory of gold records."),
    split: str | None = typer.Option(
        None,
        "--split",
        help="Score only this split (dev, test) of the manifest.json beside --articles.",
    ),
    batch: str | None = typer.Option(
        None,
        "--batch",
        help="Score only the articles of this batch (e.g. sealed-1) of the manifest.json "
        "beside --articles.",
    ),
    grouping: Path | None = typer.Option(
        None, "--grouping", help="Gold digest grouping (evals/digest.json) to score the merge."
    ),
    run: bool = typer.Option(False, "--run", help="Extract the articles first, then score."),
    oracle: bool = typer.Option(
        False,
        "--oracle",
        help="With --run: answer every model question from the gold records (a hand-made "
        "fixture, not a model), to measure what the pipeline itself loses; recordings and the "
        "cache are not used.",
    ),
    report_json: Path | None = typer.Option(None, "--json", help="Write the JSON report here."),
    report_md: Path | None = typer.Option(
        None, "--markdown", help="Write the Markdown report here."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Fail when a gated figure drops below this report's."
    ),
    tolerance: float = typer.Option(0.02, "--tolerance", help="Allowed drop against --baseline."),
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
    """Per-field scores of records against hand-labelled gold files."""
    if run == (predictions is not None):
        raise InputError("give saved predictions, or --run to extract the articles first")
    if oracle and not run:
        raise InputError("--oracle goes with --run: it answers the questions of an extraction")
    t0 = time.perf_counter()
    if run:
        settings = options.settings_from(
            backend,
            model,
            base_url,
            api_key,
            cache_dir,
            no_cache or oracle,
            replay,
            record,
            trust_model,
        )
        answers = oracle_backend(articles, gold) if oracle else None
        results = list(summarize_files([articles], settings=settings, backend=answers))
        preds = {r.article_id: r.record for r in results}
        report = evaluate(preds, gold=gold, articles=articles, split=split, batch=batch)
    else:
        assert predictions is not None
        report = evaluate(predictions, gold=gold, articles=articles, split=split, batch=batch)
        preds = None
    if grouping is not None:
        from ..api import read_results

        records = preds if preds is not None else read_results(predictions)  # type: ignore[arg-type]
        digest = build_digest([r for r in records.values() if r is not None])
        for k, v in score_grouping(digest, load_gold_grouping(grouping)).items():
            report.figures[f"grouping_{k}"] = v
    seconds = time.perf_counter() - t0
    _print(report, seconds)
    if report_json:
        report_json.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if report_md:
        report_md.write_text(render_markdown(report), encoding="utf-8")
    if baseline is not None:
        try:
            base = EvalReport.model_validate_json(baseline.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(
                f"{baseline}: not an eval report ({str(exc).splitlines()[0]})"
            ) from None
        failures = check_gate(report, base, tolerance=tolerance)
        for line in failures:
            typer.echo(f"gate: {line}", err=True)
        if failures:
            raise typer.Exit(1)
        typer.echo(f"gate: passed against {baseline} (tolerance {tolerance})", err=True)


def _print(report: EvalReport, seconds: float) -> None:
    console = Console()
    table = Table("figure", "value", title=f"scored in {seconds:.2f} s")
    for name, value in report.figures.items():
        table.add_row(name, figure_text(name, value))
    console.print(table)
    fields = Table("field", "compared", "accuracy", "f1")
    for name, f in report.fields.items():
        acc = "-" if f.accuracy is None else f"{f.accuracy:.2f}"
        fields.add_row(name, str(f.compared), acc, f"{f.f1:.2f}")
    console.print(fields)
    if report.errors:
        console.print(f"{len(report.errors)} wrong fields: see the Markdown report (--markdown).")
