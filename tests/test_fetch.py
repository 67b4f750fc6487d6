"""Articles given as URLs, fetched from a local HTTP server on 127.0.0.1 that the tests start (the
only sockets these tests open): an HTML page, plain text, 404, a slow answer, an oversized body, a
redirect loop, and no server at all (what a machine without network sees)."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import CASSETTES, SEEDS, CliRun

from summarizer.errors import InputError
from summarizer.reading.fetch import USER_AGENT, fetch

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

ARTICLE = (SEEDS / "001_5d767cf5dec42332.txt").read_text(encoding="utf-8")
PARAGRAPHS = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n") if p.strip())
PAGE = (
    "<!doctype html><html><head><title>Roadside bomb</title></head><body>"
    "<nav>Home | World | Sport</nav><article>" + PARAGRAPHS + "</article>"
    "<footer>Subscribe to our newsletter</footer></body></html>"
)
SLOW_S = 3.0
agents: list[str] = []


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the client may have given up first (timeout, size cap)

    def do_GET(self) -> None:
        agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/article.html":
            self._send(200, PAGE.encode())
        elif self.path == "/article.txt":
            self._send(200, ARTICLE.encode(), "text/plain; charset=utf-8")
        elif self.path == "/slow":
            time.sleep(SLOW_S)
            self._send(200, b"late")
        elif self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the cap must hold while reading
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                for _ in range(64):
                    self.wfile.write(b"x" * 1024)
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"<html><body>not here</body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_html_page_gives_its_main_text(server: str) -> None:
    page = fetch(f"{server}/article.html")
    assert "Ariha" in page.text and "Turkish sources told Reuters" in page.text
    assert "Subscribe to our newsletter" not in page.text
    assert page.url == f"{server}/article.html" and page.fetched_at.tzinfo is not None
    assert agents[-1] == USER_AGENT


def test_plain_text_is_kept_as_it_is(server: str) -> None:
    assert fetch(f"{server}/article.txt").text == ARTICLE


def test_an_http_error_is_one_line_naming_the_status(server: str) -> None:
    with pytest.raises(InputError, match=r"HTTP 404 Not Found") as err:
        fetch(f"{server}/missing")
    assert "\n" not in str(err.value)


def test_a_slow_server_times_out(server: str) -> None:
    with pytest.raises(InputError, match=r"no answer within 0.5 s \(timeout\)"):
        fetch(f"{server}/slow", timeout=0.5)


def test_an_oversized_body_is_not_read(server: str) -> None:
    with pytest.raises(InputError, match="over 10,000 bytes"):
        fetch(f"{server}/big", max_bytes=10_000)


def test_a_redirect_loop_stops(server: str) -> None:
    with pytest.raises(InputError, match="more than 3 redirects"):
        fetch(f"{server}/loop", max_redirects=3)


def test_no_server_says_the_host_cannot_be_reached() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match=r"cannot reach 127\.0\.0\.1 \(no network"):
        fetch(f"http://127.0.0.1:{port}/a.html", timeout=2)


def test_only_http_and_https() -> None:
    with pytest.raises(InputError, match="only http:// and https://"):
        fetch("ftp://127.0.0.1/a.txt")


def test_summarize_url_records_the_address_and_fetch_time(server: str, cli: CliRun) -> None:
    """The page is seed 001 served as plain text, so the recorded answers of the seed run
    apply; the record gains source_url and fetched_at."""
    import json

    url = f"{server}/article.txt"
    code, out, err = cli("summarize", url, "--replay", str(CASSETTES), "-f", "json")
    assert code == 0, err
    rec = json.loads(out)
    rec = rec.get("record", rec)
    assert rec["source_url"] == url and rec["fetched_at"]


def test_a_failing_url_is_one_error_line_not_a_traceback(server: str, cli: CliRun) -> None:
    code, _, err = cli("summarize", f"{server}/missing", "--replay", str(CASSETTES))
    assert code != 0
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert lines == [f"error: {server}/missing: the server answered HTTP 404 Not Found; "
                     "check the address"]  # fmt: skip
    assert "Traceback" not in err


def test_digest_url_fetches_and_merges(server: str, cli: CliRun) -> None:
    import json

    code, out, err = cli(
        "digest", f"{server}/article.txt", "--replay", str(CASSETTES), "-f", "json"
    )
    assert code == 0, err
    digest = json.loads(out)
    assert digest["articles"] == [f"{server}/article.txt"]
    assert digest["incidents"][0]["summary"].startswith("A roadside bomb hit")
