"""Schemas on disk, the response store and call layer, local model files, CSV export."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLD, ROOT, CliRun
from openai.types.chat import ChatCompletion

from summarizer.errors import ConfigError, ReplayMissError
from summarizer.export_schemas import SCHEMAS, render
from summarizer.llm.backends import CallLayer
from summarizer.llm.models import LocalModel, is_verified, resolve_gguf, verify
from summarizer.llm.store import ResponseStore, request_form, request_key
from summarizer.render import to_csv
from summarizer.schema import ArticleRecord
from summarizer.settings import Settings


@pytest.mark.parametrize("name", SCHEMAS)
def test_json_schemas_on_disk_match_the_models(name: str) -> None:
    on_disk = (ROOT / "schemas" / name).read_text(encoding="utf-8")
    assert on_disk == render(SCHEMAS[name]), "schemas drifted: run `make schemas`"


def test_gold_files_validate_and_quotes_point_into_the_articles() -> None:
    for f in sorted(GOLD.glob("*.json")):
        rec = ArticleRecord.model_validate_json(f.read_text(encoding="utf-8"))
        raw = (ROOT / "seeds" / rec.article_id).read_text(encoding="utf-8")
        for inc in rec.incidents:
            for q in inc.evidence + [q for c in inc.casualty_claims for q in c.evidence]:
                assert raw[q.start : q.end] == q.text, (f.name, q.text[:40])


class CountingBackend:
    """A hand-made stand-in for a model server (not model output): it answers every request
    with the same fixed completion and counts the calls."""

    model_id = "test:counting"

    def __init__(self) -> None:
        self.calls = 0

    def create(self, **kwargs: Any) -> ChatCompletion:
        self.calls += 1
        return ChatCompletion.model_validate(
            {
                "id": "fixture", "object": "chat.completion", "created": 0, "model": "fixture",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": '{"claims": []}'}}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 3, "total_tokens": 13},
            }
        )  # fmt: skip


def _settings(tmp_path: Path, **kw: Any) -> Settings:
    return Settings.resolve(backend="compatible", base_url="http://127.0.0.1:9/v1",
                            model="m", cache_dir=tmp_path / "c", **kw)  # fmt: skip


def test_cache_serves_a_repeated_request_without_a_call(tmp_path: Path) -> None:
    backend = CountingBackend()
    request = {"messages": [{"role": "user", "content": "hi"}]}
    first = CallLayer(_settings(tmp_path), lambda: backend)
    first.create(**dict(request))
    second = CallLayer(_settings(tmp_path), lambda: backend)
    second.create(**dict(request))
    assert backend.calls == 1
    assert (first.stats.calls, first.stats.prompt_tokens) == (1, 10)
    assert (second.stats.calls, second.stats.cached) == (0, 1)
    third = CallLayer(_settings(tmp_path, use_cache=False), lambda: backend)
    third.create(**dict(request))
    assert backend.calls == 2


def test_record_then_replay_and_a_miss(tmp_path: Path) -> None:
    backend = CountingBackend()
    rec = CallLayer(
        _settings(tmp_path, use_cache=False, record_dir=tmp_path / "rec"), lambda: backend
    )
    rec.create(messages=[{"role": "user", "content": "hi"}])
    replay = CallLayer(_settings(tmp_path, replay_dir=tmp_path / "rec"), lambda: backend)
    out = replay.create(messages=[{"role": "user", "content": "hi"}])
    assert out.choices[0].message.content == '{"claims": []}' and backend.calls == 1
    with pytest.raises(ReplayMissError, match="make record"):
        replay.create(messages=[{"role": "user", "content": "changed"}])


def test_recording_into_a_directory_keeps_what_it_holds_and_asks_only_the_new(
    tmp_path: Path,
) -> None:
    backend = CountingBackend()
    settings = _settings(tmp_path, use_cache=False, record_dir=tmp_path / "rec")
    CallLayer(settings, lambda: backend).create(messages=[{"role": "user", "content": "hi"}])
    again = CallLayer(settings, lambda: backend)
    again.create(messages=[{"role": "user", "content": "hi"}])
    assert backend.calls == 1 and (again.stats.calls, again.stats.cached) == (0, 1)
    again.create(messages=[{"role": "user", "content": "new"}])
    assert backend.calls == 2 and len(list((tmp_path / "rec").glob("*.json"))) == 2


def test_request_key_ignores_headers_and_keys() -> None:
    form = request_form("m", {"messages": [], "extra_headers": {"Authorization": "Bearer x"},
                              "api_key": "sk-secret"})  # fmt: skip
    assert "extra_headers" not in form and "api_key" not in form
    assert request_key(form) == request_key(request_form("m", {"messages": []}))
    store = ResponseStore(Path("/nonexistent"))
    assert store.get("abc") is None


def test_api_key_is_never_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret")
    s = Settings.resolve(backend="openai")
    assert s.api_key == "sk-very-secret" and "sk-very-secret" not in repr(s)


def test_local_model_file_checks(tmp_path: Path) -> None:
    blob = tmp_path / "tiny.gguf"
    blob.write_bytes(b"GGUF" + b"\0" * 60)
    import hashlib

    good = LocalModel("tiny", "", "tiny.gguf", 64, hashlib.sha256(blob.read_bytes()).hexdigest(),
                      "x-part", 1, "0")  # fmt: skip
    assert not is_verified(good, blob)
    verify(good, blob)
    assert is_verified(good, blob)
    bad = LocalModel("tiny", "", "tiny.gguf", 64, "0" * 64, "x-part", 1, "0")
    with pytest.raises(ConfigError, match="not a good copy"):
        verify(bad, blob)
    with pytest.raises(ConfigError, match="summarizer models install tiny"):
        verify(good, tmp_path / "missing.gguf")
    assert resolve_gguf(str(blob), tmp_path)[0] == blob
    fix = re.escape("summarizer models install qwen2.5-coder-1.5b")
    with pytest.raises(ConfigError, match=fix):
        resolve_gguf("qwen2.5-coder-1.5b", tmp_path)


def test_csv_escapes_and_opens_in_a_spreadsheet() -> None:
    rec = ArticleRecord.model_validate_json((GOLD / "001_5d767cf5dec42332.json").read_text())
    rec.incidents[0].summary = 'Line one, with "quotes"\nand a second line'
    text = to_csv([rec])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    row = rows[0]
    assert row["notes"] == rec.incidents[0].summary
    assert row["location"] == "Ariha" and row["admin1"] == "Idlib"
    assert row["fatalities"] == "0"  # ACLED codes the most conservative figure
    assert (row["injured_low"], row["injured_best"], row["injured_high"]) == ("0", "0", "3")
    assert "Turkish sources" in row["claims"] and row["event_type"].startswith("Explosions")
    assert json.loads(json.dumps(row))  # plain strings only


def test_readme_field_table_is_generated_from_the_schema() -> None:
    from summarizer.docs import END, START, table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    current = readme.split(START, 1)[1].split(END, 1)[0].strip()
    assert current == table(), "README table drifted: run `python -m summarizer.docs`"


def test_doctor_reports_a_crashing_build_instead_of_crashing(tmp_path: Path) -> None:
    from summarizer.cli.models import probe_build

    crash = "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"
    assert probe_build(tmp_path / "m.gguf", crash) == (
        False,
        "the test evaluation crashed (signal 11)",
    )
    ok, detail = probe_build(tmp_path / "m.gguf", "print('ok')")
    assert ok and detail == "the test evaluation ran"
    failing = "raise SystemExit('llama_cpp: no model')"
    assert probe_build(tmp_path / "m.gguf", failing) == (
        False,
        "the test evaluation failed: llama_cpp: no model",
    )


def test_doctor_on_this_installation(cli: CliRun, tmp_path: Path) -> None:
    code, out, _ = cli("doctor", "--cache-dir", str(tmp_path))
    assert code == 1  # no model in an empty cache
    assert "FAIL model qwen2.5-coder-1.5b" in out and "summarizer models install" in out
    assert f"ok   cache {tmp_path} writable" in out


def test_digest_csv_has_one_row_per_merged_incident() -> None:
    from summarizer.briefing.merge import build_digest
    from summarizer.render import digest_to_csv

    records = [
        ArticleRecord.model_validate_json(f.read_text()) for f in sorted(GOLD.glob("*.json"))
    ]
    rows = list(csv.DictReader(io.StringIO(digest_to_csv(build_digest(records)))))
    assert len(rows) == 5
    by_patrol = {r["patrol_number"]: r for r in rows}
    r21 = by_patrol["21"]
    assert r21["fatalities"] == "0" and "Turkish forces" in r21["by_side"]
    assert r21["articles"].count("#") == 3 and "disputed" in r21["contradictions"]
    assert by_patrol["26"]["by_side"] == "Russian forces: injured 1/1/2 (disputed)"
