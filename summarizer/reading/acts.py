"""Acts: what happened to a patrol, as the words of a sentence name it.

The kinds of act and the lemmas that name them live in ``lexicon`` (``NAMED_ACTS``,
``GENERIC_ACTS``); this module finds them in the parse with spaCy's ``PhraseMatcher``, on lemmas
(so "ambushed", "ambushes" and "ambush" are one entry) and on lower-cased words (so acronyms such
as "IEDs" and "RPGs", which the lemmatizer keeps as written, match too).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from . import lexicon, parse

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Token


@dataclass(frozen=True)
class Act:
    kind: str  # a key of lexicon.NAMED_ACTS or lexicon.GENERIC_ACTS
    generic: bool  # an attack or blast that names no device
    start: int  # character offset in the text
    words: str
    by_crowd: bool = False  # its doer is a crowd ("a group of civilians attacked ...")


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _matchers() -> tuple[list[PhraseMatcher], dict[int, str]]:
    """The matchers (on lemmas, on lower-cased words) and the label of each match id. A match
    id is the hash of its label, the same in every vocabulary, so the labels never depend on
    which vocabulary a document was parsed with."""
    from spacy.matcher import PhraseMatcher

    with _lock:
        vocab = parse.nlp().vocab
        by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        by_word = PhraseMatcher(vocab, attr="LOWER")
        labels: dict[int, str] = {}
        for prefix, table in (("named", lexicon.NAMED_ACTS), ("generic", lexicon.GENERIC_ACTS)):
            for kind, terms in table.items():
                label = f"{prefix}:{kind}"
                labels[vocab.strings.add(label)] = label
                by_lemma.add(label, parse.read(terms))
                plural = [t + "s" for t in terms if " " not in t]
                by_word.add(label, parse.read([*terms, *plural]))
        return [by_lemma, by_word], labels


def _doers(verb: Token) -> list[Token]:
    """Who does the act: the subject of an active verb, the agent of a passive one ("attacked
    by civilians"), and the people a group noun is made of ("a group of civilians")."""
    out = [c for c in verb.children if c.dep_ == "nsubj"]
    out += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    out += [g for d in list(out) for p in d.children if p.lower_ == "of" for g in p.children
            if g.dep_ == "pobj"]  # fmt: skip
    return out


def _by_crowd(tok: Token) -> bool:
    return any(d.lemma_.lower() in lexicon.CROWD for d in _doers(tok))


def acts(text: str) -> list[Act]:
    """The acts the text names, in the order written (a text of several lines is read line by
    line, each line one parsed sentence)."""
    out: list[Act] = []
    offset = 0
    matchers, labels = _matchers()
    for line in text.split("\n"):
        if line.strip():
            doc = parse.sentence(line)
            seen: set[tuple[int, str]] = set()
            for matcher in matchers:
                for match_id, start, end in matcher(doc):
                    prefix, kind = labels[match_id].split(":", 1)
                    span = doc[start:end]
                    if (span.start_char, kind) in seen:
                        continue
                    seen.add((span.start_char, kind))
                    crowd = _by_crowd(span.root)
                    start = offset + span.start_char
                    out.append(Act(kind, prefix == "generic", start, span.text, crowd))
        offset += len(line) + 1
    return sorted(out, key=lambda a: a.start)
