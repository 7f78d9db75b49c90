"""Support of the browser tests (test_browser.py): invented articles, a store built from
them with the real pipeline, the web app served by uvicorn on a free loopback port in a
background thread, and headless Chromium (Debian's package at /usr/bin/chromium) driven
by Playwright. Playwright never downloads a browser: scripts/setup_browser.sh installs
Debian's, and these fixtures launch it by path.

The fixtures are imported by the test module (not kept in a conftest.py), so that they
are only set up when the browser tests run.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Error, Page, sync_playwright
from stance_support import Planted, planting

from presswatch.pipeline import Pipeline
from presswatch.runs import ingest
from presswatch.settings import load_settings
from presswatch.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
INGEST_TOKEN = "browser-test-token"
SETTLE = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"

SPEAKER = "Olena Kravets"
"""The actor quoted in several articles (the actor page of the navigation test)."""
QUOTE = "The farmers of Kherson deserve a road to the sea"
"""One of SPEAKER's quotes, one sentence long."""
SEARCH_WORD = "corridor"
"""A word of the ordinary articles."""

# The payloads of the XSS test: each sets window.__xss when it runs as HTML.
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
SVG = '"><svg onload="window.__xss=1">'
JS_LINK = "javascript:window.__xss=1"
XSS_WORD = "quillwort"
"""A word found only in the XSS article (its search page)."""
XSS_TITLE = f"{SCRIPT} Quillwort depot report {IMG}"
XSS_AUTHOR = f"{IMG} Ivo {SVG}"

ARTICLES: list[dict[str, Any]] = [
    {
        "title": "Kyiv pledges new grain convoys",
        "published": "2024-03-04",
        "outlet": "Riverside Gazette",
        "authors": ["Mara Linden"],
        "url": "https://example.org/grain-convoys",
        "text": (
            "Ukraine will send forty new grain convoys to Odesa by June, officials said on "
            "Monday.\n\n"
            "\u201cWe will open the northern corridor before the harvest begins,\u201d said "
            "Olena Kravets, the deputy minister for infrastructure.\n\n"
            "Kravets said the ministry had repaired 120 kilometres of railway since January. "
            "The European Union promised to fund half of the repairs, according to a "
            "statement released in Brussels.\n\n"
            f"\u201c{QUOTE},\u201d Olena Kravets told reporters in Kyiv."
        ),
    },
    {
        "title": "Railway repairs slow in the east",
        "published": "2024-04-11",
        "outlet": "Harbour Post",
        "authors": ["Tomas Reede"],
        "url": "https://example.org/railway-repairs",
        "text": (
            "Repairs to the railway near Kharkiv slowed in April after a shortage of steel, "
            "engineers said.\n\n"
            "\u201cWe have enough rails for only three more weeks of work,\u201d said Olena "
            "Kravets, who oversees the programme.\n\n"
            "Russia shelled the depot at Kupiansk on April 2, the regional governor said. "
            "Prices of diesel rose by 12 percent in March."
        ),
    },
]
XSS_ARTICLE: dict[str, Any] = {
    "title": XSS_TITLE,
    "published": "2024-05-20",
    "outlet": f"Port Bulletin {SVG}",
    "authors": [XSS_AUTHOR],
    "url": JS_LINK,
    "text": (
        f"Olena Kravets visited the {SCRIPT} quillwort depot in Odesa on May 18.\n\n"
        f"\u201cThe {IMG} convoys will keep moving,\u201d said Olena Kravets.\n\n"
        f"Protesters carried a banner reading {SVG} outside the port. A leaflet said "
        f'<a href="{JS_LINK}">{JS_LINK}</a> and [click here]({JS_LINK}) in bold letters. '
        "Odesa expects 300 ships before the corridor closes.\n\n"
        f"Germany announced on May 19 that it would send 50 Gepard {SCRIPT} anti-aircraft "
        "vehicles to Ukraine."
    ),
}
STANCE_EVIDENCE = "We have enough rails for only three more weeks of work"
"""The evidence of SPEAKER's stance against P4 (the stances page's navigation test)."""
STANCES: dict[str, list[Planted]] = {
    ARTICLES[0]["title"]: [(SPEAKER, "P4", "favor", QUOTE)],
    ARTICLES[1]["title"]: [
        (SPEAKER, "P4", "against", STANCE_EVIDENCE),
        ("author", "P5", "favor", "Prices of diesel rose by 12 percent in March."),
    ],
    XSS_ARTICLE["title"]: [
        ("author", "P2", "mixed", f"Protesters carried a banner reading {SVG} outside the port."),
        (SPEAKER, "P4", "favor", f"The {IMG} convoys will keep moving"),
    ],
}
"""Stances planted in the articles, by title (see stance_support.py): SPEAKER's on P4
shift twice; the XSS article's author (XSS_AUTHOR) holds one, and its evidence, like
SPEAKER's last, carries payloads."""

API_XSS_WORD = "bladderwrack"
"""A word found only in the article the XSS test posts to /api/ingest."""
API_XSS_ARTICLE: dict[str, Any] = {
    "title": f"{SVG} Bladderwrack harbour notice {SCRIPT}",
    "published": "2024-06-02",
    "outlet": f"{IMG} Coast Wire",
    "authors": [f"{SCRIPT} Nell Ardent"],
    "url": JS_LINK,
    "text": (
        f"Olena Kravets inspected the {SVG} bladderwrack harbour in Odesa on June 1.\n\n"
        f"\u201cThe {SCRIPT} port stays open,\u201d said Olena Kravets. "
        f"Visitors were told to ignore {JS_LINK} and {IMG} notices."
    ),
}


@dataclass(frozen=True, slots=True)
class Site:
    """The live app and what its store holds."""

    base_url: str
    db: Path
    doc_ids: dict[str, str]
    """Document id by title."""

    def url(self, path: str, **query: str | int) -> str:
        return self.base_url + path + (f"?{urlencode(query)}" if query else "")

    def actor_url(self, name: str) -> str:
        return self.url("/actors/" + quote(name, safe=""))

    def document_url(self, title: str, **query: str | int) -> str:
        return self.url(f"/documents/{self.doc_ids[title]}", **query)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def build_store(db: Path, records: list[dict[str, Any]], pipeline: Pipeline) -> dict[str, str]:
    """Ingest ``records`` into ``db`` as ``presswatch ingest`` does; document ids by title."""
    source = write_jsonl(db.with_suffix(".jsonl"), records)
    with Store.open(db) as store:
        report = ingest(store, [source], settings=load_settings(env={}), pipeline=pipeline)
        assert report.ok, report.failures
        assert report.counts["stored"] == len(records), report.counts
        ids: dict[str, str] = {}
        for n in range(1, len(records) + 1):
            hit = store.document(f"{source}:{n}")
            assert hit is not None
            ids[records[n - 1]["title"]] = hit.id
    return ids


class ServerThread:
    """A uvicorn server of ``app`` on a free port of 127.0.0.1, in a daemon thread."""

    def __init__(self, app: Any) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, ws="none")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web app's server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()


def chromium_or_skip() -> Path:
    """/usr/bin/chromium; skips when it is missing, except in CI (CI set), where it fails."""
    if CHROMIUM.exists():
        return CHROMIUM
    reason = f"{CHROMIUM} is missing: run scripts/setup_browser.sh (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium under Playwright (never a downloaded browser)."""
    path = chromium_or_skip()
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(path), headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def site(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The web app over a store of ARTICLES and XSS_ARTICLE (with the STANCES planted in
    them), served on a free port."""
    from presswatch.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "site.db"
    ids = build_store(db, [*ARTICLES, XSS_ARTICLE], planting(pipeline, STANCES))
    app = create_app(db, ingest_token=INGEST_TOKEN, pipeline=pipeline)
    with ServerThread(app) as server:
        yield Site(server.base_url, db, ids)


@dataclass(slots=True)
class Watched:
    """A page with what went wrong on it: console errors, uncaught errors, dialogs."""

    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def watch(self) -> Watched:
        """Record console errors, uncaught errors and dialogs (dismissed) of the page."""

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.errors.append(f"console: {message.text} at {message.location}")

        def pageerror(error: Error) -> None:
            self.errors.append(f"pageerror: {error}")

        def dialog(opened: Dialog) -> None:
            self.dialogs.append(f"{opened.type}: {opened.message}")
            opened.dismiss()

        self.page.on("console", console)
        self.page.on("pageerror", pageerror)
        self.page.on("dialog", dialog)
        return self

    def open(self, url: str) -> None:
        """Load ``url`` (HTTP 200 expected): up to the load event, which waits for every
        image to load or fail (and so for its onload/onerror handler), then one frame
        more for what the page's own script does on load."""
        response = self.page.goto(url, wait_until="load")
        assert response is not None, url
        assert response.status == 200, f"{url}: HTTP {response.status}"
        self.page.evaluate(SETTLE)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{slug(name)}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(chromium: Browser) -> Iterator[Watched]:
    """A fresh browser context and page, watched for errors and dialogs."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Watched(context.new_page()).watch()
    finally:
        context.close()


def slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "page"


def squash(text: str) -> str:
    """``text`` with runs of whitespace made one space."""
    return " ".join(text.split())
