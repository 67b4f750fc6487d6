"""Fetch an article given as a URL: http/https only, a timeout, a size cap, few redirects, a clear
user agent; HTML is reduced to its main text (trafilatura), plain text is kept as it is.

Every failure is one line saying which: no network (the host cannot be reached), an HTTP error
status, a timeout, a body over the cap, a redirect loop, or a page with no article text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from .text import decode_article

TIMEOUT_S = 20.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = "patrol-summarizer/0.1 (fetches one news article for a patrol-incident record)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    text: str  # the main text
    fetched_at: dt.datetime


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """GET the page and return its main text. Raises InputError with one line on failure."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise InputError(f"{url}: only http:// and https:// addresses can be fetched")
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=max_redirects,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(
                    f"{url}: the server answered HTTP {response.status_code} "
                    f"{response.reason_phrase}; check the address"
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: the page is {int(declared):,} bytes, over {max_bytes:,}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise InputError(f"{url}: the page is over {max_bytes:,} bytes; not read")
            final = str(response.url)
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    except httpx.TooManyRedirects:
        raise InputError(f"{url}: more than {max_redirects} redirects (a redirect loop?)") from None
    except httpx.TimeoutException:
        raise InputError(f"{url}: no answer within {timeout:g} s (timeout)") from None
    except httpx.ConnectError as exc:
        host = urlsplit(url).hostname
        raise InputError(
            f"{url}: cannot reach {host} (no network, or the host is down: {exc}); "
            "save the page and pass the file"
        ) from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: fetching failed ({type(exc).__name__}: {exc})") from None
    html = kind in ("text/html", "application/xhtml+xml")
    if kind and not html and not kind.startswith("text/"):
        raise InputError(f"{url}: the page is {kind}, not HTML or text")
    text = decode_article(bytes(body), url, html=html)
    return Fetched(url=final, text=text, fetched_at=dt.datetime.now(dt.UTC).replace(microsecond=0))
