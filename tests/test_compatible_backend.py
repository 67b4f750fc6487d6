"""The OpenAI-compatible backend over real HTTP, replayed from a recording.

The cassette in tests/cassettes/test_compatible_backend/ was recorded from a real run of
llama-cpp-python's OpenAI-compatible server with Qwen2.5-Coder-0.5B on loopback
(`scripts/record_compatible.sh`). Replaying needs no server and no socket: VCR.py answers the
openai client's HTTP requests. The request body is part of the match, so a changed prompt, schema
or sampling setting finds no recording and fails, naming the re-record command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import openai
import pytest
import yaml
from conftest import SEEDS
from vcr.errors import CannotOverwriteExistingCassetteException

from summarizer.api import summarize_files
from summarizer.errors import SummarizerError
from summarizer.extraction.grounding import check_quote
from summarizer.llm import backends
from summarizer.schema import ArticleRecord
from summarizer.settings import Settings

RECORD_COMMAND = "scripts/record_compatible.sh"
# The recording script starts the server here, so the recorded URLs are the replayed ones.
PLACEHOLDER_URL = "http://127.0.0.1:8765/v1"
SEED = SEEDS / "003_d89a1fc585dc487a.txt"
CASSETTES = Path(__file__).parent / "cassettes"
SECRET_HEADERS = ["authorization", "x-api-key", "openai-organization"]


@pytest.fixture
def vcr_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    # pytest-recording lets a record_mode here win over --record-mode, so take the flag first:
    # replay only ("none": a request with no recording is an error) unless re-recording.
    return {
        "record_mode": request.config.getoption("--record-mode") or "none",
        "filter_headers": SECRET_HEADERS,
        "match_on": ["method", "scheme", "host", "port", "path", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture
def _cassette_miss_names_the_re_record_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request with no recording surfaces from the openai client as a connection error, which
    the call layer would retry for a minute. Make it a SummarizerError that names the fix."""
    original = backends.RemoteBackend.create

    def create(self: backends.RemoteBackend, **kwargs: Any) -> Any:
        try:
            return original(self, **kwargs)
        except openai.APIConnectionError as exc:
            miss = exc.__cause__
            if not isinstance(miss, CannotOverwriteExistingCassetteException):
                raise
            details = str(miss).split("\nHow to fix:")[0]  # VCR.py's advice does not apply
            raise SummarizerError(
                f"no recorded response for this request (a prompt, schema or setting changed, "
                f"or the cassette is missing): re-record with {RECORD_COMMAND}\n{details}"
            ) from None

    monkeypatch.setattr(backends.RemoteBackend, "create", create)


@pytest.fixture
def server_url(monkeypatch: pytest.MonkeyPatch) -> str:
    """The live server when recording (set by the script), else the recorded URL."""
    monkeypatch.setenv("SUMMARIZER_JSON_MODE", "json_object_schema")
    return os.environ.get("SUMMARIZER_TEST_SERVER") or PLACEHOLDER_URL


@pytest.mark.vcr
@pytest.mark.usefixtures("_cassette_miss_names_the_re_record_command")
def test_compatible_backend_over_http(server_url: str, vcr: Any) -> None:
    settings = Settings.resolve(
        backend="compatible",
        base_url=server_url,
        model="qwen2.5-coder-0.5b",
        api_key="test-key-not-real",
        use_cache=False,
    )
    [result] = summarize_files([SEED], settings=settings)
    assert result.error is None, result.error
    assert result.record is not None
    rec = ArticleRecord.model_validate_json(result.record.model_dump_json())
    assert sorted(i.patrol_number or 0 for i in rec.incidents) == [21, 23, 24]
    raw = SEED.read_text(encoding="utf-8")
    quotes = [q for inc in rec.incidents for q in inc.evidence]
    quotes += [q for inc in rec.incidents for c in inc.casualty_claims for q in c.evidence]
    quotes += [q for p in rec.programme for q in p.evidence]
    assert quotes
    assert all(check_quote(raw, q) for q in quotes)
    assert result.stats.cached == 0 and result.stats.calls == len(result.stats.attempts) > 0
    if vcr.record_mode == "none":
        assert vcr.all_played, (
            f"{vcr.play_count} of {len(vcr)} recorded requests were made: the pipeline asks "
            f"fewer questions than when recorded; re-record with {RECORD_COMMAND}"
        )


def test_cassettes_hold_no_credentials() -> None:
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert files, f"no cassettes under {CASSETTES}"
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "test-key-not-real" not in text, path
        assert "bearer" not in text.lower(), path
        for interaction in yaml.safe_load(text)["interactions"]:
            for part in ("request", "response"):
                headers = {h.lower() for h in interaction[part].get("headers", {})}
                assert not headers & set(SECRET_HEADERS), (path, part, headers)
