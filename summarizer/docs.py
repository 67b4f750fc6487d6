"""The README's field-by-field table of the record, generated from the schema so it never drifts.

Usage: python -m summarizer.docs   (rewrites the table between the markers in README.md)
"""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .schema import ArticleRecord

START, END = "<!-- fields:start -->", "<!-- fields:end -->"


def _type(annotation: Any) -> str:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return " / ".join(f"`{m.value}`" for m in annotation)
    text = str(annotation).replace("typing.", "").replace("summarizer.schema.", "")
    text = re.sub(r"<(?:class|enum) '([\w.]+)'>", r"\1", text)
    return text.replace("NoneType", "null").replace(" | None", " or null").replace("|", "or")


def rows(model: type[BaseModel], prefix: str = "") -> list[str]:
    out = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        desc = (field.description or "").replace("|", "/").replace("\n", " ")
        out.append(f"| `{path}` | {_type(field.annotation)} | {desc} |")
        sub = field.annotation
        args = getattr(sub, "__args__", ())
        inner = next(
            (a for a in (sub, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
        if inner is not None and inner.__name__ not in ("Quote",):
            out += rows(inner, f"{path}{'[]' if 'list' in str(sub) else ''}.")
    return out


def table() -> str:
    lines = ["| field | type | meaning |", "|---|---|---|", *rows(ArticleRecord)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    readme = Path((argv or sys.argv[1:] or ["README.md"])[0])
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"{readme}: markers {START} / {END} not found", file=sys.stderr)
        return 1
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{table()}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
