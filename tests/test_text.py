"""Cleaning articles into numbered sentences that keep their place in the raw text."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.reading.text import (
    MAX_ARTICLE_CHARS,
    Article,
    clean,
    decode_article,
    load_article,
    read_text_file,
    split_sentences,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
HANDMADE = sorted((ROOT / "tests" / "fixtures" / "handmade").glob("*.txt"))


def load(path: Path) -> Article:
    return load_article(path)


def texts(article: Article) -> list[str]:
    return [s.text for s in article.sentences]


def seed(prefix: str) -> Article:
    return load(next(p for p in SEEDS if p.name.startswith(prefix)))


def handmade(name: str) -> Article:
    return load(ROOT / "tests" / "fixtures" / "handmade" / name)


def test_corpus_present() -> None:
    assert len(SEEDS) == 5
    assert [p.name for p in HANDMADE] == [
        "mali_convoy_ied.txt",
        "monitors_landmine.txt",
        "syria_patrol_stones.txt",
        "talks_no_incident.txt",
    ]


@pytest.mark.parametrize("path", SEEDS + HANDMADE, ids=lambda p: p.name)
def test_every_sentence_is_its_span_of_the_raw_text(path: Path) -> None:
    art = load(path)
    assert art.sentences
    for s in art.sentences:
        assert art.raw[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    assert [s.id for s in art.sentences] == list(range(1, len(art.sentences) + 1))
    starts = [s.start for s in art.sentences]
    assert starts == sorted(starts)
    assert len(set(texts(art))) == len(art.sentences)  # nothing repeated


@pytest.mark.parametrize("path", SEEDS + HANDMADE, ids=lambda p: p.name)
def test_numbered_is_one_line_per_sentence(path: Path) -> None:
    art = load(path)
    lines = art.numbered().splitlines()
    assert len(lines) == len(art.sentences)
    assert lines[0] == f"[1] {art.sentences[0].text}"


def test_sentence_lookup_is_one_based() -> None:
    art = seed("000")
    assert art.sentence(1) == art.sentences[0]
    assert art.sentence(0) is None
    assert art.sentence(len(art.sentences) + 1) is None


def test_seed_001_repeated_headline_and_paragraphs_appear_once() -> None:
    art = seed("001")
    headline = "Roadside bomb targets Turkish-Russian patrol in Syria's Idlib province"
    assert art.raw.count(headline) == 2
    assert texts(art).count(headline) == 1
    repeated = "The Russian defence ministry stated that three soldiers were injured"
    assert art.raw.count(repeated) == 2
    assert sum(t.startswith(repeated) for t in texts(art)) == 1
    assert len(art.sentences) == 12
    # "Follow us on ...", the repeated headline, "2 min read", two "|" lines, seven repeated lines
    assert art.removed_lines == 12
    assert not any(t.startswith(("Follow us", "2 min read", "|")) for t in texts(art))


def test_seed_002_donation_plea_is_cut_and_names_the_outlet() -> None:
    art = seed("002")
    assert art.outlet == "The Moscow Times"
    assert texts(art)[-1].startswith("Russia, a close ally of the Syrian government")
    assert len(art.sentences) == 13
    assert not any("Dear readers" in t or "Message from" in t for t in texts(art))
    assert art.removed_lines == 8


def test_seed_003_widgets_and_comment_thread_are_cut() -> None:
    art = seed("003")
    assert art.outlet == "SouthFront"
    assert art.sentences[0].text.startswith("Russian, Turksih Forces Resume Joint Patrols")
    assert texts(art)[-1] == "This could soon lead to a new escalation."
    joined = " ".join(texts(art))
    for furniture in ("2,500 $", "JUNE 2021", "Support SouthFront", "Who cares?", "Putin idea"):
        assert furniture not in joined


def test_seed_000_caption_and_credit_split() -> None:
    art = seed("000")
    assert texts(art)[1].endswith("on Aug. 25, 2020.")  # "Aug." does not end a sentence
    assert texts(art)[2] == "(AFP Photo)"
    assert len(art.sentences) == 15


def test_handmade_boilerplate_is_removed() -> None:
    mali = handmade("mali_convoy_ied.txt")
    assert not any(t.startswith("Follow us") for t in texts(mali))
    assert texts(mali)[0] == "Peacekeepers killed as roadside bomb hits UN convoy near Amerzou"
    assert sum("four others were wounded" in t for t in texts(mali)) == 1
    assert mali.removed_lines == 3
    assert len(mali.sentences) == 7

    stones = handmade("syria_patrol_stones.txt")
    assert texts(stones)[-1].startswith("Residents of several villages have staged")
    assert not any("Nobody wants them" in t or t == "Reply" for t in texts(stones))
    assert stones.removed_lines == 7  # "Notify of" and everything after it

    mines = handmade("monitors_landmine.txt")
    assert mines.outlet == "Sentinel Wire"
    assert texts(mines)[-1].startswith("The mission, set up under the 2020 ceasefire")
    assert not any("donation" in t for t in texts(mines))


@pytest.mark.parametrize(
    ("prefix", "headline"),
    [
        ("000", "Military vehicle attacked during joint Turkish-Russian patrol in Syria's Idlib"),
        ("001", "Roadside bomb targets Turkish-Russian patrol in Syria's Idlib province"),
        ("002", None),  # the first line is a full sentence, not a headline
        ("003", "Russian, Turksih Forces Resume Joint Patrols In Southern Idlib (Video, Photos)"),
        ("004", "Turkish, Russian forces to resume patrols in Idlib: Report"),
    ],
)
def test_headline_guess(prefix: str, headline: str | None) -> None:
    assert seed(prefix).headline == headline


@pytest.mark.parametrize(
    ("raw", "outlet"),
    [
        ("Patrol attacked.\nA Message from The Kyiv Ledger:\nDear readers,\n", "The Kyiv Ledger"),
        ("Patrol attacked.\nSupport Dawnwire\n", "Dawnwire"),
        ("Patrol attacked.\nA Message from Sentinel Wire:\nDear readers,\n", "Sentinel Wire"),
        ("We, the journalists of Sahel Courier, need you.", "Sahel Courier"),
        ("Patrol attacked. AFP contributed to this report.", None),
        # shape: a wire dateline names its publisher ("CITY (Agency) -", "CITY, date. /Agency/.")
        ("Patrol hit\n\nNAIROBI (Lakeside Wire) - A convoy was hit on Monday.", "Lakeside Wire"),
        ("ODESA, May 3. /NordPress/. A patrol came under fire.", "NordPress"),
        ("KANO/Nigeria/, May 3. /NordPress/. A patrol came under fire.", "NordPress"),
        # shape: a page header with the source beside its time stamp; a closing credit is not
        ("Patrol hit\n\nSource: Delta Daily| 2021-05-03 10:00\n\nA convoy.", "Delta Daily"),
        ("A convoy was hit on Monday.\nSource: AFP\n", None),
    ],
)
def test_outlet_detection(raw: str, outlet: str | None) -> None:
    assert clean("x", raw).outlet == outlet


def test_outlet_only_from_a_support_line_of_its_own() -> None:
    raw = "Support for the joint patrols is growing in Ankara, officials said."
    art = clean("x", raw)
    assert art.outlet is None
    assert texts(art) == [raw]


def test_end_marker_cuts_everything_after_it() -> None:
    raw = "Patrol hit by a bomb on the road.\n\n3 Comments\nGreat article.\nNo it is not.\n"
    art = clean("x", raw)
    assert texts(art) == ["Patrol hit by a bomb on the road."]
    assert art.removed_lines == 3


def test_split_sentences_keeps_abbreviations_and_initials() -> None:
    line = "Gen. Smith met U.S. troops. J. Doe said the convoy left on Aug. 3. It returned."
    got = split_sentences(line, 100)
    assert [t for t, _, _ in got] == [
        "Gen. Smith met U.S. troops.",
        "J. Doe said the convoy left on Aug. 3.",
        "It returned.",
    ]
    for text, start, end in got:
        assert line[start - 100 : end - 100] == text


def test_split_sentences_after_closing_quote() -> None:
    line = "“Three soldiers were hurt.” The ministry said so."
    assert [t for t, _, _ in split_sentences(line, 0)] == [
        "“Three soldiers were hurt.”",
        "The ministry said so.",
    ]


def test_clean_offsets_with_indentation_and_crlf() -> None:
    raw = "Headline about a convoy attack today\r\n\r\n   Indented first sentence. Second one.\r\n"
    art = clean("x", raw)
    assert texts(art) == [
        "Headline about a convoy attack today",
        "Indented first sentence.",
        "Second one.",
    ]
    for s in art.sentences:
        assert raw[s.start : s.end] == s.text


# --- decoding -------------------------------------------------------------------------------


def assert_one_line(exc: pytest.ExceptionInfo[InputError], *phrases: str) -> None:
    msg = str(exc.value)
    assert "\n" not in msg
    for phrase in phrases:
        assert phrase in msg


def test_decode_plain_utf8_and_bom() -> None:
    assert decode_article("Convoy hit — two hurt".encode(), "a.txt") == "Convoy hit — two hurt"
    assert decode_article(b"\xef\xbb\xbfConvoy hit", "a.txt") == "Convoy hit"


def test_decode_binary() -> None:
    with pytest.raises(InputError) as exc:
        decode_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")
    assert_one_line(exc, "photo.txt", "binary")


def test_decode_not_utf8() -> None:
    with pytest.raises(InputError) as exc:
        decode_article("Türkiye patrol".encode("latin-1"), "old.txt")
    assert_one_line(exc, "old.txt", "not valid UTF-8", "byte 1", "iconv")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_decode_empty(data: bytes) -> None:
    with pytest.raises(InputError) as exc:
        decode_article(data, "empty.txt")
    assert_one_line(exc, "empty.txt: is empty")


def test_decode_too_long() -> None:
    data = b"x" * (MAX_ARTICLE_CHARS + 1)
    with pytest.raises(InputError) as exc:
        decode_article(data, "huge.txt")
    assert_one_line(exc, "huge.txt", "60,001 characters", "60,000", "split it")
    assert decode_article(b"x" * MAX_ARTICLE_CHARS, "max.txt") == "x" * MAX_ARTICLE_CHARS


def test_read_text_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_text_file(tmp_path / "missing.txt")
    assert_one_line(exc, "missing.txt: no such file")
    with pytest.raises(InputError) as exc:
        read_text_file(tmp_path)
    assert_one_line(exc, "is a directory")


def test_the_headline_sentence_is_the_first_one_only_when_it_is_the_headline() -> None:
    with_headline = clean("x", "Convoy hit near Tamsa\n\nA mine hit a convoy near Tamsa.")
    head = with_headline.headline_sentence()
    assert head is not None and (head.id, head.text) == (1, "Convoy hit near Tamsa")
    assert clean("x", "A mine hit a convoy near Tamsa. Two died.").headline_sentence() is None
    # a headline guessed from another line is not the first sentence
    with_headline.headline = "Something else"
    assert with_headline.headline_sentence() is None
