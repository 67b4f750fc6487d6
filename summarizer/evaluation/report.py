"""The evaluation report: its data model, the regression gate and the Markdown rendering.

Scoring lives in ``evaluate.py``; this module holds what a scoring run produces, how it is
compared with a baseline, and how a person reads it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

# Figures that the regression gate checks; every other figure is reported only.
GATED = (
    "incident_f1",
    "field_f1",
    "claim_f1",
    "casualty_figure_accuracy",
    "main_event_accuracy",
    "grounding_rate",
    "schema_valid_rate",
)

_CELL_MAX = 160


class FieldScore(BaseModel):
    """One field, over all articles. ``compared``/``correct``/``accuracy`` are over matched pairs
    only; ``tp``/``fp``/``fn`` also count the field in unmatched gold items (fn) and unmatched
    predicted items (fp). Set-valued fields earn fractional credit (their item F1)."""

    compared: int
    correct: float
    accuracy: float | None
    tp: float
    fp: float
    fn: float
    precision: float
    recall: float
    f1: float


class FieldError(BaseModel):
    """One wrong field, or one unmatched incident, claim, programme statement or quote."""

    article_id: str
    incident: str = Field(description="Label of the item: '26th patrol', 'incident 2', 'article'.")
    field: str = Field(description="Field path, e.g. 'claim.injured', or the item kind.")
    expected: str
    predicted: str


class ArticleScore(BaseModel):
    article_id: str
    extracted: bool = Field(description="False when the prediction is missing or failed.")
    incidents_gold: int
    incidents_predicted: int
    incidents_matched: int
    incident_f1: float
    field_f1: float
    claim_f1: float
    programme_f1: float
    grounding_rate: float | None = Field(description="None when the article text was not given.")
    summary_overlap: float
    errors: int


class EvalReport(BaseModel):
    figures: dict[str, float]
    fields: dict[str, FieldScore]
    errors: list[FieldError]
    articles: list[ArticleScore]
    notes: list[str]
    unavailable: list[str] = Field(
        default_factory=list, description="Figures that could not be computed, e.g. grounding."
    )


def _cell(value: object) -> str:
    text = str(value).replace("\n", " ").replace("|", "\\|")
    return text if len(text) <= _CELL_MAX else text[: _CELL_MAX - 1] + "…"


# Figures that are counts, not shares.
COUNTS = ("background_incidents", "incidents_where_gold_has_none", "articles_without_incident")


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def figure_text(name: str, value: float) -> str:
    """A figure as shown: a count as a whole number, a share with three decimals."""
    return f"{value:.0f}" if name in COUNTS else f"{value:.3f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def render_markdown(report: EvalReport) -> str:
    """Per-field table, headline figures, per-article scores, every wrong field, matching rules."""
    lines = ["# Evaluation report", "", "## Per-field scores", ""]
    lines += _table(
        ["field", "compared", "accuracy", "precision", "recall", "F1"],
        [
            [name, str(s.compared), _num(s.accuracy), _num(s.precision), _num(s.recall), _num(s.f1)]
            for name, s in report.fields.items()
        ],
    )
    lines += ["", "## Headline figures", ""]
    rows = [
        [name, figure_text(name, value), "gated" if name in GATED else ""]
        for name, value in report.figures.items()
    ]
    rows += [
        [name, "not available", "gated" if name in GATED else ""] for name in report.unavailable
    ]
    lines += _table(["figure", "value", "gate"], rows)
    lines += ["", "## Articles", ""]
    lines += _table(
        [
            "article",
            "extracted",
            "incidents gold/pred/matched",
            "incident F1",
            "field F1",
            "claim F1",
            "grounding",
            "summary overlap",
            "errors",
        ],
        [
            [
                a.article_id,
                "yes" if a.extracted else "FAILED",
                f"{a.incidents_gold}/{a.incidents_predicted}/{a.incidents_matched}",
                _num(a.incident_f1),
                _num(a.field_f1),
                _num(a.claim_f1),
                _num(a.grounding_rate),
                _num(a.summary_overlap),
                str(a.errors),
            ]
            for a in report.articles
        ],
    )
    lines += ["", f"## Wrong fields ({len(report.errors)})", ""]
    if report.errors:
        lines += _table(
            ["article", "item", "field", "expected", "predicted"],
            [[e.article_id, e.incident, e.field, e.expected, e.predicted] for e in report.errors],
        )
    else:
        lines.append("None.")
    lines += ["", "## How matching and scoring work", ""]
    lines += [f"- {note}" for note in report.notes]
    return "\n".join(lines) + "\n"


def check_gate(
    report: EvalReport,
    baseline: EvalReport,
    tolerance: float = 0.02,
    floors: Mapping[str, float] | None = None,
) -> list[str]:
    """One line per GATED figure that is below its floor or more than ``tolerance`` under the
    baseline, or missing while the baseline or a floor expects it; empty means the gate passes."""
    floors = floors or {}
    if unknown := sorted(set(floors) - set(GATED)):
        raise ValueError(f"floors for ungated figures {unknown}; gated are {', '.join(GATED)}")
    failures: list[str] = []
    for name in GATED:
        value, base, floor = report.figures.get(name), baseline.figures.get(name), floors.get(name)
        if value is None:
            if base is not None:
                failures.append(
                    f"{name}: not available in this report (the baseline has {base:.3f})"
                )
            elif floor is not None:
                failures.append(f"{name}: not available in this report (the floor is {floor:.3f})")
            continue
        if floor is not None and value < floor:
            failures.append(f"{name}: {value:.3f} is below the floor {floor:.3f}")
        if base is not None and value < base - tolerance - 1e-9:
            failures.append(
                f"{name}: dropped from {base:.3f} to {value:.3f} "
                f"(by {base - value:.3f}, more than the tolerance {tolerance:.3f})"
            )
    return failures
