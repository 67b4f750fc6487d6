"""JSON Lines output that loses nothing.

Each article's line is written and flushed as soon as it is done (``tail -f`` shows progress),
whole or not at all: an interrupt that arrives while a line is written waits until the line is
complete. ``--resume`` reads what an earlier run finished: lines with a record are kept and
their articles skipped; error lines, a half-written last line (a run killed outright) and lines
that are not results are dropped, so their articles are done again and the file ends with one
line per article.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any

from ..errors import InputError


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block is done, then raise it as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous == signal.SIG_DFL:
                raise KeyboardInterrupt


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``: a reader, or a run cut short, sees the old file or the
    new one, never part of it."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def finished_lines(path: Path) -> dict[str, str]:
    """The lines of an earlier run's output that hold a record, by article id (the last line
    wins when an article appears twice)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read to resume ({exc}); move it aside") from None
    kept: dict[str, str] = {}
    for line in text.splitlines(keepends=True):
        if not line.endswith("\n"):
            break  # half-written by a run that was killed
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and isinstance(item.get("article_id"), str):
            if item.get("record") is not None and not item.get("error"):
                kept[item["article_id"]] = line
            else:
                kept.pop(item["article_id"], None)
    return kept


class JsonlWriter:
    """One line per result, flushed at once, to a file (after the lines kept from an earlier
    run) or to standard output."""

    def __init__(self, path: Path | None, keep: list[str] | None = None) -> None:
        self.path = path
        self.written = 0
        self._fh: IO[str]
        if path is None:
            self._fh = sys.stdout
            return
        write_atomically(path, "".join(keep or []))
        try:
            self._fh = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: cannot be written ({exc.strerror})") from None

    def write(self, data: dict[str, Any]) -> None:
        line = json.dumps(data, ensure_ascii=False) + "\n"
        with interrupts_deferred():
            self._fh.write(line)
            self._fh.flush()
        self.written += 1

    def close(self) -> None:
        if self.path is not None:
            self._fh.close()
