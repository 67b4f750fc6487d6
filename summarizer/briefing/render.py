"""The digest as markdown (for reading and pasting), JSON, and one self-contained HTML page
(inline CSS, no scripts, no external resources, every text escaped). Wording lives in prose.py."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import TYPE_CHECKING

from ..extraction.grounding import find_quote
from ..prose import ordinal
from ..schema import Quote
from .prose import date_phrase, show_date, type_words

if TYPE_CHECKING:
    from .merge import Claim, Digest, Figure, MergedIncident, ProgrammeItem, SideCasualties

_PALETTE = ["#ffe08a", "#b8e6ff", "#c9f2c7", "#ffc9de", "#e2d4ff", "#ffd6b0", "#d0f0ef", "#eee"]
_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{line-height:1.2} h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:.4rem 0;font-size:14px}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4} .sides{display:flex;flex-wrap:wrap;gap:1rem} .side{flex:1 1 26rem}
.incident{border:1px solid #ddd;border-radius:6px;padding:0 1rem 1rem;margin:1.2rem 0}
.timeline li{margin:.3rem 0} .when{display:inline-block;min-width:13rem;color:#555}
.warn li{color:#8a1c00} .summary{background:#fafafa;padding:.6rem;border-left:3px solid #999}
blockquote{margin:.2rem 0 .2rem 1rem;color:#444;font-style:italic}
.article{white-space:pre-wrap;border:1px solid #ddd;padding:1rem;background:#fffdf8}
mark{padding:0 .1rem;border-radius:2px} mark.prog{outline:1px dashed #777;background:#f0f0f0}
.tag{font:bold 12px monospace;background:#333;color:#fff;padding:.05rem .35rem;border-radius:3px}
h4{margin:.8rem 0 .3rem} td a{white-space:nowrap}
body,td,th,li,p,h3,h4{overflow-wrap:anywhere}
.side{min-width:0;max-width:100%} .side table{width:100%}
"""


# --- helpers ---------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cell(text: object) -> str:
    """Text for a markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def incident_title(inc: MergedIncident) -> str:
    patrol = f"{ordinal(inc.patrol_number)} patrol" if inc.patrol_number else "Patrol (no number)"
    return f"{patrol}: {type_words(inc.incident_type)}, {date_phrase(inc.date)}"


def _figure_text(kind: str, fig: Figure | None) -> str | None:
    if fig is None:
        return None
    return f"{kind} best {fig.best} (low {fig.low}, high {fig.high}; {fig.basis})"


def side_estimate(side: SideCasualties) -> str:
    parts = [
        t for t in (_figure_text("killed", side.killed), _figure_text("injured", side.injured))
    ]
    text = "; ".join(t for t in parts if t) or "no figures stated"
    return f"{side.side}: {text}" + (" — disputed" if side.disputed else "")


def _side_label(c: Claim) -> str:
    return c.side + (" (nationality from claimant)" if c.side_inferred else "")


def _num(n: int | None) -> str:
    return "–" if n is None else str(n)


# --- markdown --------------------------------------------------------------------------------


def _md_incident(inc: MergedIncident) -> list[str]:
    out = [f"## {inc.id} — {incident_title(inc)}", "", inc.summary, ""]
    claims = [c for side in inc.casualties for c in side.claims]
    if claims:
        out += ["**Casualty claims**", ""]
        out += [
            "| Side | Victims as written | Source | Via | Article | Killed | Injured | As stated |"
        ]
        out += ["|---|---|---|---|---|---|---|---|"]
        for c in claims:
            who = c.claimant or "(article's own voice)"
            row = [
                _side_label(c),
                c.victims,
                who,
                c.reported_via or "",
                f"{c.article_id}#{c.incident}",
            ]
            row += [_num(c.killed), _num(c.injured), c.stated_as or ""]
            out.append("| " + " | ".join(_cell(x) for x in row) + " |")
        out += [""] + [f"- {side_estimate(s)}" for s in inc.casualties] + [""]
    for title, items in (("Contradictions", inc.contradictions), ("Follow-on", inc.follow_on)):
        if items:
            out += [f"**{title}**", ""] + [f"- {x}" for x in items] + [""]
    if inc.links:
        out += ["**Why grouped**", ""]
        out += [
            f"- {ln.a} + {ln.b} (score {ln.score}): {'; '.join(ln.reasons)}" for ln in inc.links
        ]
        out.append("")
    out += ["**Reports**", ""]
    for m in inc.members:
        where = f", {m.place}" if m.place else ""
        out.append(
            f"- `{m.article_id}#{m.incident}` ({m.role}, {type_words(m.incident_type)}, "
            f"{show_date(m.date)}{where})"
        )
        out += [f'  > "{q.text}"' for q in m.evidence]
    return [*out, ""]


def render_markdown(d: Digest) -> str:
    """The digest as markdown: timeline table, one section per incident, programme, rules."""
    n, a = len(d.incidents), len(d.articles)
    out = ["# Patrol incident digest", "", f"{n} incidents from {a} articles.", ""]
    out += ["## Timeline", "", "| Incident | Date | Patrol | Type | Place | Reports |"]
    out.append("|---|---|---|---|---|---|")
    for inc in d.incidents:
        row = [inc.id, show_date(inc.date), _num(inc.patrol_number)]
        row += [type_words(inc.incident_type), " / ".join(inc.places) or "–", str(len(inc.members))]
        out.append("| " + " | ".join(_cell(x) for x in row) + " |")
    out.append("")
    for inc in d.incidents:
        out += _md_incident(inc)
    if d.programme:
        out += ["## Patrol programme", ""]
        for item in d.programme:
            out.append(f"- **{item.id}** {show_date(item.date)} — {item.status}:")
            out += [f"  - {s.description} [{s.article_id}#{s.index}]" for s in item.sources]
        out.append("")
    out += ["## How incidents are grouped", ""] + [f"- {r}" for r in d.rules]
    return "\n".join(out) + "\n"


def render_json(d: Digest) -> str:
    return d.model_dump_json(indent=2) + "\n"


# --- HTML ------------------------------------------------------------------------------------


def _anchor(article_id: str) -> str:
    return "art-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in article_id)


def _link(article_id: str) -> str:
    """A short link to the article's text; the full id shows on hover."""
    short = article_id if len(article_id) <= 14 else article_id[:12] + "…"
    return f'<a href="#{_anchor(article_id)}" title="{_e(article_id)}">{_e(short)}</a>'


def _locate(text: str, q: Quote) -> tuple[int, int] | None:
    if text[q.start : q.end] == q.text:
        return q.start, q.end
    found = find_quote(text, q.text)
    return (found.start, found.end) if found else None


def _tag_key(tag: str) -> tuple[str, int]:
    return tag[0], int(tag[1:])


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Escaped text with each span in a <mark>: data-incident (I…) and data-programme (P…)
    list the ids whose evidence covers it; overlapping spans are split, never nested."""
    spans = list(spans)
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    runs: list[tuple[frozenset[str], str]] = []
    for a, b in pairwise(cuts):
        tags = frozenset(t for s, e, t in spans if s <= a and b <= e)
        if runs and runs[-1][0] == tags:
            runs[-1] = (tags, runs[-1][1] + text[a:b])
        else:
            runs.append((tags, text[a:b]))
    for tags, chunk in runs:
        if not tags:
            out.append(_e(chunk))
            continue
        inc = " ".join(sorted((t for t in tags if t[0] == "I"), key=_tag_key))
        prog = " ".join(sorted((t for t in tags if t[0] == "P"), key=_tag_key))
        attrs = f' data-incident="{_e(inc)}"' if inc else ' class="prog"'
        attrs += f' data-programme="{_e(prog)}"' if prog else ""
        out.append(f'<mark{attrs} title="{_e(" ".join(x for x in (inc, prog) if x))}">')
        out.append(f"{_e(chunk)}</mark>")
    return "".join(out)


def _html_side(side: SideCasualties) -> str:
    rows = "".join(
        f"<tr><td>{_e(c.claimant or '(article’s own voice)')}"
        + (f"<br><small>via {_e(c.reported_via)}</small>" if c.reported_via else "")
        + f"</td><td>{_link(c.article_id)}#{c.incident}</td>"
        f"<td>{_num(c.killed)}</td><td>{_num(c.injured)}</td><td>{_e(c.victims)}"
        + ("<br><small>nationality from claimant</small>" if c.side_inferred else "")
        + (f"<br><small>“{_e(c.stated_as)}”</small>" if c.stated_as else "")
        + "</td></tr>"
        for c in side.claims
    )
    head = "<tr><th>Source</th><th>Article</th><th>Killed</th><th>Injured</th><th>Victims</th>"
    return (
        f'<div class="side"><h4>{_e(side.side)}</h4><table>{head}</tr>{rows}</table>'
        f"<p>{_e(side_estimate(side))}</p></div>"
    )


def _html_incident(inc: MergedIncident) -> str:
    parts = [
        f'<section class="incident" id="{_e(inc.id)}">',
        f'<h3><span class="tag">{_e(inc.id)}</span> {_e(incident_title(inc))}</h3>',
        f'<p class="summary">{_e(inc.summary)}</p>',
    ]
    if inc.casualties:
        sides = "".join(_html_side(s) for s in inc.casualties)
        parts.append(f'<h4>Casualty claims</h4><div class="sides">{sides}</div>')
    lists = [
        ("Contradictions", inc.contradictions, ' class="warn"'),
        ("Follow-on", inc.follow_on, ""),
        (
            "Why grouped",
            [f"{x.a} + {x.b} (score {x.score}): {'; '.join(x.reasons)}" for x in inc.links],
            "",
        ),
    ]
    for title, items, cls in lists:
        if items:
            lis = "".join(f"<li>{_e(x)}</li>" for x in items)
            parts.append(f"<h4>{title}</h4><ul{cls}>{lis}</ul>")
    rows = "".join(
        f"<tr><td>{_link(m.article_id)}#{m.incident}</td>"
        f"<td>{_e(m.role)}</td><td>{_e(type_words(m.incident_type))}</td>"
        f"<td>{_e(show_date(m.date))}</td><td>{_e(m.place or '–')}</td><td>"
        + "".join(f"<blockquote>{_e(q.text)}</blockquote>" for q in m.evidence)
        + "</td></tr>"
        for m in inc.members
    )
    head = "<tr><th>Article</th><th>Role</th><th>Type</th><th>Date</th><th>Place</th><th>Evidence"
    parts.append(f"<h4>Reports</h4><table>{head}</th></tr>{rows}</table></section>")
    return "\n".join(parts)


def _html_programme(items: list[ProgrammeItem]) -> str:
    lis = "".join(
        f'<li><span class="when">{_e(show_date(it.date))}</span> <span class="tag">{_e(it.id)}'
        f"</span> <b>{_e(it.status)}</b><ul>"
        + "".join(f"<li>{_e(s.description)} [{_link(s.article_id)}]</li>" for s in it.sources)
        + "</ul></li>"
        for it in items
    )
    return f'<h2>Patrol programme</h2><ol class="timeline">{lis}</ol>'


def _html_article(d: Digest, article_id: str, text: str | None) -> str:
    head = f'<section id="{_anchor(article_id)}"><h3>{_e(article_id)}</h3>'
    if text is None:
        return head + "<p>Article text not supplied.</p></section>"
    spans: list[tuple[int, int, str]] = []
    missing: list[str] = []
    quotes = [
        (m.evidence, inc.id)
        for inc in d.incidents
        for m in inc.members
        if m.article_id == article_id
    ]
    quotes += [
        (s.evidence, it.id) for it in d.programme for s in it.sources if s.article_id == article_id
    ]
    for evidence, tag in quotes:
        for q in evidence:
            where = _locate(text, q)
            if where is None:
                missing.append(f"{tag}: {q.text}")
            else:
                spans.append((*where, tag))
    note = ""
    if missing:
        lis = "".join(f"<li>{_e(x)}</li>" for x in missing)
        note = f'<p>Evidence not found in this text:</p><ul class="warn">{lis}</ul>'
    return f'{head}{note}<div class="article">{highlight(text, spans)}</div></section>'


def render_html(d: Digest, texts: Mapping[str, str]) -> str:
    """One self-contained page: incident timeline, each incident's claims side by side with their
    sources, the programme timeline, and each article with its evidence marked by incident id."""
    colours = "".join(
        f'mark[data-incident~="{_e(inc.id)}"]{{background:{_PALETTE[k % len(_PALETTE)]}}}'
        for k, inc in enumerate(d.incidents)
    )
    timeline = "".join(
        f'<li><span class="when">{_e(show_date(inc.date))}</span> <a href="#{_e(inc.id)}">'
        f'<span class="tag">{_e(inc.id)}</span></a> {_e(incident_title(inc))} '
        f"<small>({len(inc.members)} report{'s' if len(inc.members) > 1 else ''})</small></li>"
        for inc in d.incidents
    )
    body = [
        "<h1>Patrol incident digest</h1>",
        f"<p>{len(d.incidents)} incidents from {len(d.articles)} articles.</p>",
        f'<h2>Timeline of incidents</h2><ol class="timeline">{timeline}</ol>',
        "<h2>Incidents</h2>",
        *(_html_incident(inc) for inc in d.incidents),
        _html_programme(d.programme),
        "<h2>How incidents are grouped</h2><ul>"
        + "".join(f"<li>{_e(r)}</li>" for r in d.rules)
        + "</ul>",
        "<h2>Articles</h2>",
        *(_html_article(d, a, texts.get(a)) for a in d.articles),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Patrol incident digest</title>"
        f"<style>{_CSS}{colours}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
