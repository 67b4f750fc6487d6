"""Degrade per field, not per article: validate an assembled record and drop exactly what fails.

Assembly builds the record without validating it (``model_construct``); ``salvage`` validates the
whole record once. On a ValidationError every offending value is removed by its error location:
an optional field falls back to its default, a list item is taken out of its list, and a value
whose field is required takes its containing object with it (a claim without evidence is not a
claim). Each removal is listed in ``dropped`` with the field, the value and the reason, and the
record is validated again. The article fails only when nothing usable remains: every incident and
programme statement it had is gone, or the error concerns the record as a whole.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from ..errors import ModelOutputError
from ..schema import ArticleRecord, DropKind, DroppedFact

MAX_ROUNDS = 50  # each round removes at least one value, so this is never reached in practice
_CONTENT = ("incidents", "programme")
Loc = tuple[str | int, ...]


def salvage(data: dict[str, Any], article_id: str) -> ArticleRecord:
    """The record ``data`` describes, with the values that fail validation dropped and listed.
    Raises ModelOutputError, naming the field and the reason, when nothing usable remains."""
    data = json.loads(json.dumps(data, default=str))  # a private, plain copy
    had_content = any(data.get(k) for k in _CONTENT)
    first: tuple[str, str] | None = None
    causes: dict[str, tuple[str, str]] = {}  # dropped field -> (field of the first cause, why)
    for _ in range(MAX_ROUNDS):
        try:
            record = ArticleRecord.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            first = first or (_dotted(errors[0]["loc"]), _reason(errors[0]))
            _drop_all(data, errors, article_id, causes)
            continue
        if had_content and not any(getattr(record, k) for k in _CONTENT):
            field, reason = first or ("record", "invalid")
            raise ModelOutputError(
                f"{article_id}: record invalid at {field}: {reason}; nothing usable remains "
                "(see the record's rules in schemas/article_record.json)"
            )
        return record
    raise ModelOutputError(f"{article_id}: record invalid and could not be repaired")


def _drop_all(
    data: dict[str, Any], errors: list[Any], article_id: str, causes: dict[str, tuple[str, str]]
) -> None:
    """Remove every offending value of one validation round, deepest and last items first so that
    list positions stay right."""
    targets: dict[Loc, str] = {}
    for e in errors:
        full = tuple(e["loc"])
        missing = e["type"] == "missing"
        # a missing required field takes its object with it; otherwise the value itself goes
        loc = _existing(data, full[:-1] if missing else full)
        if not loc:
            raise ModelOutputError(
                f"{article_id}: record invalid at {_dotted(full) or 'the record'}: "
                f"{_reason(e)}; nothing usable remains"
            )
        reason = f"its required field '{full[-1]}' is missing or was dropped" if missing else None
        targets.setdefault(loc, reason or _reason(e))
    if not isinstance(data.get("dropped"), list):
        data["dropped"] = []
    for loc in sorted(targets, key=_sort_key, reverse=True):
        value = _pop(data, loc)
        field = _dotted(loc)
        cause = causes[field] = (field, targets[loc])
        # an object dropped because a part of it was: one entry, with the first cause
        inner = [d for d in data["dropped"] if str(d.get("field")).startswith(field + ".")]
        if inner:
            data["dropped"] = [d for d in data["dropped"] if d not in inner]
            cause = causes[field] = causes[inner[0]["field"]]
        where = cause[0].removeprefix(field + ".")
        reason = cause[1] if where == field else f"{where}: {cause[1]}"
        text = json.dumps(value, ensure_ascii=False, default=str)
        fact = DroppedFact(
            what=f"{field}={text[:60]}",
            reason=reason,
            kind=DropKind.invalid,
            field=field,
            value=text[:200],
        )
        data["dropped"].append(fact.model_dump(mode="json"))


def _existing(data: Any, loc: Loc) -> Loc:
    """The longest prefix of ``loc`` that exists in ``data``."""
    node = data
    for i, key in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(key, str) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if not (in_dict or in_list):
            return loc[:i]
        node = node[key]
    return loc


def _pop(data: Any, loc: Loc) -> Any:
    node = data
    for key in loc[:-1]:
        node = node[key]
    return node.pop(loc[-1])


def _sort_key(loc: Loc) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, k, "") if isinstance(k, int) else (1, 0, k) for k in loc)


def _dotted(loc: Any) -> str:
    return ".".join(str(p) for p in loc)


def _reason(error: Any) -> str:
    return str(error["msg"]).removeprefix("Value error, ")
