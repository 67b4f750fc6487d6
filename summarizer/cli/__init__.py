"""The command line: one Typer sub-app per command group, combined here. Models and clients are
built inside commands, never at import. Known errors end as one line on stderr and a non-zero
exit; set SUMMARIZER_RAISE_ERRORS=1 to see the traceback instead."""

from __future__ import annotations

import os
import sys

import typer

from .. import __version__
from ..errors import SummarizerError
from ..settings import ENV_RAISE
from . import digest, evaluate, models, summarize

app = typer.Typer(
    help="Structured, evidence-grounded records of military patrol incidents from news articles.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("summarize")(summarize.summarize)
app.command("eval")(evaluate.eval_command)
app.command("digest")(digest.digest_command)
app.add_typer(models.app, name="models", help="List and install local models.")
app.command("doctor")(models.doctor)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Structured, evidence-grounded records of military patrol incidents from news articles."""


def main() -> None:
    try:
        app()
    except SummarizerError as exc:
        if os.environ.get(ENV_RAISE):
            raise
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
