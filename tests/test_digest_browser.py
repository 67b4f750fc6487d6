"""The digest's HTML page in a real headless browser (Debian's chromium): the DOM the browser
builds shows the incidents, the claims side by side and the marked evidence, loads nothing from
outside, and the screenshot is a real page. Install the browser with scripts/install_browser.sh;
run with ``pytest -m browser``. Chromium is a subprocess on a file:// page with background
networking off; Python sockets stay blocked by pytest-socket."""

from __future__ import annotations

import os
import struct
import subprocess
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summarizer.briefing.merge import Digest, MergedIncident, build_digest
from summarizer.briefing.render import incident_title, render_html
from summarizer.schema import ArticleRecord

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 60
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} not found: install it with scripts/install_browser.sh",
    ),
]


# --- the page and the browser ------------------------------------------------------------------


@dataclass
class Page:
    digest: Digest
    texts: dict[str, str]
    html: Path
    dom: str
    screenshot: Path


def _chromium(work: Path, name: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run chromium with a fresh profile and HOME under `work`; fail with its stderr tail."""
    home = work / f"home-{name}"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    env["XDG_CACHE_HOME"] = str(home / ".cache")
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={work / f'profile-{name}'}", *args]
    done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env, check=False)
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace")[-2000:]
        pytest.fail(f"chromium {name} exited {done.returncode}:\n{tail}")
    return done


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Page:
    work = tmp_path_factory.mktemp("browser")
    records = [
        ArticleRecord.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "evals" / "gold").glob("*.json"))
    ]
    texts = {
        r.article_id: (ROOT / "seeds" / r.article_id).read_text(encoding="utf-8") for r in records
    }
    digest = build_digest(records)
    html_path = work / "digest.html"
    html_path.write_text(render_html(digest, texts), encoding="utf-8")
    url = html_path.as_uri()
    dom = _chromium(work, "dom", "--dump-dom", "--virtual-time-budget=2000", url)
    shot = work / "page.png"
    _chromium(work, "shot", f"--screenshot={shot}", "--window-size=1280,2000", url)
    return Page(digest, texts, html_path, dom.stdout.decode("utf-8"), shot)


# --- reading the DOM ---------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        """This node and its descendants, in document order, filtered by tag and class."""
        out = [self] if (tag in (None, self.tag) and (cls is None or cls in self.classes)) else []
        for c in self.children:
            if isinstance(c, Node):
                out += c.iter(tag, cls)
        return out


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                del self.stack[k:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def _by_patrol(d: Digest, n: int) -> MergedIncident:
    (inc,) = [i for i in d.incidents if i.patrol_number == n]
    return inc


def _section(dom: Node, inc: MergedIncident) -> Node:
    (sec,) = [s for s in dom.iter("section", "incident") if s.attrs.get("id") == inc.id]
    return sec


# --- reading the screenshot --------------------------------------------------------------------


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((x + u) & 0xFF for x, u in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left, up_left = (line[i - bpp], prev[i - bpp]) if i >= bpp else (0, 0)
                line[i] = (line[i] + _paeth(left, prev[i], up_left)) & 0xFF
        elif kind != 0:
            raise AssertionError(f"bad PNG filter {kind} in row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def _colours(rows: list[bytes], bpp: int) -> set[bytes]:
    return {row[i : i + 3] for row in rows for i in range(0, len(row), bpp)}


# --- what a reader sees ------------------------------------------------------------------------


def test_dom_shows_the_incident_titles(page: Page) -> None:
    dom = parse(page.dom)
    titles = [" ".join(h.text.split()) for h in dom.iter("h3")]
    timeline = " ".join(dom.iter("ol", "timeline")[0].text.split())
    for n, start in ((21, "21st patrol: "), (26, "26th patrol: ")):
        inc = _by_patrol(page.digest, n)
        title = incident_title(inc)
        assert title.startswith(start)
        assert f"{inc.id} {title}" in titles
        assert title in timeline
        assert inc.summary in _section(dom, inc).text


def test_dom_sets_the_claims_side_by_side_with_their_sources(page: Page) -> None:
    dom = parse(page.dom)
    for n in (21, 26):
        inc = _by_patrol(page.digest, n)
        (sides,) = _section(dom, inc).iter("div", "sides")
        boxes = sides.iter("div", "side")
        assert [b.iter("h4")[0].text for b in boxes] == [s.side for s in inc.casualties]
        for box, side in zip(boxes, inc.casualties, strict=True):
            rows = box.iter("tr")[1:]
            assert len(rows) == len(side.claims)
            for row, claim in zip(rows, side.claims, strict=True):
                source, article = (" ".join(td.text.split()) for td in row.iter("td")[:2])
                assert source.startswith(claim.claimant or "(article’s own voice)")
                if claim.reported_via:
                    assert f"via {claim.reported_via}" in source
                assert article == f"{claim.article_id[:12]}…#{claim.incident}"  # full id on hover
    russian, turkish = _by_patrol(page.digest, 21).casualties
    assert len(russian.claims) == 4 and len(turkish.claims) == 3


def test_dom_marks_the_evidence_in_the_article_texts(page: Page) -> None:
    dom = parse(page.dom)
    articles = {
        s.attrs["id"]: s
        for s in dom.iter("section")
        if "incident" not in s.classes and s.iter("div", "article")
    }
    assert len(articles) == len(page.digest.articles)
    tagged: set[str] = set()
    for sec in articles.values():
        (body,) = sec.iter("div", "article")
        text = page.texts[sec.iter("h3")[0].text]
        assert body.text == text  # the whole article, unchanged by the marking
        for mark in body.iter("mark"):
            assert mark.text and mark.text in text
            tagged.update(mark.attrs.get("data-incident", "").split())
            tagged.update(mark.attrs.get("data-programme", "").split())
    assert tagged == {i.id for i in page.digest.incidents} | {p.id for p in page.digest.programme}
    inc = _by_patrol(page.digest, 21)
    marked = {m.text for m in dom.iter("mark") if inc.id in m.attrs.get("data-incident", "")}
    for member in inc.members:
        for quote in member.evidence:
            assert any(quote.text in m or m in quote.text for m in marked), quote.text
    assert "Evidence not found" not in dom.text


def test_dom_loads_nothing_from_outside(page: Page) -> None:
    dom = parse(page.dom)
    elements = dom.iter()
    assert not [e for e in elements if e.tag in ("script", "link", "img", "iframe", "object")]
    refs = [
        (e.tag, k, v)
        for e in elements
        for k, v in e.attrs.items()
        if k in ("src", "href", "srcset", "action", "poster", "data", "background")
    ]
    assert refs, "the page should link its incidents and articles"
    outside = [r for r in refs if r[2].strip().lower().startswith(("http", "//", "file:"))]
    assert not outside
    assert all(v.startswith("#") for _, _, v in refs)
    assert "url(" not in "".join(s.text for s in dom.iter("style"))


def test_screenshot_is_a_real_page(page: Page) -> None:
    data = page.screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000, f"screenshot only {len(data)} bytes"
    width, height, rows = decode_png(data)
    assert (width, height) == (1280, 2000)
    bpp = len(rows[0]) // width
    colours = _colours(rows, bpp)
    assert len(colours) > 50, f"only {len(colours)} colours: a blank or solid page"
    # Text in the top band (title and timeline), not only background.
    white = b"\xff\xff\xff"
    top = rows[:400]
    inked = sum(1 for row in top for i in range(0, len(row), bpp) if row[i : i + 3] != white)
    assert inked > 0.01 * width * len(top), f"top of the page almost blank ({inked} pixels)"
    # The dark incident id tags (white on #333) are drawn.
    assert any(max(c) < 0x40 for c in colours)


def test_long_claimant_names_and_many_claims_do_not_overflow(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A narrow window, a claimant name of 150 characters without spaces and twenty claims: the
    page must not scroll sideways. The test adds its own one-line script to a copy of the page
    to read the layout width (the product page itself loads no script)."""
    work = tmp_path_factory.mktemp("overflow")
    gold = ArticleRecord.model_validate_json(
        (ROOT / "evals" / "gold" / "001_5d767cf5dec42332.json").read_text(encoding="utf-8")
    )
    inc = gold.incidents[0]
    claim = inc.casualty_claims[0]
    long_name = "Ministry-of-" + "VeryLongDepartmentName" * 6
    claims = [
        claim.model_copy(update={"claimant": f"{long_name}{k}", "injured": k + 1})
        for k in range(20)
    ]
    rec = gold.model_copy(
        update={"incidents": [inc.model_copy(update={"casualty_claims": claims})]}
    )
    text = (ROOT / "seeds" / rec.article_id).read_text(encoding="utf-8")
    page = render_html(build_digest([rec]), {rec.article_id: text})
    probe = (
        "<script>document.body.setAttribute('data-overflow', String("
        "document.documentElement.scrollWidth - document.documentElement.clientWidth));</script>"
    )
    html_path = work / "digest.html"
    html_path.write_text(page.replace("</body>", probe + "</body>"), encoding="utf-8")
    width = 800
    dom = _chromium(
        work,
        "dom",
        "--dump-dom",
        f"--window-size={width},1000",
        "--virtual-time-budget=2000",
        html_path.as_uri(),
    )
    (body,) = parse(dom.stdout.decode("utf-8")).iter("body")
    assert body.attrs.get("data-overflow") == "0", body.attrs.get("data-overflow")
    shot = work / "page.png"
    _chromium(
        work, "shot", f"--screenshot={shot}", f"--window-size={width},1000", html_path.as_uri()
    )
    assert decode_png(shot.read_bytes())[0] == width
