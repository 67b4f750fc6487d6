"""One settings object, resolved from arguments, then environment variables, then defaults.

The CLI declares the same environment variables with ``envvar=`` so ``--help`` shows them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from platformdirs import user_cache_dir

from .errors import ConfigError

ENV_MODEL = "SUMMARIZER_MODEL"
ENV_BACKEND = "SUMMARIZER_BACKEND"
ENV_BASE_URL = "SUMMARIZER_BASE_URL"
ENV_API_KEY = "OPENAI_API_KEY"
ENV_CACHE_DIR = "SUMMARIZER_CACHE_DIR"
ENV_REPLAY_DIR = "SUMMARIZER_REPLAY_DIR"
ENV_RECORD_DIR = "SUMMARIZER_RECORD_DIR"
ENV_RAISE = "SUMMARIZER_RAISE_ERRORS"
ENV_THREADS = "SUMMARIZER_THREADS"
ENV_TIMEOUT = "SUMMARIZER_TIMEOUT"
ENV_ATTEMPTS = "SUMMARIZER_ATTEMPTS"
ENV_TRUST = "SUMMARIZER_TRUST_MODEL"

DEFAULT_MODEL = "qwen2.5-coder-1.5b"
BACKENDS = ("embedded", "openai", "compatible")


@dataclass(frozen=True)
class Settings:
    """Where and how the tool calls a model. ``api_key`` is never printed or written to disk."""

    backend: str = "embedded"
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    cache_dir: Path = field(default_factory=lambda: Path(user_cache_dir("summarizer")))
    use_cache: bool = True
    replay_dir: Path | None = None  # answer only from recordings here (tests, CI)
    record_dir: Path | None = None  # also write every real response here
    max_reasks: int = 1
    # ask the full question (the whole record) and keep every answer the article bears out,
    # instead of the compact question whose answers the rules check (see extraction/trusted.py)
    trust_model: bool = False
    temperature: float = 0.0
    n_ctx: int = 8192
    n_threads: int | None = None
    # a remote server's answer: seconds to wait for one, tries per request, and the backoff
    # between tries (doubling from ``backoff`` up to ``backoff_max``, or the server's Retry-After)
    timeout: float = 600.0
    max_attempts: int = 6
    backoff: float = 1.0
    backoff_max: float = 60.0

    @classmethod
    def resolve(
        cls,
        *,
        backend: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        cache_dir: Path | None = None,
        use_cache: bool = True,
        replay_dir: Path | None = None,
        record_dir: Path | None = None,
        trust_model: bool | None = None,
    ) -> Settings:
        env = os.environ
        base_url = base_url or env.get(ENV_BASE_URL) or None
        backend = backend or env.get(ENV_BACKEND) or None
        if backend is None:
            backend = "compatible" if base_url else "embedded"
        default = cls()
        timeout = _positive(env, ENV_TIMEOUT, default.timeout)
        attempts = max(1, int(_positive(env, ENV_ATTEMPTS, default.max_attempts)))
        replay = replay_dir or (Path(env[ENV_REPLAY_DIR]) if env.get(ENV_REPLAY_DIR) else None)
        record = record_dir or (Path(env[ENV_RECORD_DIR]) if env.get(ENV_RECORD_DIR) else None)
        return replace(
            default,
            backend=backend,
            model=model or env.get(ENV_MODEL) or _default_model(backend),
            base_url=base_url,
            api_key=api_key or env.get(ENV_API_KEY) or None,
            cache_dir=cache_dir
            or (Path(env[ENV_CACHE_DIR]) if env.get(ENV_CACHE_DIR) else default.cache_dir),
            use_cache=use_cache,
            replay_dir=replay,
            record_dir=record,
            n_threads=_threads(env.get(ENV_THREADS)),
            timeout=timeout,
            max_attempts=attempts,
            trust_model=trust_model
            if trust_model is not None
            else env.get(ENV_TRUST, "").strip().lower() in ("1", "true", "yes"),
        )


def _positive(env: os._Environ[str], var: str, default: float) -> float:
    raw = env.get(var)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ConfigError(f"{var}={raw!r} is not a positive number: unset it or fix it")
    return value


def _threads(value: str | None) -> int | None:
    """SUMMARIZER_THREADS: llama.cpp threads for the embedded model (default: every core)."""
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(f"{ENV_THREADS}={value!r}: give a whole number of threads, e.g. 2")
    return int(value)


def _default_model(backend: str) -> str:
    return {"openai": "gpt-4o-mini"}.get(backend, DEFAULT_MODEL)
