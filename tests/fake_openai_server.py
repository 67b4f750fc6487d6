"""A HAND-MADE FAKE OpenAI-compatible server for tests, with faults injected on request.

It is not a model and its answers are not model output: every answer is a canned, schema-valid
JSON object built here ("no events"), so a record made
through it holds only what the rule-based steps find. It exists to test what the tool does when
a server misbehaves: rate limits with and without Retry-After, 500/503, dropped connections,
answers slower than the client's timeout, malformed JSON, no choices, and how many requests are
in flight at once.

It listens on 127.0.0.1 on a free port, serves a bounded number of requests for a bounded time,
and is started and stopped by the tests themselves (``with FakeServer(...) as server``).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The canned answer: the answer model (extraction/drafts.py ArticleAnswer) with no event.
CANNED_ANSWER: dict[str, Any] = {"events": []}
FAULTS = (
    "429",  # rate limited, no Retry-After
    "429-retry-after",  # rate limited, Retry-After: 0
    "500",
    "503",
    "drop",  # the connection closes with no reply
    "slow",  # the reply comes after the client's timeout
    "bad-json",  # 200 with a body that is not JSON
    "no-choices",  # 200 with a chat completion whose choice list is empty
    "hang",  # no reply until the server stops (for interrupting a client)
)


@dataclass
class Fault:
    """Give ``kind`` to requests whose text contains ``marker``, the first ``times`` of them."""

    marker: str
    kind: str
    times: int = 1_000_000
    served: int = 0


@dataclass
class FakeServer:
    faults: list[Fault] = field(default_factory=list)
    slow_seconds: float = 2.0  # how late a "slow" reply comes
    hold_until: int = 0  # hold each request until this many are in flight,
    hold_seconds: float = 1.0  # or this long
    max_requests: int = 2_000
    time_limit: float = 120.0
    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    overflow: bool = False  # more requests than max_requests came

    def __post_init__(self) -> None:
        assert all(f.kind in FAULTS for f in self.faults), self.faults
        self._lock = threading.Condition()
        self._stop = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                server._handle(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._started = time.monotonic()
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self._timer = threading.Timer(self.time_limit, self._stop.set)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._timer.cancel()
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- one request -------------------------------------------------------------------------

    def _fault_for(self, text: str) -> str | None:
        with self._lock:
            for f in self.faults:
                if f.marker in text and f.served < f.times:
                    f.served += 1
                    return f.kind
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        body = h.rfile.read(int(h.headers.get("Content-Length") or 0))
        with self._lock:
            self.requests += 1
            if self.requests > self.max_requests or self._stop.is_set():
                self.overflow = self.overflow or self.requests > self.max_requests
                return _send(h, 500, {"error": {"message": "fake server: request limit"}})
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self._lock.notify_all()
            deadline = time.monotonic() + self.hold_seconds
            while self.in_flight < self.hold_until and not self._stop.is_set():
                if not self._lock.wait(timeout=max(0.0, deadline - time.monotonic())):
                    break
        try:
            self._reply(h, body)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _reply(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        request = json.loads(body)
        text = "\n".join(str(m.get("content")) for m in request["messages"])
        kind = self._fault_for(text)
        if kind in ("429", "429-retry-after", "500", "503"):
            status = int(kind[:3])
            headers = {"Retry-After": "0"} if kind == "429-retry-after" else {}
            return _send(h, status, {"error": {"message": f"fake {status}"}}, headers)
        if kind == "drop":
            h.close_connection = True
            h.connection.shutdown(socket.SHUT_RDWR)
            return None
        if kind == "slow":
            self._stop.wait(self.slow_seconds)
        if kind == "hang":
            self._stop.wait()
            return None
        if kind == "bad-json":
            return _send_raw(h, 200, b'{"id": "fake", "choices": [{"message": ')
        choices = [] if kind == "no-choices" else [_choice(CANNED_ANSWER)]
        return _send(h, 200, _completion(request, choices))


def _choice(answer: dict[str, Any]) -> dict[str, Any]:
    message = {"role": "assistant", "content": json.dumps(answer)}
    return {"index": 0, "message": message, "finish_reason": "stop"}


def _completion(request: dict[str, Any], choices: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "fake-completion",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "fake"),
        "choices": choices,
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _send(
    h: BaseHTTPRequestHandler, status: int, data: Any, headers: dict[str, str] | None = None
) -> None:
    _send_raw(h, status, json.dumps(data).encode(), headers)


def _send_raw(
    h: BaseHTTPRequestHandler, status: int, blob: bytes, headers: dict[str, str] | None = None
) -> None:
    if h.wfile.closed:
        return
    h.send_response(status)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(blob)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    try:
        h.wfile.write(blob)
    except OSError:  # the client gave up (timed out) before the reply
        h.close_connection = True
