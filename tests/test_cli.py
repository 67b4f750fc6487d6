"""Every command through the console entry point, including every bad-input path: a clear
one-line error, a non-zero exit, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import CASSETTES, GOLD, SEEDS, CliRun

SEED = str(SEEDS / "000_5344304a19f35d4a.txt")
REPLAY = ["--replay", str(CASSETTES)]


def _one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert lines, err
    assert "Traceback" not in err
    return lines[0]


def test_version_and_help(cli: CliRun) -> None:
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("summarizer ")
    code, out, _ = cli("summarize", "--help")
    assert code == 0 and "SUMMARIZER_BASE_URL" in out and "OPENAI_API_KEY" in out


def test_summarize_one_article_prints_a_json_record(cli: CliRun) -> None:
    code, out, _ = cli("summarize", SEED, *REPLAY)
    assert code == 0
    data = json.loads(out)
    assert data["article_id"] == "000_5344304a19f35d4a.txt"
    assert data["record"]["incidents"][0]["patrol_number"] == 26
    assert data["usage"]["cached_calls"] >= 1


def test_summarize_a_directory_writes_json_lines(cli: CliRun, tmp_path: Path) -> None:
    out_file = tmp_path / "out.jsonl"
    code, _, err = cli("summarize", str(SEEDS), *REPLAY, "--out", str(out_file))
    assert code == 0, err
    lines = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert len(lines) == 5 and all("record" in line for line in lines)


def test_markdown_and_csv(cli: CliRun) -> None:
    code, out, _ = cli("summarize", SEED, *REPLAY, "--format", "markdown")
    assert code == 0 and out.startswith("# Military vehicle attacked")
    assert "patrol 26" in out
    # the 25th patrol says why it is not the main event told again
    assert "- **note**: separated from the main event: patrol 25, not 26" in out
    code, out, _ = cli("summarize", SEED, *REPLAY, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2
    assert rows[0]["event_date"] == "2020-08-25" and rows[0]["patrol_number"] == "26"
    assert rows[0]["fatalities"] == "0" and rows[0]["injured_best"] == "2"


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("caf\u00e9 in Latin-1".encode("latin-1"), "not valid UTF-8"),
        (b"x" * 70_000, "longer than"),
    ],
)
def test_bad_article_files(cli: CliRun, tmp_path: Path, content: bytes, phrase: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = cli("summarize", str(bad), *REPLAY)
    assert code != 0
    assert phrase in _one_line_error(err)


def test_missing_file_and_empty_directory(cli: CliRun, tmp_path: Path) -> None:
    """(URLs that cannot be fetched: tests/test_fetch.py, against a local server.)"""
    code, _, err = cli("summarize", str(tmp_path / "nope.txt"), *REPLAY)
    assert code != 0 and "no such file" in _one_line_error(err)
    code, _, err = cli("summarize", str(tmp_path), *REPLAY)
    assert code == 2 and "no article files" in _one_line_error(err)


def test_one_bad_article_does_not_lose_the_others(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text((SEEDS / "000_5344304a19f35d4a.txt").read_text())
    (tmp_path / "b_empty.txt").write_text("")
    out_file = tmp_path / "out.jsonl"
    code, _, err = cli("summarize", str(tmp_path), *REPLAY, "--out", str(out_file))
    lines = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert code == 1
    assert [("record" in x, "error" in x) for x in lines] == [(True, False), (False, True)]
    assert "b_empty.txt: is empty" in err and "Traceback" not in err


def test_text_without_patrol_content_gives_an_empty_record_with_a_reason(
    cli: CliRun, tmp_path: Path
) -> None:
    f = tmp_path / "weather.txt"
    f.write_text("Rain is expected across the region on Friday. Temperatures will fall.\n")
    code, out, _ = cli("summarize", str(f), *REPLAY)
    record = json.loads(out)["record"]
    assert code == 0 and record["incidents"] == []
    assert record["no_patrol_content"]


def test_stdin(cli: CliRun) -> None:
    code, out, _ = cli(
        "summarize", "-", *REPLAY, stdin=(SEEDS / "004_637fea0d4bd3ce5c.txt").read_bytes()
    )
    assert code == 0
    assert json.loads(out)["article_id"] == "stdin"


def test_missing_recording_is_a_clean_error(cli: CliRun, tmp_path: Path) -> None:
    f = tmp_path / "other.txt"
    f.write_text("A joint patrol was attacked near Tal Tamr on Monday, injuring two soldiers.\n")
    code, out, err = cli("summarize", str(f), *REPLAY)
    assert code == 1 and "make record" in _one_line_error(err)
    assert "error" in json.loads(out)


def test_unconfigured_backends(cli: CliRun) -> None:
    code, _, err = cli("summarize", SEED, "--backend", "openai", "--no-cache")
    assert code == 1 and "OPENAI_API_KEY" in _one_line_error(err)
    code, _, err = cli("summarize", SEED, "--backend", "compatible", "--no-cache")
    assert "--base-url" in _one_line_error(err)
    code, _, err = cli("summarize", SEED, "--model", "/nowhere/model.gguf", "--no-cache")
    assert "unknown local model" in _one_line_error(err)


def test_eval_scores_saved_results_and_gates(cli: CliRun, tmp_path: Path) -> None:
    saved = tmp_path / "run.jsonl"
    code, _, _ = cli("summarize", str(SEEDS), *REPLAY, "--out", str(saved))
    assert code == 0
    md = tmp_path / "report.md"
    code, out, err = cli(
        "eval", str(saved), "--gold", str(GOLD), "--articles", str(SEEDS),
        "--baseline", "evals/baseline.json", "--markdown", str(md),
    )  # fmt: skip
    assert code == 0, err
    assert "field_f1" in out and "gate: passed" in err
    assert md.read_text().startswith("# Evaluation report")


def test_eval_bad_inputs(cli: CliRun, tmp_path: Path) -> None:
    bad_gold = tmp_path / "gold"
    bad_gold.mkdir()
    (bad_gold / "000_5344304a19f35d4a.json").write_text("{not json")
    code, _, err = cli("eval", "--run", *REPLAY, "--gold", str(bad_gold), "--articles", str(SEEDS))
    assert code == 2 and "000_5344304a19f35d4a.json" in _one_line_error(err)
    junk = tmp_path / "junk.jsonl"
    junk.write_text("hello\n")
    code, _, err = cli("eval", str(junk), "--gold", str(GOLD), "--articles", str(SEEDS))
    assert code == 2 and "junk.jsonl" in _one_line_error(err)
    code, _, err = cli("eval")
    assert code == 2 and "--run" in _one_line_error(err)


def test_digest_from_saved_records(cli: CliRun, tmp_path: Path) -> None:
    saved = tmp_path / "run.jsonl"
    cli("summarize", str(SEEDS), *REPLAY, "--out", str(saved))
    code, out, _ = cli("digest", str(saved))
    assert code == 0 and "21st" in out and "26th" in out
    html = tmp_path / "d.html"
    code, _, _ = cli(
        "digest", str(saved), "--format", "html", "--articles", str(SEEDS), "-o", str(html)
    )
    assert code == 0 and "<mark" in html.read_text()
    code, _, err = cli("digest", str(tmp_path / "missing.jsonl"))
    assert code == 2 and "missing.jsonl" in _one_line_error(err)


def test_models_list_and_unknown_install(cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = cli("models")
    assert code == 0 and "qwen2.5-coder-1.5b" in out and "summarizer models install" in out
    code, _, err = cli("models", "install", "llama-70b")
    assert code == 2 and "unknown model" in _one_line_error(err)


def test_eval_keeps_one_split_or_batch_of_the_manifest(cli: CliRun, tmp_path: Path) -> None:
    articles, gold = tmp_path / "articles", tmp_path / "gold"
    articles.mkdir()
    gold.mkdir()
    ids = ["000_5344304a19f35d4a", "001_5d767cf5dec42332"]
    for aid in ids:
        (articles / f"{aid}.txt").write_bytes((SEEDS / f"{aid}.txt").read_bytes())
        (gold / f"{aid}.json").write_bytes((GOLD / f"{aid}.json").read_bytes())
    rows = [{"id": ids[0], "split": "test"}, {"id": ids[1], "split": "test", "batch": "b1"}]
    (tmp_path / "manifest.json").write_text(json.dumps(rows))
    saved = tmp_path / "run.jsonl"
    code, _, _ = cli("summarize", str(articles), *REPLAY, "--out", str(saved))
    assert code == 0
    scored = {}
    for flag in (["--split", "test"], ["--batch", "b1"]):
        report = tmp_path / "report.json"
        code, _, err = cli(
            "eval", str(saved), "--gold", str(gold), "--articles", str(articles), *flag,
            "--json", str(report),
        )  # fmt: skip
        assert code == 0, err
        scored[flag[0]] = [a["article_id"] for a in json.loads(report.read_text())["articles"]]
    assert scored == {"--split": [f"{i}.txt" for i in ids], "--batch": [f"{ids[1]}.txt"]}
    code, _, err = cli("eval", str(saved), "--gold", str(gold), "--articles", str(articles),
                       "--batch", "none-such")  # fmt: skip
    assert code == 2 and "batch 'none-such' (known: b1)" in _one_line_error(err)
