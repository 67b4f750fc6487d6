"""Briefing digests over the gold records: grouping, reconciliation, programme, rendering."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.briefing.merge import (
    Claim,
    Digest,
    GoldGroup,
    GoldGrouping,
    GoldMember,
    build_digest,
    compare,
    compare_dates,
    compare_types,
    load_gold_grouping,
    reconcile,
    score_grouping,
    victim_side,
)
from summarizer.briefing.render import render_html, render_json, render_markdown
from summarizer.errors import InputError
from summarizer.schema import ArticleRecord, EventDate, IncidentType, Precision, Quote

GOLD = Path("evals/gold")
GROUPING = Path("evals/digest.json")
A0, A1, A2, A3, A4 = (
    "000_5344304a19f35d4a.txt",
    "001_5d767cf5dec42332.txt",
    "002_438e29d1a6d894ed.txt",
    "003_d89a1fc585dc487a.txt",
    "004_637fea0d4bd3ce5c.txt",
)
# Timeline order: dated incidents first, then those whose year is not stated.
EXPECTED = [
    ("I1", [(A0, 1)]),  # 25th patrol, week of 2020-08-18
    ("I2", [(A0, 0), (A4, 0)]),  # 26th patrol, 2020-08-25
    ("I3", [(A1, 0), (A2, 0), (A3, 2)]),  # 21st patrol, July (no year) / 'Tuesday'
    ("I4", [(A3, 1)]),  # 23rd patrol, 22 July (no year), no incident
    ("I5", [(A3, 0)]),  # 24th patrol, 12 August (no year), no incident
]


def _records() -> list[ArticleRecord]:
    return [
        ArticleRecord.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(GOLD.glob("*.json"))
    ]


def _texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))}


def _groups(d: Digest) -> list[tuple[str, list[tuple[str, int]]]]:
    return [(inc.id, [(m.article_id, m.incident) for m in inc.members]) for inc in d.incidents]


@pytest.fixture(scope="module")
def digest() -> Digest:
    return build_digest(_records())


def test_gold_records_give_the_expected_groups(digest: Digest) -> None:
    assert _groups(digest) == EXPECTED
    assert [inc.patrol_number for inc in digest.incidents] == [25, 26, 21, 23, 24]
    assert digest.articles == [A0, A1, A2, A3, A4]


def test_grouping_scores_one_against_the_hand_labelled_file(digest: Digest) -> None:
    assert score_grouping(digest, load_gold_grouping(GROUPING)) == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "groups_exact": 1.0,
        "pairs_predicted": 4.0,
        "pairs_gold": 4.0,
        "pairs_correct": 4.0,
    }


def test_score_grouping_counts_pairs(digest: Digest) -> None:
    # A gold grouping that also puts the 25th patrol with the 26th: 6 gold pairs, 4 found.
    gold = GoldGrouping(
        groups=[
            GoldGroup(
                label="21st",
                members=[
                    GoldMember(article_id=a, incident=i) for a, i in [(A1, 0), (A2, 0), (A3, 2)]
                ],
            ),
            GoldGroup(
                label="25th+26th",
                members=[
                    GoldMember(article_id=a, incident=i) for a, i in [(A0, 0), (A0, 1), (A4, 0)]
                ],
            ),
            GoldGroup(label="23rd", members=[GoldMember(article_id=A3, incident=1)]),
            GoldGroup(label="24th", members=[GoldMember(article_id=A3, incident=0)]),
        ]
    )
    s = score_grouping(digest, gold)
    assert s["precision"] == 1.0
    assert s["recall"] == pytest.approx(4 / 6)
    assert s["f1"] == pytest.approx(0.8)
    assert s["groups_exact"] == 0.75
    assert (s["pairs_predicted"], s["pairs_gold"], s["pairs_correct"]) == (4.0, 6.0, 4.0)


def test_21st_patrol_incident_merges_three_articles(digest: Digest) -> None:
    inc = digest.incidents[2]
    assert inc.incident_type == IncidentType.explosion_unspecified
    assert inc.date == EventDate(text="July", month=7, precision=Precision.month)
    assert inc.date_texts == ["Tuesday", "July"]
    assert inc.places == ["Ariha", "Arihah"]
    assert [m.role.value for m in inc.members] == ["main", "main", "background"]
    assert inc.reasons == [
        "place Ariha ~ Arihah (ratio 91)",
        "both dated 'Tuesday'",
        "both explosive attacks",
        "both report 3 injured",
        "same patrol number 21",
    ]
    assert [(x.a, x.b, x.score) for x in inc.links] == [
        (f"{A1}#0", f"{A2}#0", 5),
        (f"{A2}#0", f"{A3}#2", 5),
    ]
    claims = [c for side in inc.casualties for c in side.claims]
    assert sorted({c.article_id for c in claims}) == [A1, A2, A3]
    russian, turkish = inc.casualties
    assert russian.side == "Russian forces"
    assert russian.victims_as_written == ["soldiers", "Russian soldiers", "Russian service members"]
    assert [c.side_inferred for c in russian.claims] == [True, False, False, False]
    assert russian.injured is not None and russian.killed is None
    assert russian.injured.model_dump() == {
        "low": 3,
        "best": 3,
        "high": 3,
        "basis": "4 sources agree",
    }
    assert not russian.disputed
    assert turkish.side == "Turkish forces" and turkish.disputed
    assert inc.contradictions == [
        f"Sources differ on the incident type: roadside bomb [{A1}], car bomb [{A2}], "
        f"suicide bombing [{A3}]",
        f"Turkish forces casualties disputed: Turkish sources via Reuters [{A1}]: none killed or "
        f"injured; Russia [{A1}]: casualties without a number "
        f'("Russian claims of Turkish casualties"); Russia’s reconciliation center [{A2}]: '
        'casualties without a number ("Turkish troops have also been wounded")',
    ]
    assert inc.summary == (
        "An explosion hit the 21st joint Russian–Turkish patrol in Ariha (also given as Arihah) "
        "on the M4 in Idlib in July. The Russian defence ministry, the Russian military, "
        "Al Jazeera Arabic reporter Maan Alkhoder and one report said three soldiers were "
        "injured; Turkish sources said no Turkish soldiers were hurt. A Russian and a Turkish "
        "vehicle were damaged, the patrol was called off and the casualty accounts differ."
    )
    assert inc.prose_problems == [] and digest.prose_fallbacks == 0


def test_26th_patrol_figures_are_reconciled_not_averaged(digest: Digest) -> None:
    inc = digest.incidents[1]
    assert inc.reasons == ["same patrol number 26", "dates agree: 2020-08-25 ~ 2020-08"]
    (side,) = inc.casualties
    assert side.side == "Russian forces" and side.victims_as_written == [
        "servicemen",
        "Russian soldiers",
    ]
    assert side.injured is not None
    assert (side.injured.low, side.injured.best, side.injured.high) == (1, 1, 2)
    assert side.injured.basis == "no majority, lowest figure: ACLED's conservative rule"
    assert inc.contradictions == [
        # 004 says "an assault" (an armed clash), 000 an explosion: flagged, not reconciled
        f"Sources differ on the incident type: explosion [{A0}], armed attack [{A4}]",
        "Russian forces casualties disputed: Russian Defense Ministry via Interfax "
        f"[{A0}]: 2 injured; the article itself [{A4}]: 1 injured",
    ]


def test_001_joins_the_21st_but_never_the_26th() -> None:
    recs = {r.article_id: r for r in _records()}
    i1, i0 = (A1, 0, recs[A1].incidents[0]), (A0, 0, recs[A0].incidents[0])
    assert compare(i1, i0).veto == "different places Ariha / Urum al-Jawz (ratio 29)"
    # 001 and 004's 26th patrol share nothing that identifies an event: no link.
    pair = compare(i1, (A4, 0, recs[A4].incidents[0]))
    assert pair.veto is None and not pair.identity
    assert compare((A2, 0, recs[A2].incidents[0]), i0).veto == "patrol numbers 21 / 26"


def _perturbed(place: str | None, date: EventDate | None) -> list[ArticleRecord]:
    records = _records()
    inc = records[1].incidents[0]
    assert records[1].article_id == A1
    if place is not None:
        inc.location.place = place
    if date is not None:
        inc.date = date
    return records


SEPT = EventDate(text="September 15, 2020", year=2020, month=9, day=15, precision=Precision.day)
SPLIT = [
    ("I1", [(A0, 1)]),
    ("I2", [(A0, 0), (A4, 0)]),
    ("I3", [(A1, 0)]),  # 2020-09-15 now sorts among the dated incidents
    ("I4", [(A2, 0), (A3, 2)]),
    ("I5", [(A3, 1)]),
    ("I6", [(A3, 0)]),
]


def test_other_town_and_month_split_001_off() -> None:
    d = build_digest(_perturbed("Saraqib", SEPT))
    assert _groups(d) == SPLIT
    assert d.incidents[3].reasons == [
        "same patrol number 21",
        "both explosive attacks",
        "both report 3 injured",
    ]


def test_a_conflicting_date_alone_splits_001_off_by_group_veto() -> None:
    # 001 still links to 002 by place, but its September date cannot be 003's July.
    records = _perturbed(None, SEPT)
    recs = {r.article_id: r for r in records}
    assert compare((A1, 0, recs[A1].incidents[0]), (A2, 0, recs[A2].incidents[0])).veto is None
    assert (
        compare((A1, 0, recs[A1].incidents[0]), (A3, 2, recs[A3].incidents[2])).veto
        == "dates 2020-09-15 / July (no year)"
    )
    assert _groups(build_digest(records)) == SPLIT


def test_input_order_does_not_matter(digest: Digest) -> None:
    records = _records()
    assert build_digest(list(reversed(records))) == digest
    assert build_digest(records[2:] + records[:2]) == digest


def test_duplicate_article_ids_are_an_input_error() -> None:
    records = _records()
    with pytest.raises(InputError, match=f"two records have article_id {A0}"):
        build_digest([records[0], records[0]])


def test_programme_timeline(digest: Digest) -> None:
    got = [
        (p.id, p.status.value, p.date.iso(), [(s.article_id, s.index) for s in p.sources])
        for p in digest.programme
    ]
    assert got == [
        ("P1", "agreement", "2020-03-05", [(A0, 0), (A1, 0), (A3, 1)]),
        ("P2", "started", "2020-03-15", [(A0, 1), (A4, 1)]),
        ("P3", "agreement", None, [(A4, 3)]),
        ("P4", "suspended", None, [(A4, 2)]),
        ("P5", "resumed", None, [(A3, 0)]),
        ("P6", "planned_resumption", None, [(A4, 0)]),
    ]


def test_date_and_type_compatibility() -> None:
    week = EventDate(text="last week", year=2020, month=8, day=18, precision=Precision.week)
    day = EventDate(year=2020, month=8, day=25, precision=Precision.day)
    assert compare_dates(week, day) == (True, "dates agree: week of 2020-08-18 ~ 2020-08-25")
    assert compare_dates(week, day.model_copy(update={"day": 26}))[0] is False
    assert compare_dates(EventDate(text="Tuesday"), day) == (True, None)
    july = EventDate(text="July", month=7, precision=Precision.month)
    assert compare_dates(july, day) == (False, None)
    assert compare_types(IncidentType.roadside_bomb, IncidentType.landmine) == (
        True,
        "both explosive attacks",
    )
    assert compare_types(IncidentType.other, IncidentType.explosion_unspecified) == (True, None)
    assert compare_types(IncidentType.no_incident, IncidentType.other) == (False, None)
    assert compare_types(IncidentType.shelling_or_missile, IncidentType.roadside_bomb)[0] is False
    # one report's "attack" (an armed clash) can be another's roadside bomb, never a protest
    assert compare_types(IncidentType.armed_clash, IncidentType.roadside_bomb) == (True, None)
    assert compare_types(IncidentType.armed_clash, IncidentType.protest_obstruction)[0] is False


def test_victim_sides_and_best_figure_rule() -> None:
    assert victim_side("Russian service members", None) == ("Russian forces", False)
    assert victim_side("servicemen", "Russian Defense Ministry") == ("Russian forces", True)
    assert victim_side("Turkish troops", "Russia’s reconciliation center") == (
        "Turkish forces",
        False,
    )
    assert victim_side("soldiers", None) == ("forces (nationality not stated)", False)
    assert victim_side("civilians", "SOHR") == ("civilians", False)

    def claim(who: str | None, n: int, article: str = A0) -> Claim:
        q = Quote(text="x", start=0, end=1)
        return Claim(
            claimant=who,
            victims="soldiers",
            injured=n,
            evidence=[q],
            article_id=article,
            incident=0,
            side="Russian forces",
            side_inferred=False,
        )

    majority = reconcile([claim("A", 3), claim("B", 3), claim("C", 5)], "injured")
    assert majority is not None and majority.model_dump() == {
        "low": 3,
        "best": 3,
        "high": 5,
        "basis": "majority, 2 of 3",
    }
    # The same claimant repeated across articles counts once: 2 vs 5 has no majority.
    repeated = reconcile(
        [
            claim("Russian Defence Ministry", 5, A1),
            claim("Russian defense ministry", 5, A2),
            claim("SOHR", 2),
        ],
        "injured",
    )
    assert repeated is not None and (repeated.best, repeated.basis) == (
        2,
        "no majority, lowest figure: ACLED's conservative rule",
    )
    assert reconcile([claim("A", 3)], "killed") is None


def test_html_is_self_contained_and_marks_evidence(digest: Digest) -> None:
    page = render_html(digest, _texts())
    assert page.startswith("<!DOCTYPE html>")
    sentence = (
        "The roadside bomb exploded close to the Turkish and Russian convoy in Ariha, southern "
        "Idlib, on the M4 highway, part of joint patrols of a de-escalation zone."
    )
    assert f'<mark data-incident="I3" title="I3">{sentence}</mark>' in page
    # 001 repeats the sentence; only the quoted span is marked.
    assert page.count(sentence) == 3  # the mark, the unmarked repeat, the quote under Reports
    assert '<mark data-incident="I5" title="I5">No incidents whatsoever were reported' in page
    assert '<mark class="prog" data-programme="P2" title="P2">The first patrols took place' in page
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", page, flags=re.I)
    assert links and all(link.startswith("#") for link in links)
    assert not re.search(r"""(?:src|href)\s*=\s*["'][^"']*http""", page, flags=re.I)
    assert "<script" not in page and "<link" not in page and "url(" not in page
    assert "Evidence not found" not in page


def test_html_escapes_quotes_and_article_text() -> None:
    text = "Witnesses said <script>alert(1)</script> after the blast & fled."
    quote = Quote(text="<script>alert(1)</script>", start=15, end=40)
    assert text[quote.start : quote.end] == quote.text
    record = ArticleRecord.model_validate(
        {
            "article_id": "x<b>.txt",
            "summary": "s",
            "incidents": [
                {"role": "main", "incident_type": "other", "evidence": [quote.model_dump()]}
            ],
        }
    )
    page = render_html(build_digest([record]), {"x<b>.txt": text})
    assert "<script" not in page and "<b>" not in page
    assert (
        '<mark data-incident="I1" title="I1">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in page
    )
    assert "after the blast &amp; fled." in page
    assert "<blockquote>&lt;script&gt;alert(1)&lt;/script&gt;</blockquote>" in page
    assert 'id="art-x-b--txt"' in page


def test_markdown_and_json(digest: Digest) -> None:
    md = render_markdown(digest)
    assert md.startswith("# Patrol incident digest\n\n5 incidents from 5 articles.\n")
    assert "| I3 | July (no year) | 21 | explosion | Ariha / Arihah | 3 |" in md
    assert "## I3 — 21st patrol: explosion, in July (year not stated)" in md
    assert (
        f"| Russian forces (nationality from claimant) | soldiers | Russian defence ministry |  "
        f"| {A1}#0 | – | 3 |  |"
    ) in md
    assert "- **P2** 2020-03-15 — started:" in md
    assert Digest.model_validate_json(render_json(digest)) == digest


def test_load_gold_grouping_errors(tmp_path: Path) -> None:
    assert [g.label.split(" ")[0] for g in load_gold_grouping(GROUPING).groups] == [
        "21st",
        "26th",
        "25th",
        "24th",
        "23rd",
    ]
    cases = {
        "missing.json": None,
        "bad.json": "[{",
        "shape.json": json.dumps({"groups": []}),
        "member.json": json.dumps([{"label": "x", "members": [{"article_id": "a"}]}]),
        "twice.json": json.dumps(
            [{"label": "x", "members": [{"article_id": "a", "incident": 0}]}] * 2
        ),
    }
    expected = {
        "missing.json": "no such gold grouping file",
        "bad.json": "not valid JSON (line 1, column 3",
        "shape.json": "not a digest grouping at top level: Input should be a valid list",
        "member.json": "not a digest grouping at 0.members.0.incident: Field required",
        "twice.json": "a incident 0 is in more than one group",
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as err:
            load_gold_grouping(path)
        message = str(err.value)
        assert message.startswith(f"{path}: ") and "\n" not in message
        assert expected[name] in message
