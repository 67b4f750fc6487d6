"""Prompts are files: a change to them is a visible diff of the rendered text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from summarizer.errors import ConfigError
from summarizer.extraction.extract import build_messages
from summarizer.llm import prompts
from summarizer.reading.text import load_article

GOLDEN = ROOT / "tests" / "golden" / "events_000.json"


def test_rendered_question_matches_the_golden_file() -> None:
    """Regenerate after an intended prompt change with:
    python -c "import tests.test_prompts as t; t.write_golden()"  (then `make record`)."""
    article = load_article(SEEDS / "000_5344304a19f35d4a.txt")
    messages = build_messages(article, "task_events")
    assert messages == json.loads(GOLDEN.read_text(encoding="utf-8"))


def write_golden() -> None:
    article = load_article(SEEDS / "000_5344304a19f35d4a.txt")
    messages = build_messages(article, "task_events")
    GOLDEN.write_text(json.dumps(messages, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def test_articles_share_the_system_prefix() -> None:
    """Everything before the article is the same for every article: a local model reuses it."""
    a = build_messages(load_article(SEEDS / "000_5344304a19f35d4a.txt"), "task_events")
    b = build_messages(load_article(SEEDS / "001_5d767cf5dec42332.txt"), "task_events")
    assert a[0] == b[0]
    assert a[1]["content"].startswith("Article:\n[1] ") and a[1]["content"].endswith("EVENTS ->")


def test_missing_or_extra_values_are_errors() -> None:
    with pytest.raises(ConfigError, match="missing values \\['article'\\]"):
        prompts.render("article")
    with pytest.raises(ConfigError, match="unused values \\['other'\\]"):
        prompts.render("article", article="[1] x", other="x")
    with pytest.raises(ConfigError, match="not found"):
        prompts.load("no_such_prompt")


def test_the_worked_example_is_not_a_gold_article() -> None:
    system = prompts.load("extract_system")
    for seed in SEEDS.glob("*.txt"):
        for line in Path(seed).read_text(encoding="utf-8").splitlines():
            if len(line) > 40:
                assert line.strip() not in system, f"{seed.name} leaks into the prompt"
