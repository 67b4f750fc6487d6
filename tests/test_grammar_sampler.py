"""GreedyGrammarSampler picks the same token as llama.cpp's stock ``grammar -> greedy`` chain.

These tests need llama-cpp-python and the default model's file (installed by scripts/setup.sh, as
in CI), but no inference: only the model's vocabulary is loaded (a third of a second), and the
logits are drawn at random, so every step compares both samplers on the whole vocabulary.
"""

from __future__ import annotations

import ctypes
import json
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

llama_cpp = pytest.importorskip("llama_cpp")
C = pytest.importorskip("llama_cpp.llama_cpp")

from llama_cpp.llama_grammar import LlamaGrammar  # noqa: E402

from summarizer.extraction.drafts import ArticleAnswer  # noqa: E402
from summarizer.llm.grammar_sampler import GreedyGrammarSampler  # noqa: E402
from summarizer.llm.models import LOCAL_MODELS, installed_path, is_verified  # noqa: E402
from summarizer.settings import DEFAULT_MODEL  # noqa: E402

_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


@pytest.fixture(scope="module")
def vocab() -> Iterator[Any]:
    from pathlib import Path

    from llama_cpp._internals import LlamaModel
    from platformdirs import user_cache_dir

    model = LOCAL_MODELS[DEFAULT_MODEL]
    path = installed_path(model, Path(user_cache_dir("summarizer")))
    if not is_verified(model, path):
        pytest.skip("the default model is not installed: run scripts/setup.sh")
    params = C.llama_model_default_params()
    params.vocab_only = True
    loaded = LlamaModel(path_model=str(path), params=params, verbose=False)
    yield loaded
    loaded.close()


class Candidates:
    """A whole-vocabulary ``llama_token_data_array`` whose logits the test sets."""

    def __init__(self, n_vocab: int) -> None:
        self.buf = (C.llama_token_data * n_vocab)()
        self.view = np.frombuffer(self.buf, dtype=_DATA)
        self.view["id"] = np.arange(n_vocab)
        data = ctypes.cast(self.buf, C.llama_token_data_p)
        self.array = C.llama_token_data_array(data=data, size=n_vocab, selected=-1, sorted=False)

    def set(self, logits: np.ndarray) -> Any:
        self.view["logit"] = logits
        self.array.selected = -1
        return ctypes.pointer(self.array)


def _stock_chain(vocab: Any, grammar: LlamaGrammar) -> Any:
    chain = C.llama_sampler_chain_init(C.llama_sampler_chain_default_params())
    rules, root = grammar._grammar.encode(), grammar._root.encode()
    C.llama_sampler_chain_add(chain, C.llama_sampler_init_grammar(vocab, rules, root))
    C.llama_sampler_chain_add(chain, C.llama_sampler_init_greedy())
    return chain


def _decode_both(vocab: Any, grammar: LlamaGrammar, steps: int, seed: int) -> tuple[int, int]:
    """Decode ``steps`` tokens of random logits with both samplers; assert each step agrees.
    Returns (steps where the unconstrained best was refused, steps taken)."""
    n_vocab = C.llama_vocab_n_tokens(vocab)
    rng = np.random.default_rng(seed)
    stock = _stock_chain(vocab, grammar)
    fast = GreedyGrammarSampler(vocab, grammar._grammar, grammar._root)
    a, b = Candidates(n_vocab), Candidates(n_vocab)
    eog = C.llama_vocab_eos(vocab)
    taken = 0
    try:
        for _ in range(steps):
            logits = rng.normal(size=n_vocab).astype(np.single)
            C.llama_sampler_apply(stock, a.set(logits))
            expected = int(a.view["id"][a.array.selected])
            fast._apply(None, b.set(logits))
            got = int(b.view["id"][b.array.selected])
            assert got == expected
            taken += 1
            if got == eog:
                break
            C.llama_sampler_accept(stock, expected)
            fast._accept(None, got)
        return fast.full_checks, taken
    finally:
        fast.free()
        C.llama_sampler_free(stock)


def test_same_tokens_as_the_stock_chain_under_the_answer_schema(vocab: Any) -> None:
    grammar = LlamaGrammar.from_json_schema(
        json.dumps(ArticleAnswer.model_json_schema()), verbose=False
    )
    refused, taken = _decode_both(vocab.vocab, grammar, steps=60, seed=1)
    assert taken > 1
    # random logits rarely favour a JSON token: the whole-vocabulary path is exercised
    assert refused > 0


def test_the_best_token_is_kept_without_a_whole_vocabulary_pass_when_the_grammar_allows_it(
    vocab: Any,
) -> None:
    grammar = LlamaGrammar.from_string('root ::= "yes" | "no"', verbose=False)
    n_vocab = C.llama_vocab_n_tokens(vocab.vocab)
    yes = vocab.tokenize(b"yes", False, False)[0]
    maybe = vocab.tokenize(b"maybe", False, False)[0]
    cands = Candidates(n_vocab)
    fast = GreedyGrammarSampler(vocab.vocab, grammar._grammar, grammar._root)
    try:
        logits = np.zeros(n_vocab, dtype=np.single)
        logits[yes] = 5.0
        fast._apply(None, cands.set(logits))
        assert cands.array.selected == yes and fast.full_checks == 0

        logits[maybe] = 9.0  # the model prefers a token the grammar refuses
        fast._apply(None, cands.set(logits))
        assert cands.array.selected == yes and fast.full_checks == 1
    finally:
        fast.free()
