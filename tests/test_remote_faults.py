"""A remote backend under faults, against the hand-made fake server in fake_openai_server.py
(canned answers, not a model) on 127.0.0.1, started and stopped by each test.

Each fault is retried with backoff up to ``max_attempts`` and then becomes that article's error
line; the other articles' records are the same as in a run without faults; a fault that passes
is invisible in the records; ``concurrency`` bounds the requests in flight.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, CliRun
from fake_openai_server import FakeServer, Fault

from summarizer.api import load, summarize_files
from summarizer.settings import Settings

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

FILES = sorted(SEEDS.glob("*.txt"))
BATCH = FILES[:3]  # enough to see the other articles unharmed
ATTEMPTS = 3


def marker(path: Path) -> str:
    """Words that only this seed article's requests contain."""
    article = load(path)
    text = max((s.text for s in article.sentences), key=len)
    others = [f.read_text(encoding="utf-8") for f in FILES if f != path]
    assert not any(text in o for o in others)
    return text


def settings_for(server: FakeServer, **changes: Any) -> Settings:
    base = Settings.resolve(base_url=server.url, model="fake-server", use_cache=False)
    tuned = {"timeout": 1.0, "max_attempts": ATTEMPTS, "backoff": 0.01, "backoff_max": 0.05}
    return dataclasses.replace(base, **{**tuned, **changes})


def run(server: FakeServer, concurrency: int = 2, **changes: Any) -> dict[str, dict[str, Any]]:
    """The JSON line of each article, by id, without its timings."""
    out = {}
    settings = settings_for(server, **changes)
    for result in summarize_files(BATCH, settings=settings, concurrency=concurrency):
        line = json.loads(json.dumps(result.to_json()))
        line["usage"].pop("seconds")
        out[result.article_id] = line
    return out


@pytest.fixture(scope="module")
def fault_free() -> dict[str, dict[str, Any]]:
    with FakeServer() as server:
        lines = run(server)
    assert all("record" in line and "error" not in line for line in lines.values()), lines
    return lines


@pytest.mark.parametrize(
    "kind", ["429", "429-retry-after", "500", "503", "drop", "slow", "bad-json", "no-choices"]
)
def test_a_lasting_fault_fails_that_article_only(
    kind: str, fault_free: dict[str, dict[str, Any]]
) -> None:
    target = FILES[1]
    fault = Fault(marker(target), kind)
    with FakeServer(faults=[fault], slow_seconds=2.5) as server:
        lines = run(server)
    assert fault.served == ATTEMPTS  # tried, retried, then given up
    failed = lines.pop(target.name)
    assert "record" not in failed
    assert f"did not answer after {ATTEMPTS} tries" in failed["error"]
    assert "\n" not in failed["error"]
    expected = {k: v for k, v in fault_free.items() if k != target.name}
    assert lines == expected
    assert not server.overflow


@pytest.mark.parametrize(
    "kind", ["429", "429-retry-after", "500", "503", "drop", "slow", "bad-json", "no-choices"]
)
def test_a_passing_fault_is_retried_and_leaves_no_trace_in_the_record(
    kind: str, fault_free: dict[str, dict[str, Any]]
) -> None:
    target = FILES[2]
    fault = Fault(marker(target), kind, times=ATTEMPTS - 1)
    with FakeServer(faults=[fault], slow_seconds=2.5) as server:
        results = {
            r.article_id: r
            for r in summarize_files(BATCH, settings=settings_for(server), concurrency=2)
        }
    assert fault.served == ATTEMPTS - 1
    hit = results[target.name]
    assert hit.error is None
    assert len(hit.stats.retry_waits) == ATTEMPTS - 1
    assert hit.to_json()["record"] == fault_free[target.name]["record"]
    assert all(not r.stats.retry_waits for k, r in results.items() if k != target.name)


def test_retry_after_is_honoured_and_backoff_grows_without_it() -> None:
    target = FILES[0]
    with FakeServer(faults=[Fault(marker(target), "429-retry-after", times=2)]) as server:
        [told] = summarize_files([target], settings=settings_for(server, backoff=0.02))
    with FakeServer(faults=[Fault(marker(target), "429", times=2)]) as server:
        [guessed] = summarize_files([target], settings=settings_for(server, backoff=0.02))
    assert told.error is None and guessed.error is None
    assert told.stats.retry_waits == [0.0, 0.0]  # the server said Retry-After: 0
    first, second = guessed.stats.retry_waits
    assert 0.01 <= first <= 0.02 and 0.02 <= second <= 0.04  # doubling, with jitter


@pytest.mark.parametrize("concurrency", [1, 3])
def test_concurrency_bounds_the_requests_in_flight(concurrency: int) -> None:
    # the server holds each request until `concurrency` are in flight (or a second passes), so
    # the articles overlap as much as they may; a request beyond the bound would be counted
    files = FILES * 2
    with FakeServer(hold_until=concurrency) as server:
        settings = dataclasses.replace(settings_for(server), timeout=30)
        results = list(summarize_files(files, settings=settings, concurrency=concurrency))
    assert all(r.error is None for r in results)
    assert server.max_in_flight == concurrency


def test_a_fault_in_the_cli_is_one_error_line_and_exit_1(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_ATTEMPTS", "1")
    out = tmp_path / "out.jsonl"
    target = FILES[3]
    with FakeServer(faults=[Fault(marker(target), "503")]) as server:
        code, _, err = cli(
            "summarize", str(SEEDS), "--base-url", server.url, "--model", "fake-server",
            "--no-cache", "--concurrency", "2", "-o", str(out),
        )  # fmt: skip
    assert code == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(line["article_id"] for line in lines) == [f.name for f in FILES]
    [bad] = [line for line in lines if "error" in line]
    assert bad["article_id"] == target.name and "after 1 tries" in bad["error"]
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("error:")] == [
        f"error: {bad['error']}"
    ]
