"""Batches that lose nothing: JSON Lines written as each article finishes, --resume, Ctrl-C in
the middle of a batch, and a response cache shared by processes writing at once."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import CASSETTES, ROOT, SEEDS, CliRun
from fake_openai_server import FakeServer, Fault
from test_remote_faults import FILES, marker

from summarizer.cli import summarize as summarize_command
from summarizer.cli.jsonl_out import JsonlWriter
from summarizer.llm.backends import CallLayer
from summarizer.llm.store import ResponseStore
from summarizer.settings import Settings

REPLAY = ["--replay", str(CASSETTES)]


def read_lines(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n"), "a half-written last line"
    return [json.loads(line) for line in text.splitlines()]


def test_each_line_is_in_the_file_before_the_next_article_starts(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    lines_seen: list[int] = []
    real = summarize_command.summarize_files

    def spy(*args: Any, **kwargs: Any) -> Any:
        for result in real(*args, **kwargs):
            lines_seen.append(len(read_lines(out)))
            yield result

    monkeypatch.setattr(summarize_command, "summarize_files", spy)
    code, _, err = cli("summarize", str(SEEDS), *REPLAY, "-o", str(out))
    assert code == 0, err
    assert lines_seen == [0, 1, 2, 3, 4]  # when article k is handed over, k lines are on disk
    assert len(read_lines(out)) == 5


def test_ctrl_c_while_a_line_is_written_lets_the_line_finish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    writer = JsonlWriter(out)
    real = writer._fh

    class InterruptedHalfway:
        """Writes half the line, receives SIGINT, writes the rest."""

        def write(self, text: str) -> int:
            real.write(text[:10])
            real.flush()
            os.kill(os.getpid(), signal.SIGINT)
            return 10 + real.write(text[10:])

        def flush(self) -> None:
            real.flush()

    monkeypatch.setattr(writer, "_fh", InterruptedHalfway())
    with pytest.raises(KeyboardInterrupt):
        writer.write({"article_id": "a", "record": {"incidents": []}})
    real.close()
    assert read_lines(out) == [{"article_id": "a", "record": {"incidents": []}}]


def test_resume_keeps_the_records_and_redoes_errors_and_a_half_written_line(
    cli: CliRun, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    code, _, _ = cli("summarize", str(SEEDS), *REPLAY, "-o", str(out))
    assert code == 0
    full = read_lines(out)
    kept = [dict(line, usage={**line["usage"], "seconds": 12345}) for line in full[:2]]
    failed = {"article_id": full[2]["article_id"], "error": "the model server did not answer"}
    half = json.dumps(full[3])[:200]  # a run killed while writing
    out.write_text(
        "".join(json.dumps(x) + "\n" for x in [*kept, failed]) + "not json\n" + half,
        encoding="utf-8",
    )

    code, _, err = cli("summarize", str(SEEDS), *REPLAY, "-o", str(out), "--resume")
    assert code == 0, err
    assert "resuming: 2 of 5" in err
    lines = read_lines(out)
    assert lines[:2] == kept  # not done again
    by_id = {line["article_id"]: line for line in lines}
    assert len(lines) == len(by_id) == 5  # one line per article, no error line left
    for line in full[2:]:
        assert by_id[line["article_id"]]["record"] == line["record"]

    code, _, err = cli("summarize", str(SEEDS), *REPLAY, "-o", str(out), "--resume")
    assert code == 0 and "nothing to do" in err
    assert read_lines(out) == lines


def test_resume_needs_a_json_lines_file(cli: CliRun) -> None:
    code, _, err = cli("summarize", str(SEEDS), *REPLAY, "--resume")
    assert code == 2 and "error: --resume works on a JSON Lines file" in err
    assert "Traceback" not in err


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.parametrize(("concurrency", "finished"), [(1, 2), (3, 4)])
def test_ctrl_c_mid_batch_keeps_what_finished_and_resume_does_the_rest(
    tmp_path: Path, concurrency: int, finished: int
) -> None:
    """A real process, a real SIGINT: the third article's request never gets an answer."""
    out = tmp_path / "out.jsonl"
    stuck = FILES[2]
    env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    with FakeServer(faults=[Fault(marker(stuck), "hang")], time_limit=60) as server:
        command = [
            sys.executable, "-m", "summarizer", "summarize", str(SEEDS), "--base-url",
            server.url, "--model", "fake-server", "--no-cache", "-o", str(out),
        ]  # fmt: skip
        proc = subprocess.Popen(
            [*command, "--concurrency", str(concurrency)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while len(_complete_lines(out)) < finished and proc.poll() is None:
                assert time.monotonic() < deadline, "the finished articles were not written"
                time.sleep(0.05)
            while server.in_flight == 0:  # the stuck article is being asked
                assert time.monotonic() < deadline
                time.sleep(0.05)
            proc.send_signal(signal.SIGINT)
            _, err = proc.communicate(timeout=30)
        finally:
            proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert f"interrupted: {finished} of 5 articles done, saved in {out}" in err
    lines = read_lines(out)
    assert len(lines) == finished and stuck.name not in {line["article_id"] for line in lines}

    with FakeServer() as server:
        done = subprocess.run(
            [*command[:6], server.url, *command[7:], "--resume"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert f"resuming: {finished} of 5" in done.stderr
    lines = read_lines(out)
    assert sorted(line["article_id"] for line in lines) == [f.name for f in FILES]


def _complete_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True) if line]


# -- the response cache ----------------------------------------------------------------------


def _write_many(root: Path, me: str, times: int) -> None:
    """One of two processes storing the same key over and over, reading it back each time."""
    store = ResponseStore(root)
    (root.parent / me).touch()  # start together: both ready, then go
    while not all((root.parent / w).exists() for w in "ab"):
        time.sleep(0.001)
    for n in range(times):
        store.put("k" * 64, {"writer": me}, {"writer": me, "n": n, "pad": me * 20_000})
        got = store.get("k" * 64)
        assert got is not None and got["pad"] == got["writer"] * 20_000, got


def test_two_processes_writing_the_same_cache_entry_never_corrupt_it(tmp_path: Path) -> None:
    root = tmp_path / "cache" / "responses"
    root.parent.mkdir()
    fork = multiprocessing.get_context("fork")  # the child needs no fresh imports
    writers = [fork.Process(target=_write_many, args=(root, me, 150)) for me in "ab"]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=120)
    assert [w.exitcode for w in writers] == [0, 0]  # no failed write, no torn read
    final = ResponseStore(root).get("k" * 64)
    assert final is not None and final["pad"] == final["writer"] * 20_000
    assert [p.name for p in root.iterdir()] == ["k" * 64 + ".json"]  # no temporary left


class _CountingFakeBackend:
    """A hand-made fake backend (not a model): every call returns the same canned reply."""

    model_id = "fake-backend"

    def __init__(self) -> None:
        self.calls = 0

    def create(self, **kwargs: Any) -> Any:
        from openai.types.chat import ChatCompletion

        self.calls += 1
        return ChatCompletion.model_validate(
            {
                "id": "fake", "object": "chat.completion", "created": 0, "model": "fake",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": '{"claims": []}'}}],
            }
        )  # fmt: skip


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "\x00\x01garbage",  # corrupt
        lambda text: "[1, 2]",  # JSON, but not an entry
        lambda text: json.dumps({"request": {}, "response": {"not": "a reply"}}),
    ],
    ids=["truncated", "corrupt", "not-an-entry", "not-a-reply"],
)
def test_a_damaged_cache_entry_is_ignored_and_rewritten(tmp_path: Path, damage: Any) -> None:
    settings = Settings.resolve(backend="compatible", base_url="http://x/v1", model="m")
    backend = _CountingFakeBackend()
    request = {"messages": [{"role": "user", "content": "hello"}]}

    CallLayer(settings, backend_factory=lambda: backend).create(**request)
    [entry] = (settings.cache_dir / "responses").glob("*.json")
    good = entry.read_text(encoding="utf-8")
    entry.write_text(damage(good), encoding="utf-8")

    layer = CallLayer(settings, backend_factory=lambda: backend)
    reply = layer.create(**request)
    assert reply.choices[0].message.content == '{"claims": []}'
    assert backend.calls == 2 and layer.stats.cached == 0
    assert entry.read_text(encoding="utf-8") == good

    again = CallLayer(settings, backend_factory=lambda: backend)
    again.create(**request)
    assert backend.calls == 2 and again.stats.cached == 1


def test_a_re_asked_answer_leaves_nothing_behind() -> None:
    """pydantic keeps a validator's error, whose traceback reaches back to the ValidationError:
    a cycle the garbage collector cannot free. Unbroken, every re-ask kept its frames, messages
    and replies for the rest of the batch (bench/memory.py measures the effect). The re-ask is
    forced by a hand-made fake backend whose first reply does not fit the answer schema."""
    import gc

    def failed_attempts() -> set[int]:
        gc.collect()
        return {id(o) for o in gc.get_objects() if type(o).__name__ == "FailedAttempt"}

    class _BadThenGood(_CountingFakeBackend):
        def create(self, **kwargs: Any) -> Any:
            reply = super().create(**kwargs)
            content = '{"events": [{"main": "x"}]}' if self.calls % 2 else '{"events": []}'
            reply.choices[0].message.content = content
            return reply

    before = failed_attempts()
    settings = Settings.resolve(backend="compatible", base_url="http://x/v1", model="m")
    settings = replace(settings, use_cache=False)
    from summarizer.extraction.extract import Extractor
    from summarizer.reading.text import load_article

    extractor = Extractor(settings, backend=_BadThenGood())
    results = [extractor.extract(load_article(f)) for f in FILES]
    assert sum(r.stats.reasks for r in results) > 0  # the path under test was taken
    del results, extractor
    assert failed_attempts() - before == set()
