"""Shared fixtures. The network is blocked for every test (pytest-socket, see pyproject); model
answers come from recordings of real runs in tests/cassettes/."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The fuzz and property suites (tests/test_fuzz.py): reproducible in CI and modest in time.
settings.register_profile(
    "default",
    derandomize=True,
    max_examples=int(os.environ.get("SUMMARIZER_FUZZ_EXAMPLES", "25")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "evals" / "gold"
CASSETTES = ROOT / "tests" / "cassettes" / "seeds"
HANDMADE = ROOT / "tests" / "fixtures" / "handmade"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's cache or settings."""
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    for var in (
        "SUMMARIZER_BACKEND",
        "SUMMARIZER_MODEL",
        "SUMMARIZER_BASE_URL",
        "OPENAI_API_KEY",
        "SUMMARIZER_REPLAY_DIR",
        "SUMMARIZER_RECORD_DIR",
        "SUMMARIZER_RAISE_ERRORS",
        "SUMMARIZER_THREADS",
        "SUMMARIZER_TRUST_MODEL",
    ):
        monkeypatch.delenv(var, raising=False)  # fmt: skip


CliRun = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRun:
    """Run the console entry point as a user would (error boundary included); returns
    (exit code, stdout, stderr)."""
    from summarizer.cli import main

    def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["summarizer", *args])
        if stdin is not None:
            import io

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return code, out, err

    return run
