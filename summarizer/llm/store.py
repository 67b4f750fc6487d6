"""Stored model responses: the response cache, and recordings for offline tests.

Every chat-completion request is reduced to a canonical JSON form (model identity, messages,
response format, sampling parameters) and hashed. The same store format serves two uses:
- the user's response cache (re-running an article costs no model call);
- recordings under ``tests/cassettes/`` made from real runs, replayed in tests and CI. In replay
  mode a request with no recording is an error that names the re-record command, so a changed
  prompt or schema fails loudly instead of replaying a stale answer.
Recordings never hold secrets: headers and keys are not part of the request form.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import ReplayMissError

_KEYS = ("messages", "response_format", "temperature", "max_tokens", "seed", "top_p", "tools")


def request_form(model_id: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The parts of a request that decide the answer."""
    form: dict[str, Any] = {"model": model_id}
    for key in _KEYS:
        if kwargs.get(key) is not None:
            form[key] = kwargs[key]
    return form


def request_key(form: dict[str, Any]) -> str:
    blob = json.dumps(form, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


class ResponseStore:
    """A directory of ``<key>.json`` files, each holding a request form and its response.

    Safe for several processes at once: a writer fills a temporary file of its own and renames it
    into place, so a reader sees the old file or the new one, never a mix. A file that cannot be
    read as a stored response (truncated, corrupt, another format) counts as absent, and the next
    ``put`` replaces it.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        p = self.path(key)
        if not p.is_file():
            return None
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # gone since is_file, truncated, corrupt, not UTF-8
            return None
        resp = data.get("response") if isinstance(data, dict) else None
        return resp if isinstance(resp, dict) else None

    def require(self, key: str) -> dict[str, Any]:
        resp = self.get(key)
        if resp is None:
            raise ReplayMissError(key, str(self.root))
        return resp

    def put(self, key: str, form: dict[str, Any], response: dict[str, Any]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        blob = json.dumps({"request": form, "response": response}, indent=1, ensure_ascii=False)
        # a temporary name of this writer's own (two processes may store the same key at once)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=f".{key[:16]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(blob + "\n")
            os.replace(tmp, self.path(key))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
