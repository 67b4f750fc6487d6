"""Every example command in the README runs, so the documentation cannot rot.

The examples' placeholder files are made in a scratch directory from the seeds (article.txt is
seed 000; articles/ and my_articles/ hold the seeds; page.html is seed 004's text as an HTML
page), and every model answer is replayed from the recorded seed run. Examples that need a remote
server or a download run with --help, which still checks that every option they use exists.
"""

from __future__ import annotations

import html
import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import CASSETTES, GOLD, ROOT, SEEDS, CliRun

README = (ROOT / "README.md").read_text(encoding="utf-8")
# a remote server, a download, or another model than the recorded one
NEEDS_SERVER = ("--backend openai", "--base-url", "models install", "doctor", "--model")


def examples() -> list[str]:
    """Command lines of the README: lines of bash blocks and commands in backticks."""
    found: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", README, re.S):
        found += [line.strip() for line in block.splitlines() if "summarizer " in line]
    for row in (line for line in README.splitlines() if line.startswith("|")):
        found += re.findall(r"`([^`]*summarizer (?:summarize|eval|digest)[^`]*)`", row)
    return [c for c in dict.fromkeys(found) if not c.startswith(("scripts/", "make "))]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(SEEDS / "000_5344304a19f35d4a.txt", tmp_path / "article.txt")
    shutil.copy(SEEDS / "000_5344304a19f35d4a.txt", tmp_path / "a.txt")
    for name in ("articles", "my_articles"):
        shutil.copytree(SEEDS, tmp_path / name)
    shutil.copytree(GOLD, tmp_path / "my_gold")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(GOLD.parent, tmp_path / "evals")
    text = (SEEDS / "004_637fea0d4bd3ce5c.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.splitlines() if p.strip())
    (tmp_path / "page.html").write_text(
        f"<!doctype html><html><body><article>{paragraphs}</article></body></html>"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_REPLAY_DIR", str(CASSETTES))
    return tmp_path


def _argv(command: str) -> tuple[list[str], str | None]:
    """The summarizer arguments of a command line, and a file piped to its stdin."""
    stdin = None
    if "|" in command:
        left, command = (part.strip() for part in command.split("|", 1))
        stdin = shlex.split(left, comments=True)[-1]
    words = [w for w in shlex.split(command, comments=True) if not re.match(r"^[A-Z_]+=", w)]
    start = next(i for i, w in enumerate(words) if w.endswith("summarizer"))
    return words[start + 1 :], stdin


def test_the_readme_has_examples() -> None:
    commands = examples()
    assert len(commands) >= 12
    assert any("--format csv" in c for c in commands) and any("digest" in c for c in commands)


@pytest.mark.parametrize("command", examples())
def test_readme_example_runs(command: str, scratch: Path, cli: CliRun) -> None:
    if "out.jsonl" in command and "-o out.jsonl" not in command:
        cli("summarize", "articles/", "-o", "out.jsonl")  # the output an earlier example wrote
    args, stdin = _argv(command)
    if any(marker in command for marker in NEEDS_SERVER):
        args.append("--help")
    code, _, err = cli(*args, stdin=(scratch / stdin).read_bytes() if stdin else None)
    assert code == 0, f"{command}\n{err}"
    assert "Traceback" not in err


def test_readme_python_example_runs(scratch: Path) -> None:
    block = re.search(r"```python\n(.*?)```", README, re.S)
    assert block is not None
    namespace: dict[str, object] = {}
    exec(block.group(1), namespace)  # the example as printed
    assert namespace["record"].incidents  # type: ignore[attr-defined]
