"""Digests that scale: blocking finds every link the all-pairs comparison finds (on the seeds' and
the corpus' replayed records, built at test time), exact copies collapse, the store round-trips
records and adds nothing twice, and bad input is reported, never a traceback."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import duckdb
import pytest
from conftest import CASSETTES, ROOT, SEEDS, CliRun

from summarizer.api import read_results, summarize_files
from summarizer.briefing.blocking import candidate_pairs
from summarizer.briefing.merge import LINK_SCORE, build_digest, compare
from summarizer.errors import InputError
from summarizer.schema import SCHEMA_VERSION, ArticleRecord
from summarizer.settings import Settings
from summarizer.store import Store

CORPUS = ROOT / "evals" / "corpus" / "articles"
CORPUS_CASSETTES = ROOT / "tests" / "cassettes" / "corpus"


def _replayed(articles: Path, cassettes: Path) -> list[ArticleRecord]:
    results = summarize_files([articles], settings=Settings.resolve(replay_dir=cassettes))
    return [r.record for r in results if r.record is not None]


@pytest.fixture(scope="module")
def seeds() -> list[ArticleRecord]:
    return _replayed(SEEDS, CASSETTES)


@pytest.fixture(scope="module")
def corpus() -> list[ArticleRecord]:
    return _replayed(CORPUS, CORPUS_CASSETTES)


def _all_pairs_links(records: list[ArticleRecord]) -> set[tuple[int, int]]:
    """The pairs the old all-pairs merge linked: every pair compared."""
    ordered = sorted(records, key=lambda r: r.article_id)
    items = [(r.article_id, i, inc) for r in ordered for i, inc in enumerate(r.incidents)]
    out = set()
    for i, j in combinations(range(len(items)), 2):
        p = compare(items[i], items[j])
        if p.veto is None and p.identity and p.link.score >= LINK_SCORE:
            out.add((i, j))
    return out


def _old_groups(records: list[ArticleRecord]) -> set[frozenset[tuple[str, int]]]:
    """The old merge's groups: all pairs compared, strongest link first, cross-group vetoes."""
    ordered = sorted(records, key=lambda r: r.article_id)
    items = [(r.article_id, i, inc) for r in ordered for i, inc in enumerate(r.incidents)]
    links = sorted(
        _all_pairs_links(records),
        key=lambda ij: (-compare(items[ij[0]], items[ij[1]]).link.score, ij),
    )
    group = list(range(len(items)))
    for i, j in links:
        left = [k for k, g in enumerate(group) if g == group[i]]
        right = [k for k, g in enumerate(group) if g == group[j]]
        if group[i] == group[j] or any(
            compare(items[k], items[q]).veto for k in left for q in right
        ):
            continue
        for k in right:
            group[k] = group[i]
    return {
        frozenset((items[k][0], items[k][1]) for k in range(len(items)) if group[k] == g)
        for g in set(group)
    }


def _new_groups(records: list[ArticleRecord]) -> set[frozenset[tuple[str, int]]]:
    d = build_digest(records)
    return {frozenset((m.article_id, m.incident) for m in inc.members) for inc in d.incidents}


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_blocking_never_misses_a_pair_the_all_pairs_merge_linked(
    which: str, request: pytest.FixtureRequest
) -> None:
    records: list[ArticleRecord] = request.getfixturevalue(which)
    ordered = sorted(records, key=lambda r: r.article_id)
    incidents = [inc for r in ordered for inc in r.incidents]
    links = _all_pairs_links(records)
    assert links, "the replay links some incidents; otherwise the test shows nothing"
    blocked = candidate_pairs(incidents)
    assert links <= blocked
    assert len(blocked) < len(incidents) * (len(incidents) - 1) // 2  # blocking compares fewer
    assert _new_groups(records) == _old_groups(records)


def test_exact_copies_collapse_and_stay_members_with_their_outlets(
    seeds: list[ArticleRecord],
) -> None:
    placeless = seeds[1].model_copy(deep=True)
    for inc in placeless.incidents:  # nothing identifies it: the old merge never linked copies
        inc.patrol_number = None
        inc.location.place = inc.location.latitude = inc.location.longitude = None
    copies = [
        placeless.model_copy(update={"article_id": f"copy{k}.txt", "outlet": f"Outlet {k}"})
        for k in range(3)
    ]
    d = build_digest([*seeds, *copies])
    (group,) = [i for i in d.incidents if any(m.article_id == "copy0.txt" for m in i.members)]
    got = [(m.article_id, m.outlet, m.copy_of) for m in group.members]
    assert got == [
        ("copy0.txt", "Outlet 0", None),
        ("copy1.txt", "Outlet 1", "copy0.txt#0"),
        ("copy2.txt", "Outlet 2", "copy0.txt#0"),
    ]
    assert sum(len(i.members) for i in d.incidents) == sum(
        len(r.incidents) for r in [*seeds, *copies]
    )


def test_the_store_round_trips_and_a_second_load_adds_nothing(
    seeds: list[ArticleRecord], tmp_path: Path
) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        first = store.add(seeds)
    with Store(path) as store:
        second = store.add(seeds)
        back = list(store.records())
        (n_claims,) = store.con.execute("SELECT count(*) FROM claims").fetchone() or (0,)
    assert (first.added, first.unchanged) == (len(seeds), 0)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, len(seeds))
    assert back == sorted(seeds, key=lambda r: r.article_id)
    assert n_claims == sum(len(i.casualty_claims) for r in seeds for i in r.incidents)
    changed = seeds[0].model_copy(update={"headline": "Another headline"})
    with Store(path) as store:
        third = store.add([changed])
        assert (third.added, third.replaced) == (0, 1) and store.count() == len(seeds)


def test_summarize_db_twice_adds_nothing(cli: CliRun, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    args = ["summarize", str(SEEDS), "--replay", str(CASSETTES), "-o", str(tmp_path / "o.jsonl")]
    code, _, err = cli(*args, "--db", str(db))
    assert code == 0 and f"{db}: 5 records added, 0 replaced, 0 already there" in err
    code, _, err = cli(*args, "--db", str(db))
    assert code == 0 and f"{db}: 0 records added, 0 replaced, 5 already there" in err
    code, out, _ = cli("digest", "--db", str(db), "--format", "json")
    assert code == 0 and len(json.loads(out)["articles"]) == 5


def test_a_damaged_store_row_and_another_store_version_are_reported(
    seeds: list[ArticleRecord], tmp_path: Path, cli: CliRun
) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.add(seeds)
        store.con.execute(
            "UPDATE records SET record = '{\"article_id\": 3}' WHERE article_id = ?",
            [seeds[0].article_id],
        )
        store.con.execute(
            "UPDATE records SET schema_version = '0.9' WHERE article_id = ?", [seeds[1].article_id]
        )
    code, out, err = cli("digest", "--db", str(path), "--format", "json")
    assert code == 0 and len(json.loads(out)["articles"]) == 3
    lines = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(lines) == 2 and "Traceback" not in err
    assert f"{seeds[0].article_id}: not a valid record" in lines[0]
    assert f"{seeds[1].article_id}: record schema 0.9, not {SCHEMA_VERSION}; skipped" in lines[1]
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = '0' WHERE key = 'store_version'")
    con.close()
    with pytest.raises(InputError, match="a store of version 0; this summarizer reads version 1"):
        Store(path)
    code, _, err = cli("digest", "--db", str(path))
    assert code != 0 and err.count("\n") == 1 and "a store of version 0" in err


def test_a_bad_jsonl_line_or_older_record_is_reported_and_skipped(
    seeds: list[ArticleRecord], tmp_path: Path, cli: CliRun
) -> None:
    old = seeds[2].model_dump(mode="json") | {"schema_version": "0.1"}
    lines = [json.dumps({"article_id": r.article_id, "record": r.model_dump(mode="json")})
             for r in seeds[:2]]  # fmt: skip
    lines += ["{damaged", json.dumps({"article_id": old["article_id"], "record": old})]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = cli("digest", str(path), "--format", "json")
    assert code == 0 and json.loads(out)["articles"] == [r.article_id for r in seeds[:2]]
    assert f"{path}:3: not JSON; skipped" in err
    assert f"{path}:4: a record of schema 0.1, not {SCHEMA_VERSION}; skipped" in err
    with pytest.raises(InputError, match=":3: not JSON"):
        read_results(path)  # scoring stays strict


def test_the_stores_sql_join_is_the_same_blocking(corpus: list[ArticleRecord]) -> None:
    ordered = sorted(corpus, key=lambda r: r.article_id)
    refs = [(r.article_id, i) for r in ordered for i in range(len(r.incidents))]
    in_python = candidate_pairs([inc for r in ordered for inc in r.incidents])
    with Store(":memory:") as store:
        store.add(corpus)
        in_sql = list(store.candidates())
    assert in_sql and set(in_sql) == {(refs[i], refs[j]) for i, j in in_python}
    assert build_digest(corpus, candidates=in_sql) == build_digest(corpus)
