"""Who says it: the speaker that governs a figure, read from the parse (after Krestel, Bergler &
Witte, "Minding the Source", as textacy's quotation extraction and sayswho do it).

- The speaker is the subject of a reporting verb (``lexicon.REPORTING``: say, tell, tweet,
  confirm, ...) whose clause holds the figure: "..., wounding three soldiers, the defence
  ministry said" -> defence ministry. The agent of the attack ("a bomb planted by rebels") is
  never the speaker: only a subject of a reporting verb is.
- "according to X" names X; "quoted the ministry as saying" names the one quoted; "X put/gave
  the death toll at ..." names X.
- A pronoun ("it said", "he added") or a bare description ("the ministry", "the spokesman") is
  resolved to the latest named speaker or entity of the sentences before it whose head matches.
- Whoever relays a named speaker ("told Reuters", "cited by AFP", "according to the Interfax
  news agency" beside another speaker, "..., Alakhbar reported") is ``reported_via``.
- No reporting verb governing the figure: the article's own voice (``None``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_PRONOUNS = {"he", "she", "it", "they", "we", "i"}
# Speakers that are a kind of people, not one body the article names: kept as written.
_KINDS = {"official", "source", "witness", "resident", "report", "officer", "police", "local",
          "activist", "medic", "doctor"}  # fmt: skip
# Relays: outlets and agencies that carry another's words.
_RELAY_WORDS = {"agency", "news", "media", "newspaper", "channel", "tv", "television", "radio",
                "outlet", "daily", "broadcaster", "website", "press"}  # fmt: skip
# Verbs that report only when they take a toll or a figure as object ("gave a death toll").
_TOLL_VERBS = {"put", "give", "place", "estimate"}
_TOLL_NOUNS = {"toll", "figure", "number", "tally"}
# Words of the speaker's phrase left out of its name: a leading determiner, a relative clause.
_DROP_DEPS = {"relcl", "acl", "advcl"}


# How many sentences back a pronoun or a description may find its antecedent.
_LOOK_BACK = 6


@dataclass(frozen=True)
class Attribution:
    """Who states a figure, and who relays it; both None in the article's own voice."""

    claimant: str | None = None
    reported_via: str | None = None
    # Every speaker the sentence names, governing or not: the candidates a model may choose from.
    candidates: tuple[str, ...] = ()


def _reports(v: Token) -> bool:
    lemma = v.lemma_.lower()
    if v.pos_ not in ("VERB", "AUX") or lemma not in lexicon.REPORTING:
        return False
    if any(c.dep_ == "auxpass" for c in v.children):
        return False  # "were reported missing": a passive names no speaker
    if lemma in _TOLL_VERBS:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _TOLL_NOUNS for c in v.children)
    if lemma == "claim":  # "claimed responsibility for the attack" is no report of a figure
        return not any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit", "attack")
            for c in v.children
        )
    return True


def _subject(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "nsubj":
            return c
    if v.dep_ == "conj" and v.head.pos_ in ("VERB", "AUX"):
        if (tail := _tail_speaker(v)) is not None:
            return tail
        return _subject(v.head)  # "... and added that ..."
    return None


def _tail_speaker(v: Token) -> Token | None:
    """', military officials and witnesses told AFP.': a closing attribution the parser hung on
    the wrong word; its speaker is the noun phrase between the comma and the verb."""
    doc = v.doc
    comma = next((i for i in range(v.i - 1, max(-1, v.i - 10), -1) if doc[i].text == ","), None)
    if comma is None or v.i - comma < 2:
        return None
    span = doc[comma + 1 : v.i]
    return next(
        (t for t in span if t.pos_ in ("NOUN", "PROPN") and not (span.start <= t.head.i < v.i)),
        None,
    )


def _phrase(tok: Token) -> str:
    """The speaker's words as the article names them: without a leading determiner, a relative
    clause, an aside or a bracketed acronym ("a source who wished to remain anonymous" ->
    "source", "the border mission (BMX)" -> "border mission"), with a title in apposition
    ("General Jane Roe, head of the police")."""
    doc = tok.doc
    cut = {t.i for c in tok.subtree if c.dep_ in _DROP_DEPS and c.i != tok.i for t in c.subtree}
    lo = hi = tok.i
    inside = {t.i for t in tok.subtree} - cut
    while lo - 1 in inside:
        lo -= 1
    while hi + 1 in inside and doc[hi + 1].text != "(":
        hi += 1
    while lo < hi and (
        doc[lo].dep_ in ("det", "poss", "punct", "cc", "nummod")
        or doc[lo].lower_ in ("but", "however", "while", "and")
    ):
        if doc[lo].dep_ == "poss" and doc[lo].pos_ != "PRON":
            break  # "Turkey's defence ministry", "the army's spokesman" keep their owner
        lo += 1
    while hi > lo and doc[hi].dep_ in ("punct", "cc"):
        hi -= 1
    return doc[lo : hi + 1].text.strip(" ,")


def _relay_name(tok: Token) -> str:
    """An outlet as named, without 'news agency': 'the Interfax news agency' -> 'Interfax'."""
    words = _phrase(tok).split()
    while len(words) > 1 and words[-1].lower() in _RELAY_WORDS:
        words.pop()
    return " ".join(words)


def _entity(ent: Span) -> str:
    """An entity as named, with an 'of X' the recogniser left out ('National News Agency' 'of
    Lebanon') and without a leading 'the'."""
    doc, end = ent.doc, ent.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].pos_ == "PROPN":
        end += 2
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1
    text = doc[ent.start : end].text
    return text[4:] if text.lower().startswith("the ") else text


def _governs(v: Token, target: Token | None) -> bool:
    """Whether a reporting verb's clause holds the figure (or, with no figure, any clause)."""
    if target is None:
        return True
    subj = _subject(v)
    if subj is not None and target in subj.subtree:
        return False
    if target in v.subtree:
        return True
    # "Three soldiers were wounded, the ministry said": the parser may hang the report under
    # the clause it reports
    return v.dep_ in ("parataxis", "ccomp", "advcl", "conj") and target in v.head.subtree


def _according_to(doc: Doc) -> list[Token]:
    out = []
    for t in doc:
        if t.lower_ == "according":
            for to in t.children:
                out += [o for o in to.children if o.dep_ == "pobj"]
    return out


def _relay(doc: Doc) -> str | None:
    """Who relays the words: 'told Reuters', 'cited by AFP', 'quoted by TASS'."""
    for t in doc:
        low = t.lemma_.lower()
        if low == "tell":
            for c in t.children:
                if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN":
                    return _relay_name(c)
        if low in ("cite", "quote") and t.tag_ == "VBN":
            for by in t.children:
                if by.dep_ == "agent":
                    obj = next((o for o in by.children if o.dep_ == "pobj"), None)
                    if obj is not None:
                        return _relay_name(obj)
    return None


def _is_relay(tok: Token) -> bool:
    return any(t.lemma_.lower() in _RELAY_WORDS for t in tok.subtree)


def speakers(doc: Doc, target: Token | None = None) -> list[tuple[Token, bool]]:
    """Every speaker the sentence names, with whether it governs ``target`` (a figure's token)."""
    out: list[tuple[Token, bool]] = []
    for v in doc:
        if not _reports(v):
            continue
        if v.lemma_.lower() == "quote":  # "agencies quoted the ministry as saying"
            quoted = next((c for c in v.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                out.append((quoted, _governs(v, target) or target is None))
                continue
        subj = _subject(v)
        if subj is not None and subj.dep_ != "nsubjpass":
            out.append((subj, _governs(v, target)))
    for obj in _according_to(doc):
        out.append((obj, True))
    return out


def _named(tok: Token) -> bool:
    return any(t.pos_ == "PROPN" for t in tok.subtree) or tok.ent_type_ in (
        "ORG",
        "PERSON",
        "NORP",
        "GPE",
    )


def _resolve(tok: Token, earlier: Sequence[Doc]) -> str | None:
    """A pronoun or a bare description resolved to a named speaker or entity before it."""
    low = tok.lower_
    head = tok.lemma_.lower()
    wants_person = low in ("he", "she")
    if head in lexicon.STATEMENT:
        low = "it"  # a statement speaks for the body named before it
    # the same sentence first ("Al Shabaab claimed the attack in a statement, in which they
    # said"), then the sentences before, nearest first
    own = [e for e in tok.doc.ents if e.end <= tok.i]
    for doc, ents in [(tok.doc, own[::-1])] + [(d, list(d.ents)[::-1]) for d in earlier]:
        if low in _PRONOUNS:
            for s, _ in reversed(speakers(doc)) if doc is not tok.doc else []:
                if s.lower_ not in _PRONOUNS and (_named(s) or not wants_person):
                    return _name_only(s) if wants_person else _phrase(s)
            for e in ents:
                if (wants_person and e.label_ == "PERSON") or (
                    not wants_person and e.label_ in ("ORG", "NORP", "GPE", "PERSON")
                ):
                    return _entity(e)
        else:
            for s, _ in reversed(speakers(doc)) if doc is not tok.doc else []:
                if s.lemma_.lower() == head and _named(s):
                    return _phrase(s)
            for e in ents:
                if e.root.lemma_.lower() == head and e.label_ in ("ORG", "PERSON", "NORP"):
                    return _entity(e)
    return None


def _name_only(tok: Token) -> str:
    """A person's name without the title in apposition: 'Daniel Okello, a police officer' ->
    'Daniel Okello'."""
    if tok.pos_ != "PROPN":
        return _phrase(tok)
    lo = min([c.i for c in tok.lefts if c.dep_ == "compound"] + [tok.i])
    return tok.doc[lo : tok.i + 1].text


def _name(tok: Token, earlier: Sequence[Doc]) -> str | None:
    bare = not any(c.dep_ in ("compound", "amod", "poss", "prep") for c in tok.children)
    if tok.lower_ in _PRONOUNS or (tok.lemma_.lower() in lexicon.STATEMENT and bare):
        # "it said", "the statement said": whoever the article named before
        return _resolve(tok, earlier)
    if not _named(tok) and tok.lemma_.lower() not in _KINDS and tok.tag_ in ("NN",):
        # "the ministry said": the ministry the article named before
        return _resolve(tok, earlier) or _phrase(tok)
    return _phrase(tok)


def attribute(sentence: str, figure_start: int | None, earlier: Sequence[str] = ()) -> Attribution:
    """Who states the figure at character ``figure_start`` of ``sentence`` (any figure of the
    sentence when None); ``earlier``: the sentences before it, nearest first."""
    doc = parse.sentence(sentence)
    target = None
    if figure_start is not None:
        span: Span | None = doc.char_span(figure_start, figure_start + 1, alignment_mode="expand")
        target = span.root if span is not None and len(span) else None
    before = parse.read(list(earlier[:_LOOK_BACK]))
    found = speakers(doc, target)
    names = tuple(dict.fromkeys(n for s, _ in found if (n := _name(s, before))))
    relay = _relay(doc)
    governing = [s for s, gov in found if gov]
    according = _according_to(doc)
    # "media reported and the Russian military confirmed": the relay gives way to the source
    claimant_tok = next(
        (s for s in governing if s not in according and not _is_relay(s)),
        next((s for s in governing if s not in according), None),
    )
    if claimant_tok is None and according:
        claimant_tok = according[0]
    elif claimant_tok is not None and according and relay is None:
        relay = _relay_name(according[0])  # "the ministry said, according to Interfax"
    if according and claimant_tok is according[0] and _is_relay(claimant_tok):
        # "according to the Interfax news agency": the agency relays, nobody else is named
        return Attribution(None, _relay_name(claimant_tok), names)
    claimant = _name(claimant_tok, before) if claimant_tok is not None else None
    if claimant is not None and relay is not None and claimant.lower() == relay.lower():
        relay = None
    return Attribution(claimant, relay, names)


def agents(sentence: str) -> list[str]:
    """Who does an act in the sentence ('a bomb planted by rebels', 'militants ambushed'):
    never a claimant unless also the subject of a reporting verb."""
    doc = parse.sentence(sentence)
    out = []
    for t in doc:
        if t.lemma_.lower() in lexicon.ACTS and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ == "agent":
                    out += [_phrase(o) for o in c.children if o.dep_ == "pobj"]
                elif c.dep_ == "nsubj" and not any(a.dep_ == "auxpass" for a in t.children):
                    out.append(_phrase(c))
    return out
