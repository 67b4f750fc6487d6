"""Options shared by the commands that call a model. Each resolves flag -> environment
variable -> default, and --help shows the variable."""

from __future__ import annotations

from pathlib import Path

import typer

from ..settings import (
    ENV_API_KEY,
    ENV_BACKEND,
    ENV_BASE_URL,
    ENV_CACHE_DIR,
    ENV_MODEL,
    ENV_RECORD_DIR,
    ENV_REPLAY_DIR,
    ENV_TRUST,
    Settings,
)

Backend = typer.Option(
    None, "--backend", envvar=ENV_BACKEND,
    help="embedded (local GGUF, default), openai, or compatible (any OpenAI-compatible server).",
)  # fmt: skip
Model = typer.Option(
    None, "--model", "-m", envvar=ENV_MODEL,
    help="Local model name or .gguf path (embedded), or the server's model name.",
)  # fmt: skip
BaseUrl = typer.Option(
    None, "--base-url", envvar=ENV_BASE_URL,
    help="OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1 (implies --backend compatible).",
)  # fmt: skip
ApiKey = typer.Option(
    None, "--api-key", envvar=ENV_API_KEY, show_default=False,
    help="API key for openai or a server that needs one (never printed or stored).",
)  # fmt: skip
CacheDir = typer.Option(None, "--cache-dir", envvar=ENV_CACHE_DIR, help="Models and responses.")
NoCache = typer.Option(False, "--no-cache", help="Call the model even for a cached request.")
ReplayDir = typer.Option(
    None, "--replay", envvar=ENV_REPLAY_DIR,
    help="Answer only from recorded responses in this directory (offline; tests and CI).",
)  # fmt: skip
RecordDir = typer.Option(
    None, "--record", envvar=ENV_RECORD_DIR, help="Also save every model response here."
)


TrustModel = typer.Option(
    False, "--trust-model", envvar=ENV_TRUST,
    help="Ask the model for the whole record and keep each answer the article's words bear out "
    "(for a strong model behind --base-url; the embedded 1.5B does better without).",
)  # fmt: skip


def settings_from(
    backend: str | None,
    model: str | None,
    base_url: str | None,
    api_key: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    replay: Path | None,
    record: Path | None,
    trust_model: bool = False,
) -> Settings:
    return Settings.resolve(
        backend=backend,
        model=model,
        base_url=base_url,
        api_key=api_key,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        replay_dir=replay,
        record_dir=record,
        trust_model=trust_model or None,
    )
