"""Prompts are files in ``prompts/``, loaded by name and rendered with ``{{variable}}`` slots.

A slot without a value, or a value without a slot, is an error: a prompt never goes out half
filled. The worked example in ``extract_system.md`` is an invented text, never a gold-labelled
article (scoring a model on an article it was shown is leakage).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from ..errors import ConfigError

_SLOT = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def prompts_dir() -> Path:
    env = os.environ.get("SUMMARIZER_PROMPTS_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "prompts", here.parent.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("prompts/ directory not found: set SUMMARIZER_PROMPTS_DIR")


@cache
def load(name: str) -> str:
    path = prompts_dir() / f"{name}.md"
    if not path.is_file():
        raise ConfigError(f"prompt '{name}' not found at {path}")
    return path.read_text(encoding="utf-8").strip()


def render(name: str, **values: str) -> str:
    text = load(name)
    slots = set(_SLOT.findall(text))
    missing = slots - values.keys()
    extra = values.keys() - slots
    if missing or extra:
        raise ConfigError(
            f"prompt '{name}': missing values {sorted(missing)}, unused values {sorted(extra)}"
        )
    return _SLOT.sub(lambda m: values[m.group(1)], text)
