"""Records for people and spreadsheets: a Markdown card and ACLED-style CSV rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .prose import incident_brief
from .schema import ACLED_TYPES, ArticleRecord, CasualtyClaim, PatrolIncident

if TYPE_CHECKING:
    from .briefing.merge import Digest, Figure, SideCasualties

ACLED_COLUMNS = [
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities",
]  # fmt: skip
OWN_COLUMNS = [
    "patrol_number", "role", "incident_type", "injured_low", "injured_best", "injured_high",
    "claims", "outcome", "evidence", "article_id",
]  # fmt: skip
_GEO = {"town": "1", "near_town": "2", "region": "3", "unknown": ""}
_TIME = {"day": "1", "week": "2", "month": "3", "year": "3", "unknown": ""}


def _claim_text(c: CasualtyClaim) -> str:
    figures = [
        f"{n} {w}" for n, w in ((c.killed, "killed"), (c.injured, "injured")) if n is not None
    ]
    what = ", ".join(figures) or (c.stated_as or "no figure")
    return f"{c.claimant or 'article'}: {what} ({c.victims})"


def sources(rec: ArticleRecord, inc: PatrolIncident) -> str:
    """ACLED's source column: the outlet when the text names it, the agencies that relay the
    incident's claims, and the host of the page it was fetched from."""
    names = [rec.outlet, *(c.reported_via for c in inc.casualty_claims)]
    if rec.source_url:
        names.append(urlsplit(rec.source_url).hostname)
    return "; ".join(dict.fromkeys(n for n in names if n))


def _range(values: list[int]) -> tuple[str, str, str]:
    if not values:
        return "", "", ""
    return str(min(values)), str(min(values)), str(max(values))


def incident_row(rec: ArticleRecord, inc: PatrolIncident) -> dict[str, str]:
    """One CSV row. Fatalities are coded conservatively, as ACLED does: the lowest figure any
    source states (0 when none states one)."""
    killed = [c.killed for c in inc.casualty_claims if c.killed is not None]
    injured = [c.injured for c in inc.casualty_claims if c.injured is not None]
    low, best, high = _range(injured)
    event_type, sub = ACLED_TYPES[inc.incident_type]
    forces = " and ".join(inc.forces)
    return {
        "event_date": inc.date.iso() or "",
        "time_precision": _TIME[inc.date.precision.value],
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": inc.perpetrator.name
        or ("Unidentified Armed Group" if event_type.startswith("Expl") else ""),
        "actor2": f"Military Forces of {forces} (joint patrol)" if forces else "",
        "country": inc.location.country or "",
        "admin1": inc.location.admin1 or "",
        "location": inc.location.place or "",
        "latitude": "" if inc.location.latitude is None else str(inc.location.latitude),
        "longitude": "" if inc.location.longitude is None else str(inc.location.longitude),
        "geo_precision": _GEO[inc.location.geo_precision.value],
        "source": sources(rec, inc),
        "notes": inc.summary or incident_brief(inc),
        "fatalities": str(min(killed)) if killed else "0",
        "patrol_number": "" if inc.patrol_number is None else str(inc.patrol_number),
        "role": inc.role.value,
        "incident_type": inc.incident_type.value,
        "injured_low": low,
        "injured_best": best,
        "injured_high": high,
        "claims": "; ".join(_claim_text(c) for c in inc.casualty_claims),
        "outcome": inc.outcome.value,
        "evidence": " | ".join(q.text for q in inc.evidence),
        "article_id": rec.article_id,
    }


def to_csv(records: Iterable[ArticleRecord]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS + OWN_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        for inc in rec.incidents:
            writer.writerow(incident_row(rec, inc))
    return buf.getvalue()


DIGEST_OWN_COLUMNS = [
    "incident_id", "patrol_number", "incident_type", "killed_low", "killed_best", "killed_high",
    "injured_low", "injured_best", "injured_high", "by_side", "claims", "contradictions",
    "reasons", "articles",
]  # fmt: skip


def _total(figures: list[Figure], attr: str) -> str:
    """Sum over sides (Russian forces + Turkish forces ...), blank when no side has a figure."""
    return str(sum(getattr(f, attr) for f in figures)) if figures else ""


def _side_text(side: SideCasualties) -> str:
    figures = [
        f"{kind} {f.low}/{f.best}/{f.high}"
        for kind, f in (("killed", side.killed), ("injured", side.injured))
        if f is not None
    ]
    disputed = " (disputed)" if side.disputed else ""
    return f"{side.side}: {', '.join(figures) or 'no figure'}{disputed}"


def digest_to_csv(d: Digest) -> str:
    """One row per merged incident. Fatalities are the most conservative figure (ACLED): the sum
    over sides of each side's lowest figure. low/best/high are summed over sides, and `by_side`
    keeps them per side (low/best/high), since sides are inferred from the victims' wording."""
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=ACLED_COLUMNS + DIGEST_OWN_COLUMNS, lineterminator="\r\n"
    )
    writer.writeheader()
    for m in d.incidents:
        event_type, sub = ACLED_TYPES[m.incident_type]
        killed = [f for s in m.casualties if (f := s.killed) is not None]
        injured = [f for s in m.casualties if (f := s.injured) is not None]

        writer.writerow(
            {
                "event_date": m.date.iso() or "",
                "time_precision": _TIME[m.date.precision.value],
                "event_type": event_type,
                "sub_event_type": sub,
                "actor1": "; ".join(m.perpetrators),
                "actor2": " and ".join(m.forces),
                "country": "",
                "admin1": "; ".join(m.admin1),
                "location": "; ".join(m.places),
                "latitude": "",
                "longitude": "",
                "geo_precision": "",
                "source": "; ".join(sorted({x.article_id for x in m.members})),
                "notes": m.summary,
                "fatalities": _total(killed, "low") or "0",
                "incident_id": m.id,
                "patrol_number": "" if m.patrol_number is None else str(m.patrol_number),
                "incident_type": m.incident_type.value,
                "killed_low": _total(killed, "low"),
                "killed_best": _total(killed, "best"),
                "killed_high": _total(killed, "high"),
                "injured_low": _total(injured, "low"),
                "injured_best": _total(injured, "best"),
                "injured_high": _total(injured, "high"),
                "by_side": "; ".join(_side_text(s) for s in m.casualties),
                "claims": "; ".join(_claim_text(c) for s in m.casualties for c in s.claims),
                "contradictions": " | ".join(m.contradictions),
                "reasons": "; ".join(m.reasons),
                "articles": "; ".join(f"{x.article_id}#{x.incident}" for x in m.members),
            }
        )
    return buf.getvalue()


def to_markdown(rec: ArticleRecord) -> str:
    lines = [f"# {rec.headline or rec.article_id}", ""]
    meta = [f"article `{rec.article_id}`"] + ([f"outlet {rec.outlet}"] if rec.outlet else [])
    lines += [" · ".join(meta), "", rec.summary, ""]
    for n, inc in enumerate(rec.incidents, 1):
        title = inc.incident_type.value.replace("_", " ")
        patrol = f", patrol {inc.patrol_number}" if inc.patrol_number else ""
        lines.append(f"## {n}. {title}{patrol} ({inc.role.value})")
        lines += ["", inc.summary or incident_brief(inc)]
        loc = ", ".join(
            x for x in (inc.location.place, inc.location.road, inc.location.admin1,
                        inc.location.country) if x
        )  # fmt: skip
        lines += [
            "",
            f"- **date**: {inc.date.iso() or inc.date.text or 'not stated'}"
            f" ({inc.date.precision.value})",
            f"- **where**: {loc or 'not stated'}",
            f"- **forces**: {', '.join(inc.forces) or 'not stated'}",
            f"- **outcome**: {inc.outcome.value}",
        ]
        if inc.vehicles_damaged.count is not None:
            owners = ", ".join(inc.vehicles_damaged.owners)
            lines.append(f"- **vehicles damaged**: {inc.vehicles_damaged.count} {owners}".rstrip())
        if inc.perpetrator.name:
            lines.append(f"- **blamed**: {inc.perpetrator.name} ({inc.perpetrator.status.value})")
        for c in inc.casualty_claims:
            lines.append(f"- **claim**: {_claim_text(c)} — “{c.evidence[0].text}”")
        for f in inc.follow_on:
            lines.append(f"- **then**: {f.description}")
        if inc.notes:
            lines.append(f"- **note**: {inc.notes}")
        lines += ["", "Evidence:", ""]
        lines += [f"> {q.text} `[{q.start}:{q.end}]`" for q in inc.evidence]
        lines.append("")
    if rec.programme:
        lines += ["## Patrol programme", ""]
        for p in rec.programme:
            when = p.date.iso() or p.date.text or "undated"
            lines.append(f"- {p.status.value} ({when}): {p.description}")
        lines.append("")
    if rec.dropped:
        lines += ["## Dropped (not grounded in the text)", ""]
        lines += [f"- {d.what}: {d.reason}" for d in rec.dropped]
        lines.append("")
    return "\n".join(lines)
