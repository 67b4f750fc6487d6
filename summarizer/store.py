"""The embedded store: article records in one DuckDB file, for digests over months and for SQL.

DuckDB rather than SQLite: analysts' queries here are scans and group-bys over many rows
(columnar and parallel), it spills large joins to disk, and the same SQL runs on a bigger host.
Tables (README "Store" has the columns and example queries):

- ``meta``: the store's version (a store written by another version is refused) and the record
  schema version;
- ``records``: one row per article: id, content hash, theatre label, outlet, the record as JSON;
- ``incidents`` and ``claims``: the record's incidents and casualty claims as columns, for SQL;
- ``blocks``: the digest's blocking keys of each incident (``briefing/blocking.py``).

Adding is idempotent by article id and content hash: the same record again adds nothing; a new
record of an article already stored replaces it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from pydantic import ValidationError

from .briefing.blocking import keys, similar_names
from .errors import InputError
from .schema import SCHEMA_VERSION, ArticleRecord

STORE_VERSION = "1"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS records (
  article_id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL, schema_version VARCHAR,
  theatre VARCHAR, outlet VARCHAR, added_at TIMESTAMP, record JSON NOT NULL);
CREATE TABLE IF NOT EXISTS incidents (
  article_id VARCHAR, incident INTEGER, role VARCHAR, incident_type VARCHAR,
  patrol_number INTEGER, date_year INTEGER, date_month INTEGER, date_day INTEGER,
  date_precision VARCHAR, place VARCHAR, road VARCHAR, admin1 VARCHAR, country VARCHAR,
  latitude DOUBLE, longitude DOUBLE);
CREATE TABLE IF NOT EXISTS claims (
  article_id VARCHAR, incident INTEGER, claim INTEGER, claimant VARCHAR, reported_via VARCHAR,
  victims VARCHAR, killed INTEGER, injured INTEGER, stated_as VARCHAR);
CREATE TABLE IF NOT EXISTS blocks (
  article_id VARCHAR, incident INTEGER, kind VARCHAR, value VARCHAR);
"""


def content_hash(record: ArticleRecord) -> str:
    return hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()


@dataclass
class Added:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Filters:
    """Which records a digest reads: those with an incident in the date range (inclusive; an
    incident without a resolved year and month is outside any range) and country, and of the
    theatre label given when they were added."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    theatre: str | None = None


class Store:
    """One DuckDB file (or ``:memory:``); use as a context manager."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise InputError(f"{path}: not a store ({str(exc).splitlines()[0]})") from None
        tables = {
            r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if tables and "meta" not in tables:
            self.close()
            raise InputError(f"{path}: a DuckDB file but not a summarizer store (no meta table)")
        self.con.execute(_TABLES)
        found = self.con.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
        if found is None:
            self.con.execute(
                "INSERT INTO meta VALUES ('store_version', ?), ('schema_version', ?)",
                [STORE_VERSION, SCHEMA_VERSION],
            )
        elif found[0] != STORE_VERSION:
            self.close()
            raise InputError(
                f"{path}: a store of version {found[0]}; this summarizer reads version "
                f"{STORE_VERSION} only: load the records again into a new store"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def add(self, records: Iterable[ArticleRecord], theatre: str | None = None) -> Added:
        """Add records; the same article with the same content is not added again."""
        stored = dict(self.con.execute("SELECT article_id, content_hash FROM records").fetchall())
        out = Added()
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _COLUMNS}
        replaced: list[str] = []
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for r in records:
            digest = content_hash(r)
            old = stored.get(r.article_id)
            if old == digest:
                out.unchanged += 1
                continue
            if old is not None:
                replaced.append(r.article_id)
                out.replaced += 1
            else:
                out.added += 1
            stored[r.article_id] = digest
            for table, row in _rows(r, digest, theatre, now):
                rows[table].append(row)
        with self.con.cursor() as cur:
            cur.execute("BEGIN")
            for aid in replaced:
                for table in _COLUMNS:
                    cur.execute(f"DELETE FROM {table} WHERE article_id = ?", [aid])
            for table, values in rows.items():
                if values:  # one statement per table: a column of values per parameter
                    columns = [list(col) for col in zip(*values, strict=True)]
                    marks = ", ".join("unnest(?)" for _ in columns)
                    cur.execute(f"INSERT INTO {table} SELECT {marks}", columns)
            cur.execute("COMMIT")
        return out

    def count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM records").fetchone()
        return int(row[0]) if row else 0

    def records(
        self, filters: Filters = Filters(), report: Callable[[str], None] | None = None
    ) -> Iterator[ArticleRecord]:
        """The stored records the filters select, by article id. A row that is no longer a valid
        record (damaged, or of an older record schema) is reported and skipped."""
        where, args = _where(filters)
        query = f"SELECT article_id, schema_version, record FROM records r {where} ORDER BY 1"
        cur = self.con.execute(query, args)
        while batch := cur.fetchmany(1000):
            for aid, version, text in batch:
                if version != SCHEMA_VERSION:
                    _say(report, f"{self.path}: {aid}: record schema {version}, not "
                                 f"{SCHEMA_VERSION}; skipped")  # fmt: skip
                    continue
                try:
                    yield ArticleRecord.model_validate_json(text)
                except ValidationError as exc:
                    first = str(exc).splitlines()[:3]
                    _say(
                        report,
                        f"{self.path}: {aid}: not a valid record ({' '.join(first)}); skipped",
                    )

    def candidates(self) -> Iterator[tuple[Ref, Ref]]:
        """The blocking join of ``briefing/blocking.py`` in SQL, where the records are: pairs of
        stored incidents sharing a patrol number, a place name within the ratio (the similar
        names, computed once over the distinct names, are a table of their own) or a cell next
        to theirs. The digest compares these pairs only."""
        names = self.con.execute("SELECT DISTINCT value FROM blocks WHERE kind = 'place'")
        alike = similar_names(v for (v,) in names.fetchall())
        left = [n for n, ms in alike.items() for _ in ms]
        right = [m for ms in alike.values() for m in ms]
        self.con.execute(
            "CREATE OR REPLACE TEMP TABLE alike AS SELECT unnest(?) AS a, unnest(?) AS b",
            [left, right],
        )
        cur = self.con.execute(_CANDIDATES)
        while batch := cur.fetchmany(10000):
            for a, i, b, j in batch:
                yield (a, i), (b, j)


def _say(report: Callable[[str], None] | None, message: str) -> None:
    if report is not None:
        report(message)


_COLUMNS = ("records", "incidents", "claims", "blocks")
Ref = tuple[str, int]

_CELL = "CAST(string_split(x.value, ',')[{k}] AS INTEGER) + d{k}"
_CANDIDATES = f"""
WITH d AS (SELECT * FROM range(-1, 2) a(d1), range(-1, 2) b(d2), range(-1, 2) c(d3)),
cells AS (
  SELECT x.article_id, x.incident, concat_ws(',', {_CELL.format(k=1)}, {_CELL.format(k=2)},
         {_CELL.format(k=3)}) AS near
  FROM blocks x, d WHERE x.kind = 'cell'),
pairs AS (
  SELECT x.article_id a, x.incident i, y.article_id b, y.incident j
  FROM blocks x JOIN blocks y ON x.kind = 'patrol' AND y.kind = 'patrol' AND x.value = y.value
  UNION
  SELECT x.article_id, x.incident, y.article_id, y.incident
  FROM blocks x JOIN alike s ON x.kind = 'place' AND x.value = s.a
  JOIN blocks y ON y.kind = 'place' AND y.value = s.b
  UNION
  SELECT c.article_id, c.incident, y.article_id, y.incident
  FROM cells c JOIN blocks y ON y.kind = 'cell' AND y.value = c.near)
SELECT a, i, b, j FROM pairs WHERE (a, i) < (b, j) ORDER BY ALL
"""


def _rows(
    r: ArticleRecord, digest: str, theatre: str | None, now: dt.datetime
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    aid = r.article_id
    yield "records", (aid, digest, r.schema_version, theatre, r.outlet, now, r.model_dump_json())
    for i, inc in enumerate(r.incidents):
        d, loc = inc.date, inc.location
        yield "incidents", (
            aid, i, inc.role.value, inc.incident_type.value, inc.patrol_number, d.year, d.month,
            d.day, d.precision.value, loc.place, loc.road, loc.admin1, loc.country, loc.latitude,
            loc.longitude,
        )  # fmt: skip
        for k, c in enumerate(inc.casualty_claims):
            yield "claims", (
                aid, i, k, c.claimant, c.reported_via, c.victims, c.killed, c.injured, c.stated_as,
            )  # fmt: skip
        for kind, value in keys(inc):
            yield "blocks", (aid, i, kind, value)


_LO = "(make_date(i.date_year, i.date_month, 1) + to_days(coalesce(i.date_day, 1) - 1))"
_HI = (
    "(CASE WHEN i.date_day IS NULL THEN last_day(make_date(i.date_year, i.date_month, 1)) "
    f"ELSE {_LO} END)"
)


def _where(f: Filters) -> tuple[str, list[Any]]:
    """A WHERE clause on ``records r``: an incident of the record meets the incident filters."""
    conds: list[str] = []
    args: list[Any] = []
    if f.since is not None or f.until is not None:
        conds.append("i.date_year IS NOT NULL AND i.date_month IS NOT NULL")
    if f.since is not None:
        conds.append(f"{_HI} >= ?")
        args.append(f.since)
    if f.until is not None:
        conds.append(f"{_LO} <= ?")
        args.append(f.until)
    if f.country is not None:
        conds.append("lower(i.country) = lower(?)")
        args.append(f.country)
    clauses = []
    if conds:
        inner = " AND ".join(conds)
        clauses.append(
            f"EXISTS (SELECT 1 FROM incidents i WHERE i.article_id = r.article_id AND {inner})"
        )
    if f.theatre is not None:
        clauses.append("r.theatre = ?")
        args.append(f.theatre)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args
