"""Reading articles and cleaning them into numbered sentences that keep their place in the original.

The model sees only the cleaned sentences, numbered; every sentence remembers its character span
in the article as given, so evidence always points into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

# Lines after which nothing belongs to the article (comment threads, donation pleas).
_END_MARKERS = [
    r"notify of",
    r"view all comments",
    r"inline feedbacks",
    r"newest most voted",
    r"would love your thoughts.*",
    r"a message from .{2,60}:",
    r"dear readers,?",
    r"(\d+ )?comments?",
    r"leave a (comment|reply)",
    r"related (articles|stories|news):?",
    r"read more:?",
]
# Single lines that are site furniture, wherever they stand.
_BOILERPLATE = [
    r"follow us on .*",
    r"support [\w .-]{2,40}",
    r"\d+ min(ute)? read",
    r"(share|tweet|print|email|advertisement|subscribe|remind me later\.?)",
    r"[\W\d_]*",  # only digits, currency signs and punctuation ("|", "2,500 $")
    r"[A-Z]+ \d{4}",  # a bare "JUNE 2021" widget stamp
    r"(sign up|subscribe) (for|to) .*",
    r"click here.*",
]
_END_RE = re.compile(r"^(?:" + "|".join(_END_MARKERS) + r")$", re.IGNORECASE)
_BOILER_RE = re.compile(r"^(?:" + "|".join(_BOILERPLATE) + r")$", re.IGNORECASE)
_OUTLET_RES = [
    re.compile(r"A Message from (?P<o>[A-Z][\w .'-]{1,60}?):"),
    re.compile(r"^Support (?P<o>[A-Z][\w.-]{2,40})$", re.MULTILINE),
    re.compile(r"the journalists of (?P<o>[A-Z][\w .'-]{1,60}?),", re.IGNORECASE),
    # a wire dateline names its publisher: "DUBAI (Reuters) -", "VIENNA, April 29. /TASS/."
    re.compile(
        r"^[A-Z][A-Z.'’ -]+(?:[,/][^\n()]{0,30}?)?\s*"
        r"(?:\((?P<o>[A-Z][\w .-]{1,30}?)\)\s*(?:–|—|-{1,2})|/(?P<p>[A-Z][\w .-]{1,30}?)/\.)",
        re.MULTILINE,
    ),
    # a page header naming its source beside the time stamp ("Source: Xinhua| 2019-10-23"); a
    # closing "Source: AFP" credit is a cited agency
    re.compile(r"\A(?:[^\n]*\n){0,4}Source: (?P<o>[A-Z][\w .-]{1,30}?)\s*\|"),
]
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "st", "no", "vs", "u.s",
    "u.n", "u.k", "e.g", "i.e", "approx", "km", "est",
}  # fmt: skip
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")

MAX_ARTICLE_CHARS = 60_000


@dataclass(frozen=True)
class Sentence:
    id: int
    text: str
    start: int
    end: int


@dataclass
class Article:
    """An article as given, and its cleaned, numbered sentences."""

    article_id: str
    raw: str
    sentences: list[Sentence] = field(default_factory=list)
    headline: str | None = None
    outlet: str | None = None
    removed_lines: int = 0

    def numbered(self) -> str:
        """The cleaned text as the model sees it: one '[id] sentence' per line."""
        return "\n".join(f"[{s.id}] {s.text}" for s in self.sentences)

    def sentence(self, sid: int) -> Sentence | None:
        if 1 <= sid <= len(self.sentences):
            return self.sentences[sid - 1]
        return None

    def headline_sentence(self) -> Sentence | None:
        """The numbered sentence that is the headline, when the article has one."""
        first = self.sentence(1)
        if self.headline and first is not None and first.text.strip() == self.headline.strip():
            return first
        return None


def _norm(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def split_sentences(line: str, offset: int) -> list[tuple[str, int, int]]:
    """Split one paragraph into sentences, returning (text, start, end) in article offsets."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(line):
        before = line[pos : m.start() + 1]
        last_word = re.findall(r"([\w.]+)\.$", before)
        if last_word and last_word[0].lower().rstrip(".") in _ABBREV:
            continue
        if last_word and re.fullmatch(r"[A-Z]", last_word[0].rstrip(".")):
            continue  # an initial: "J. Smith"
        end = m.end()
        chunk = line[pos:end].rstrip()
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            out.append((chunk.strip(), offset + pos + lead, offset + pos + len(chunk)))
        pos = end
    chunk = line[pos:].rstrip()
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        out.append((chunk.strip(), offset + pos + lead, offset + pos + len(chunk)))
    return out


def clean(article_id: str, raw: str) -> Article:
    """Remove site furniture, comment threads, donation pleas and repeated paragraphs, and number
    the remaining sentences. Offsets always refer to ``raw``."""
    art = Article(article_id=article_id, raw=raw)
    seen_lines: set[str] = set()
    seen_sentences: set[str] = set()
    offset = 0
    lines = raw.splitlines(keepends=True)
    kept_lines: list[str] = []
    for line in lines:
        start = offset
        offset += len(line)
        body = line.strip()
        if not body:
            continue
        if _END_RE.match(body):
            art.removed_lines += sum(1 for x in lines if x.strip()) - len(kept_lines)
            break
        key = _norm(body)
        if _BOILER_RE.match(body) or not key or key in seen_lines:
            art.removed_lines += 1
            continue
        seen_lines.add(key)
        kept_lines.append(body)
        content_start = start + (len(line) - len(line.lstrip()))
        for text, s, e in split_sentences(line.strip(), content_start):
            skey = _norm(text)
            if skey in seen_sentences:
                continue
            seen_sentences.add(skey)
            art.sentences.append(Sentence(len(art.sentences) + 1, text, s, e))
    art.headline = _guess_headline(kept_lines)
    for rx in _OUTLET_RES:
        m = rx.search(raw)
        if m:
            art.outlet = next(v for v in m.groupdict().values() if v).strip()
            break
    return art


def _guess_headline(lines: list[str]) -> str | None:
    for line in lines[:4]:
        words = line.split()
        if 4 <= len(words) <= 25 and not line.rstrip().endswith((".", '"', "”")):
            return line
    return None


def read_text_file(path: Path) -> str:
    """Read an article file; HTML is reduced to its main text. Raises InputError on bad input."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, expected an article file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    return decode_article(data, str(path), html=path.suffix.lower() in {".html", ".htm"})


def decode_article(data: bytes, name: str, *, html: bool = False) -> str:
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, expected text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {exc.start}); convert it, e.g. iconv -t UTF-8"
        ) from None
    if html or re.match(r"\s*(<!doctype html|<html)", text, re.IGNORECASE):
        text = html_to_text(text, name)
    if not text.strip():
        raise InputError(f"{name}: is empty")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"{name}: {len(text):,} characters is longer than the {MAX_ARTICLE_CHARS:,} this tool "
            "accepts for one article; split it into articles"
        )
    return text


def html_to_text(html: str, name: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        raise InputError(f"{name}: no article text found in the HTML")
    return str(text)


def load_article(path: Path) -> Article:
    raw = read_text_file(path)
    return clean(path.name, raw)
