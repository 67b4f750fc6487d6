"""Casualty figures read from the parse: a count, the word that governs it, whose people it counts.

A count is a quantity of the number reader (``numbers.find_quantities``: "three", "at least 15",
"several"), "a"/"an" before one person ("a French national"), or a zero ("no", "none",
"nobody", "no one"). Its **kind** comes from the casualty word (``lexicon.KILLED``/``INJURED``)
that governs it in the dependency tree:

- the count or its noun is the victim of a casualty verb: the passive subject ("three soldiers
  were wounded"), the object ("killing two soldiers"), the subject of an intransitive one ("one
  of the soldiers died"); the active subject of a transitive one is the attacker ("a soldier
  shot and wounded a peacekeeper"), never a victim;
- a casualty adjective or participle on the noun ("three wounded soldiers", "left two soldiers
  dead", "two were dead");
- a casualty noun the count is attached to ("a death toll of 18", "the toll rose to 27");
- a conjunct takes its partner's word ("killing two and wounding three"; "three officers and a
  civilian were wounded").

The climb stops at a reporting verb, so "an officer put the death toll at 18" counts 18, not the
officer. A count of vehicles, days or rounds is never a figure (``lexicon.NOT_PEOPLE``).
"No casualties were reported" is an absence of reports, not a zero (evals/GUIDELINES.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from . import lexicon, parse
from .numbers import Bound, find_quantities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["killed", "injured"]

_ZERO = {"no", "none", "nobody", "neither", "noone"}
_NOT_A_DATE = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
# Relations a count climbs through to reach the word that governs it.
_CLIMB = {"nummod", "quantmod", "det", "amod", "compound", "prep", "pobj", "appos", "npadvmod",
          "nmod", "advmod", "conj", "cc", "attr", "dobj", "nsubj", "nsubjpass", "acomp", "oprd",
          "dative", "poss", "acl", "relcl", "pcomp"}  # fmt: skip
# A victim's place in a casualty verb's clause.
_VICTIM_DEPS = {"nsubjpass", "dobj", "attr", "oprd", "dative", "pobj", "conj", "appos"}
_INTRANSITIVE = {"die", "perish", "succumb", "dead"}


@dataclass(frozen=True)
class Figure:
    """One governed count: what happened to how many, and the words as written."""

    kind: Kind
    value: int | None  # None for a vague or undivided count ("several", "killed and wounded")
    words: str  # the count as written: "at least three", "a", "none", "several"
    bound: str | None  # "at least", "more than", ... when the count is bounded
    start: int  # character offset of the count in the sentence
    people: str | None = None  # whose people, as written: "Russian soldiers"
    zero: bool = False  # "no casualties", "none was hurt"


@dataclass(frozen=True)
class _Count:
    token: Token  # the syntactic head of the count
    value: int | None
    words: str
    bound: str | None
    zero: bool = False


def _kind(lemma: str) -> Kind | Literal["either"] | None:
    low = lemma.lower()
    if low in lexicon.KILLED:
        return "killed"
    if low in lexicon.INJURED:
        return "injured"
    if low in lexicon.EITHER:
        return "either"
    return None


def _head_of(doc: Doc, start: int, end: int) -> Token | None:
    """The token of a character range whose head lies outside it (the range's syntactic head)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _counts(doc: Doc) -> list[_Count]:
    out: list[_Count] = []
    seen: set[int] = set()
    for q in find_quantities(doc.text):
        if q.ordinal:
            continue
        head = _head_of(doc, q.start, q.end)
        if head is None or head.i in seen or head.ent_type_ in _NOT_A_DATE:
            continue
        if q.value is not None and 1900 <= q.value <= 2100 and head.like_num:
            continue  # a year
        seen.add(head.i)
        value = None if q.bound in (Bound.vague, Bound.range) else q.value
        bound = None
        if q.bound not in (Bound.exact, Bound.vague, Bound.range):
            span = doc.char_span(q.start, q.end, "expand")
            first_num = next((t for t in span if t.like_num), None) if span is not None else None
            bound = doc.text[q.start : first_num.idx].strip().lower() if first_num else None
        out.append(_Count(head, value, q.text, bound))
    for t in doc:
        if t.i in seen:
            continue
        low = t.lower_
        if low in ("a", "an") and t.dep_ == "det" and _is_person(t.head) and t.head.tag_ == "NN":
            out.append(_Count(t.head, 1, low, None))  # "a French national was killed"
        elif low in _ZERO or (low == "no" and t.dep_ in ("det", "neg")):
            if low == "no" and t.dep_ in ("det", "neg") and t.head.lower_ == "one":
                out.append(_Count(t.head, 0, "no one", None, zero=True))
            elif low == "no":
                out.append(_Count(t.head, 0, f"no {t.head.text}", None, zero=True))
            else:
                out.append(_Count(t, 0, t.text, None, zero=True))
        elif t.lower_ in ("second", "third", "fourth", "fifth", "sixth") and (
            any(c.lower_ in ("a", "an") for c in t.children)
            or (t.i > 0 and doc[t.i - 1].lower_ in ("a", "an"))
        ):
            out.append(_Count(t, 1, f"a {t.text}", None))  # "and a third injured"
    return out


def _is_person(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in lexicon.NOT_PEOPLE:
        return False
    return lemma in lexicon.PEOPLE or (tok.ent_type_ in ("NORP", "PERSON") and tok.pos_ != "VERB")


def _counted(c: _Count) -> Token:
    """The noun a count counts: 'three soldiers' -> soldiers; a bare count counts itself."""
    t = c.token
    if t.dep_ in ("nummod", "det", "quantmod", "amod", "nmod", "compound", "neg") and (
        t.head.pos_ in ("NOUN", "PROPN", "PRON") or t.head.lower_ == "one"
    ):
        return t.head
    return t


def _people_noun(counted: Token, c: _Count) -> Token | None:
    """The people noun: the counted noun itself, or the pobj of 'of' ('one of the soldiers')."""
    if c.zero and counted.i == c.token.i:
        return _of_people(counted, ("of", "among"))
    if counted.i == c.token.i and not _is_person(counted):  # "dozens of troops", "one of them"
        return _of_people(counted, ("of",))
    if counted.i != c.token.i or counted.pos_ in ("NOUN", "PROPN"):
        if counted.lemma_.lower() in ("casualty", "injury", "death", "fatality", "one"):
            among = _of_people(counted, ("among", "of"))
            return among
        return counted
    return _of_people(counted, ("of",))


def _of_people(tok: Token, preps: Iterable[str]) -> Token | None:
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and _is_person(obj):
                    return obj
    return None


def _phrase(noun: Token) -> str:
    """Whose people, as written: the noun with the words that name it ('Russian soldiers',
    'AMISOM soldiers', 'members of the Turkish forces'), without counts or casualty words."""
    left = [
        t
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod", "npadvmod") and _kind(t.lemma_) is None
        and not t.like_num and t.lower_ not in ("other", "more", "several", "some")
    ]  # fmt: skip
    # keep a contiguous run of modifiers ending at the noun
    start = noun.i
    for t in sorted(left, key=lambda x: -x.i):
        if t.i == start - 1 or (t.i < start and all(
            noun.doc[j].dep_ in ("compound", "amod", "punct", "nmod") for j in range(t.i, start)
        )):  # fmt: skip
            start = min(start, t.left_edge.i if t.dep_ == "compound" else t.i)
    words = noun.doc[start : noun.i + 1].text
    if noun.lemma_.lower() in ("member", "family", "crew", "unit"):
        of = next((p for p in noun.rights if p.dep_ == "prep" and p.lower_ == "of"), None)
        if of is not None:
            words = noun.doc[start : of.right_edge.i + 1].text
    return words


def _governor(counted: Token) -> tuple[Token, Kind | Literal["either"]] | None:
    """The casualty word that governs a counted noun, climbing the tree from it."""
    for child in counted.children:  # "three wounded soldiers", "three killed"
        if child.dep_ in ("amod", "acl", "relcl", "acomp") and (k := _kind(child.lemma_)):
            return child, k
    if counted.dep_ == "conj" and not _is_person(counted.head):
        # a count the parser hung on the wrong conjunct ("killed during the protests and five
        # others were injured"): the casualty verb right after it that has no subject
        for v in counted.doc[counted.i + 1 : counted.i + 6]:
            if (
                v.pos_ == "VERB"
                and (k := _kind(v.lemma_))
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
            ):
                return v, k
    t = counted
    for _ in range(6):
        if t.dep_ in ("ROOT",) or t.head is t:
            return None
        h = t.head
        k = _kind(h.lemma_)
        if k is not None:
            if (
                h.pos_ in ("VERB", "AUX")
                and t.dep_ == "nsubj"
                and not _passive(h)
                and h.lemma_.lower() not in _INTRANSITIVE
                and any(c.dep_ == "dobj" for c in h.children)
            ):
                return None  # the active subject of "killed N" is the attacker
            if h.pos_ in ("VERB", "AUX") and t.dep_ in _VICTIM_DEPS | {"nsubj", "npadvmod"}:
                return h, k
            if h.pos_ in ("NOUN", "PROPN", "ADJ"):
                return h, k
            if h.pos_ in ("VERB", "AUX"):
                return h, k
        if h.lemma_.lower() in lexicon.REPORTING and t.dep_ in ("ccomp", "dobj", "nsubj"):
            return None  # the figure's own clause ends at the reporting verb
        # "put the death toll at 18", "the toll rose to 27": the toll is the verb's subject or
        # object, the count its complement
        if t.dep_ in ("prep", "attr", "dobj") and any(
            s.dep_ in ("nsubj", "dobj") and s.lemma_.lower() == "toll" for s in h.children
        ):
            return h, "killed"
        # "leaving four troops injured", "two were dead": the casualty word is a sibling
        if t.dep_ in ("nsubj", "dobj", "nsubjpass"):
            for sib in h.children:
                if (
                    sib is not t
                    and sib.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "attr")
                    and (ks := _kind(sib.lemma_))
                ):
                    return sib, ks
        if t.dep_ not in _CLIMB:
            return None
        t = h
    return None


def _passive(verb: Token) -> bool:
    """'were wounded', 'leaving four troops injured' (a participle with no 'have')."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)


def _reported_absence(counted: Token) -> bool:
    """'No casualties were reported': the zero is an absence of reports."""
    h = counted.head
    return counted.dep_ in ("nsubjpass", "dobj") and h.lemma_.lower() in ("report", "record")


def _undivided(gov: Token) -> bool:
    """'more than ten troops were killed and wounded': one count of both, not divided."""
    return any(
        c.dep_ == "conj"
        and _kind(c.lemma_) not in (None, _kind(gov.lemma_))
        and not any(
            g.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "det", "nummod")
            or g.ent_type_ in ("ORDINAL", "CARDINAL")
            for g in c.children
        )
        and not any(t.like_num for t in gov.doc[gov.i + 1 : c.i])
        for c in gov.children
    )


def read_doc(doc: Doc) -> list[Figure]:
    """Every count of people in a parsed sentence that a casualty word governs."""
    out: list[Figure] = []
    pending: list[tuple[_Count, Token]] = []
    for c in _counts(doc):
        counted = _counted(c)
        if counted.lemma_.lower() in lexicon.NOT_PEOPLE:
            continue
        noun = _people_noun(counted, c)
        if (
            noun is None
            and counted.i != c.token.i
            and counted.pos_ in ("NOUN", "PROPN")
            and (counted.lemma_.lower() not in ("casualty", "injury", "death", "fatality"))
        ):
            continue  # counts something that is not people
        if any(a.lower_ == "including" for a in counted.ancestors):
            continue  # "eight soldiers, including a commander": part of the count before
        if counted.lemma_.lower() in ("casualty", "injury", "death", "fatality"):
            found: tuple[Token, Kind | Literal["either"]] | None = (
                counted,
                _kind(counted.lemma_) or "either",
            )
        else:
            found = _governor(counted)
        if found is None:
            pending.append((c, counted))
            continue
        gov, kind = found
        if c.zero and _reported_absence(counted if counted.i != c.token.i else c.token):
            continue
        people = _phrase(noun) if noun is not None else None
        words = c.words
        if kind == "either" or (c.zero and kind == "injured" and gov.lemma_.lower() == "hurt"):
            if c.zero:
                out += [
                    Figure("killed", 0, words, None, c.token.idx, people, True),
                    Figure("injured", 0, words, None, c.token.idx, people, True),
                ]
                continue
            kind = "injured"
        value = None if _undivided(gov) and not c.zero else c.value
        out.append(Figure(kind, value, words, c.bound, c.token.idx, people, c.zero))
    # a conjunct with no word of its own takes its partner's ("three officers and a civilian")
    for c, counted in pending:
        partner = next(
            (f for f in out for t in (counted, counted.head) if t.dep_ == "conj"
             and abs(f.start - t.head.idx) < 60 and t.head.idx <= f.start + 40),
            None,
        )  # fmt: skip
        noun = _people_noun(counted, c)
        if partner is not None and counted.dep_ == "conj" and (noun is not None or c.zero):
            people = _phrase(noun) if noun is not None else None
            out.append(Figure(partner.kind, c.value, c.words, c.bound, c.token.idx, people, c.zero))
    return sorted(out, key=lambda f: f.start)


def figures(sentence: str) -> list[Figure]:
    """Every count of people in the sentence that a casualty word governs (the sentence's one
    parse, ``parse.sentence``)."""
    return read_doc(parse.sentence(sentence))


def kinds_named(sentence: str) -> set[Kind]:
    """The casualty kinds the sentence's words name at all ('two were hurt' -> injured)."""
    kinds = {_kind(t.lemma_) for t in parse.sentence(sentence)}
    out: set[Kind] = set()
    if "killed" in kinds or "either" in kinds:
        out.add("killed")
    if "injured" in kinds or "either" in kinds:
        out.add("injured")
    return out


def uncounted(sentence: str) -> tuple[str, str] | None:
    """A casualty claimed without a number, as written, and whose people: 'Turkish troops have
    also been wounded' -> (that phrase, 'Turkish troops')."""
    doc = parse.sentence(sentence)
    for t in doc:
        if _kind(t.lemma_) in ("killed", "injured") and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubjpass", "nsubj")), None)
            if (
                subj is not None
                and _is_person(subj)
                and subj.tag_ in ("NNS", "NNPS")
                and not any(c.dep_ in ("nummod", "det") and c.lower_ not in ("the",)
                            for c in subj.children)
                and (subj.dep_ == "nsubjpass" or t.lemma_.lower() in _INTRANSITIVE)
            ):  # fmt: skip
                return doc[subj.left_edge.i : t.i + 1].text, _phrase(subj)
    return None


def counted_people(sentence: str) -> bool:
    """Whether the sentence counts people ('about 20 peacekeepers', 'two soldiers'), whatever
    happened to them."""
    doc = parse.sentence(sentence)
    return any(
        c.value is not None and c.words not in ("a", "an") and _is_person(_counted(c))
        for c in _counts(doc)
    )
