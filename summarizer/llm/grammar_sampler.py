"""Greedy decoding under a JSON grammar at the speed of free decoding (embedded backend only).

llama-cpp-python samples a constrained answer with a chain ``grammar -> greedy``: every step runs
the grammar over the whole vocabulary (about 152,000 tokens for Qwen2.5) before the greedy pick,
which costs about a fifth of the decode time on a 2-core CPU. For greedy decoding most of that
work is wasted: the grammar only ever removes tokens, so when the best token of the unconstrained
logits is one the grammar allows, it is also the best allowed token. ``GreedyGrammarSampler``
therefore asks the grammar about that one token first and runs it over the whole vocabulary only
when the token is refused (llama.cpp's own ``common_sampler`` does the same). The answer is the
same token for token as the stock chain's; tests compare both on real prompts.

``FastGrammarLlama`` plugs the sampler in where llama-cpp-python builds its chain
(``Llama._init_sampler``, a private method of the pinned 0.3.x line): only for greedy decoding with
a grammar and no logit processors or penalties; everything else goes to the stock chain.
"""

from __future__ import annotations

import ctypes
from typing import Any

# imported only by the embedded backend, once it has checked that llama_cpp is installed
import llama_cpp.llama_cpp as C
import numpy as np
from llama_cpp import Llama
from llama_cpp._internals import LlamaSampler

_TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


class GreedyGrammarSampler:
    """A llama.cpp sampler (``apply`` + ``accept``) that picks the best token the grammar allows."""

    def __init__(self, vocab: Any, grammar: str, root: str) -> None:
        self.grammar = C.llama_sampler_init_grammar(vocab, grammar.encode(), root.encode())
        if not self.grammar:
            raise ValueError("llama.cpp could not parse the grammar")
        self.full_checks = 0  # steps where the best token was refused and the whole vocabulary ran
        self.steps = 0
        self._one = (C.llama_token_data * 1)()
        self._one_array = C.llama_token_data_array(
            data=ctypes.cast(self._one, C.llama_token_data_p), size=1, selected=-1, sorted=False
        )
        # the callbacks must stay referenced for as long as llama.cpp may call them
        self._apply_cb = C.llama_sampler_i_apply(self._apply)
        self._accept_cb = C.llama_sampler_i_accept(self._accept)
        self._reset_cb = C.llama_sampler_i_reset(self._reset)
        self._iface = C.llama_sampler_i()
        self._iface.apply = self._apply_cb
        self._iface.accept = self._accept_cb
        self._iface.reset = self._reset_cb
        self._iface.name = C.llama_sampler_i_name(0)
        self._iface.clone = C.llama_sampler_i_clone(0)
        self._iface.free = C.llama_sampler_i_free(0)
        self.sampler = C.llama_sampler()
        self.sampler.iface = ctypes.pointer(self._iface)
        self.sampler.ctx = None

    def _logits(self, cur_p: Any) -> Any:
        arr = cur_p.contents
        buf = (C.llama_token_data * arr.size).from_address(ctypes.addressof(arr.data.contents))
        return np.frombuffer(buf, dtype=_TOKEN_DATA)["logit"]

    def _apply(self, _smpl: Any, cur_p: Any) -> None:
        self.steps += 1
        logits = self._logits(cur_p)
        best = int(np.argmax(logits))
        self._one[0] = cur_p.contents.data[best]
        self._one_array.selected = -1
        C.llama_sampler_apply(self.grammar, ctypes.byref(self._one_array))
        if not np.isneginf(self._one[0].logit):
            cur_p.contents.selected = best
            return
        self.full_checks += 1
        C.llama_sampler_apply(self.grammar, cur_p)  # refused tokens get -inf
        cur_p.contents.selected = int(np.argmax(self._logits(cur_p)))

    def _accept(self, _smpl: Any, token: int) -> None:
        C.llama_sampler_accept(self.grammar, token)

    def _reset(self, _smpl: Any) -> None:
        C.llama_sampler_reset(self.grammar)

    def free(self) -> None:
        if self.grammar:
            C.llama_sampler_free(self.grammar)
            self.grammar = None


class FastGrammarLlama(Llama):
    """``Llama`` whose greedy, grammar-constrained sampling uses ``GreedyGrammarSampler``."""

    fast_grammar = True  # False: the stock chain (the benchmark measures both)
    fast_grammar_unavailable: str | None = None  # why the stock chain was used instead
    last_sampler: GreedyGrammarSampler | None = None

    def _init_sampler(self, *args: Any, **kwargs: Any) -> Any:
        grammar = kwargs.get("grammar")
        plain = (
            self.fast_grammar
            and not args
            and grammar is not None
            and kwargs.get("temp", 0.8) == 0.0
            and kwargs.get("logits_processor") is None
            and kwargs.get("repeat_penalty", 1.0) == 1.0
            and kwargs.get("frequency_penalty", 0.0) == 0.0
            and kwargs.get("presence_penalty", 0.0) == 0.0
        )
        if not plain:
            return super()._init_sampler(*args, **kwargs)
        assert grammar is not None
        try:
            chain: Any = LlamaSampler()  # type: ignore[no-untyped-call]
            custom = GreedyGrammarSampler(self._model.vocab, grammar._grammar, grammar._root)
            C.llama_sampler_chain_add(chain.sampler, ctypes.pointer(custom.sampler))
            # llama.cpp must not free a sampler it did not allocate: the chain removes it first
            chain.custom_samplers.append((C.llama_sampler_chain_n(chain.sampler) - 1, custom))
            chain._exit_stack.callback(custom.free)
        except (AttributeError, TypeError, ValueError) as exc:
            # another llama-cpp-python than the pinned one (scripts/build_llama.sh): the stock
            # chain gives the same tokens, only slower
            self.fast_grammar_unavailable = f"{type(exc).__name__}: {exc}"
            return super()._init_sampler(*args, **kwargs)
        self.last_sampler = custom
        return chain
