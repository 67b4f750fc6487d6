"""Write the JSON Schema of each top-level record to schemas/, for users outside Python.

Usage: python -m summarizer.export_schemas [DIR]   (a test fails when the files drift)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .briefing.merge import Digest
from .evaluation.report import EvalReport
from .schema import ArticleRecord

SCHEMAS: dict[str, type[BaseModel]] = {
    "article_record.schema.json": ArticleRecord,
    "digest.schema.json": Digest,
    "eval_report.schema.json": EvalReport,
}


def render(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("schemas")
    out.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (out / name).write_text(render(model), encoding="utf-8")
        print(out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
