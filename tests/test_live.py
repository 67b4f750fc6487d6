"""Tests that load the real embedded model. Slow; run with: .venv/bin/python -m pytest -m live"""

from __future__ import annotations

import pytest
from conftest import SEEDS

from summarizer.api import summarize_text
from summarizer.llm.models import LOCAL_MODELS, installed_path, is_verified
from summarizer.settings import Settings

pytestmark = pytest.mark.live


def _settings_or_skip() -> Settings:
    pytest.importorskip("llama_cpp")
    from pathlib import Path

    from platformdirs import user_cache_dir

    cache = Path(user_cache_dir("summarizer"))  # the user's installed model, not the test cache
    model = LOCAL_MODELS["qwen2.5-coder-0.5b"]
    if not is_verified(model, installed_path(model, cache)):
        pytest.skip("run `summarizer models install qwen2.5-coder-0.5b` first")
    return Settings.resolve(model=model.name, cache_dir=cache, use_cache=False)


def test_the_embedded_model_fills_a_valid_grounded_record() -> None:
    settings = _settings_or_skip()
    text = (SEEDS / "003_d89a1fc585dc487a.txt").read_text(encoding="utf-8")
    record = summarize_text(text, article_id="003.txt", settings=settings)
    assert sorted(i.patrol_number or 0 for i in record.incidents) == [21, 23, 24]
    for inc in record.incidents:
        for q in inc.evidence:
            assert text[q.start : q.end] == q.text


def test_the_fast_grammar_sampler_answers_token_for_token_like_the_stock_chain() -> None:
    """On a real prompt and the real model, the greedy grammar sampler changes only the time."""
    settings = _settings_or_skip()
    from summarizer.extraction.drafts import ArticleAnswer
    from summarizer.llm.backends import EmbeddedBackend

    llm = EmbeddedBackend(settings)._load()
    text = (SEEDS / "001_5d767cf5dec42332.txt").read_text(encoding="utf-8")[:1500]
    request = {
        "messages": [{"role": "user", "content": f"List the events as JSON.\n\n{text}"}],
        "response_format": {"type": "json_object", "schema": ArticleAnswer.model_json_schema()},
        "temperature": 0,
        "max_tokens": 200,
    }
    answers = []
    for fast in (True, False):
        llm.fast_grammar = fast
        llm.reset()
        answers.append(llm.create_chat_completion(**request)["choices"][0]["message"]["content"])
    llm.fast_grammar = True
    assert answers[0] == answers[1]
    assert answers[0].lstrip().startswith("{")
