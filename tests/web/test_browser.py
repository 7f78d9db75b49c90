"""The web app in a real headless Chromium (Debian's, driven by Playwright).

Every page loads without console errors; a reader can go from an actor page to one of
the actor's quotes, highlighted in its document, and from a mark of the stances chart
to its evidence, highlighted likewise; and a document whose title, authors, outlet,
text and stances carry script and event-handler payloads shows them as text on every
page, without running any of them. Screenshots of the pages go to
test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from browser_support import (
    API_XSS_ARTICLE,
    API_XSS_WORD,
    INGEST_TOKEN,
    QUOTE,
    SEARCH_WORD,
    SPEAKER,
    STANCE_EVIDENCE,
    XSS_ARTICLE,
    XSS_TITLE,
    XSS_WORD,
    Site,
    Watched,
    chromium,
    site,
    squash,
    watched,
)
from playwright.sync_api import expect

from presswatch.store import Store

__all__ = ["chromium", "site", "watched"]  # fixtures, imported for pytest

FIRST_TITLE = "Kyiv pledges new grain convoys"

PAGES: dict[str, Callable[[Site], str]] = {
    "home": lambda s: s.url("/"),
    "document": lambda s: s.document_url(FIRST_TITLE),
    "document-highlight": lambda s: s.document_url(FIRST_TITLE, start=0, end=10) + "#hl",
    "actor": lambda s: s.actor_url(SPEAKER),
    "timeline": lambda s: s.url("/timeline"),
    "ledger": lambda s: s.url("/ledger"),
    "stances": lambda s: s.url("/stances"),
    "stances-filtered": lambda s: s.url("/stances", actor=SPEAKER, proposition="P4"),
    "search": lambda s: s.url("/search", q=SEARCH_WORD),
    "sources": lambda s: s.url("/sources"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_console_errors(site: Site, watched: Watched, name: str) -> None:
    watched.open(PAGES[name](site))
    watched.screenshot(name)
    assert watched.errors == []
    assert watched.page.title()
    expect(watched.page.locator("body")).not_to_be_empty()


def test_actor_page_quote_leads_to_the_highlighted_sentence(site: Site, watched: Watched) -> None:
    page = watched.page
    watched.open(site.actor_url(SPEAKER))
    link = page.locator("a.quote-link", has_text=QUOTE).first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+\?start=\d+&end=\d+#hl$"))
    page.wait_for_load_state("load")
    highlight = page.locator("#hl")
    expect(highlight).to_be_visible()
    expect(highlight).to_have_class(re.compile(r"\bhighlight\b"))
    expect(highlight).to_be_in_viewport()
    assert QUOTE in squash(highlight.inner_text())
    watched.screenshot("actor-quote-highlight")
    assert watched.errors == []


def test_stance_mark_leads_to_the_highlighted_evidence(site: Site, watched: Watched) -> None:
    page = watched.page
    watched.open(site.url("/stances"))
    chart = page.locator("#P4 svg.stance-chart")
    expect(chart).to_be_visible()
    assert page.locator("svg.stance-chart a.stance-mark").count() >= 5
    expect(page.locator("#P4 svg.stance-chart .stance-key")).to_have_count(3)  # the legend
    mark = chart.locator("a.stance-mark.stance-against")
    expect(mark).to_have_count(1)
    assert STANCE_EVIDENCE in (mark.locator("title").text_content() or "")  # its tooltip
    mark.click()
    page.wait_for_url(re.compile(r"/documents/[0-9a-f]+\?start=\d+&end=\d+#hl$"))
    page.wait_for_load_state("load")
    highlight = page.locator("#hl")
    expect(highlight).to_be_visible()
    expect(highlight).to_be_in_viewport()
    assert STANCE_EVIDENCE in squash(highlight.inner_text())
    watched.screenshot("stances-mark-highlight")
    assert watched.errors == []


def test_actor_page_charts_its_stances(site: Site, watched: Watched) -> None:
    page = watched.page
    watched.open(site.actor_url(SPEAKER) + "#stances")
    chart = page.locator("#stances svg.stance-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("a.stance-mark")).to_have_count(3)
    expect(page.locator("#stances ul.shifts li")).to_have_count(2)
    watched.screenshot("actor-stances")
    assert watched.errors == []


def test_every_quote_link_highlights_its_quote(site: Site, watched: Watched) -> None:
    page = watched.page
    watched.open(site.actor_url(SPEAKER))
    links = page.locator("a.quote-link")
    quotes = [(squash(a.inner_text()), a.get_attribute("href") or "") for a in links.all()]
    assert len(quotes) >= 3, quotes  # one quote per article of ARTICLES, at least
    for text, href in quotes:
        assert re.fullmatch(r"/documents/[0-9a-f]+\?start=\d+&end=\d+#hl", href), href
        watched.open(site.base_url + href)
        highlight = page.locator("#hl")
        expect(highlight).to_be_visible()
        # the link shows the quote (perhaps in quotation marks, or shortened with "…")
        core = text.strip("\u201c\u201d\"' ").removesuffix("\u2026")
        assert core and core in squash(highlight.inner_text()), (text, href)
    assert watched.errors == []


# The XSS test: every page that shows the document of payloads.

INERT = """() => {
  const all = Array.from(document.querySelectorAll('*'));
  return {
    xss: typeof window.__xss,
    scripts: Array.from(document.scripts)
      .filter((s) => s.textContent.includes('__xss')).length,
    handlers: all.flatMap((el) => Array.from(el.attributes)
      .filter((a) => a.name.startsWith('on') && a.value.includes('__xss'))
      .map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)),
    js_urls: all.flatMap((el) => ['href', 'src', 'action', 'formaction', 'xlink:href']
      .map((n) => el.getAttribute(n) || '')
      .filter((v) => /^[\\s\\u0000-\\u001f]*javascript:/i.test(v))),
    injected: document.querySelectorAll('img[src="x"], svg[onload]').length,
  };
}"""


def assert_inert(watched: Watched, label: str) -> None:
    found: dict[str, Any] = watched.page.evaluate(INERT)
    assert found == {
        "xss": "undefined",
        "scripts": 0,
        "handlers": [],
        "js_urls": [],
        "injected": 0,
    }, label
    assert watched.dialogs == [], label


XSS_AT = XSS_ARTICLE["text"].index(XSS_WORD)
XSS_PAGES: dict[str, Callable[[Site], str]] = {
    "home": lambda s: s.url("/"),
    "document": lambda s: s.document_url(XSS_TITLE),
    "document-highlight": lambda s: s.document_url(XSS_TITLE, start=XSS_AT, end=XSS_AT + 9) + "#hl",
    "sources": lambda s: s.url("/sources"),
    "search": lambda s: s.url("/search", q=XSS_WORD),
    "actor": lambda s: s.actor_url(SPEAKER),
    "actor-place": lambda s: s.actor_url("Odesa"),
    "timeline": lambda s: s.url("/timeline"),
    "ledger": lambda s: s.url("/ledger"),
    "stances": lambda s: s.url("/stances"),
    "stances-holder": lambda s: s.url("/stances", actor="Ivo"),
}
HIDES_PAYLOAD = {"ledger": "in attributes only"}
"""Pages that do not show the payloads as text, and why; the others must."""


@pytest.mark.parametrize("name", list(XSS_PAGES))
def test_xss_payloads_do_not_run(site: Site, watched: Watched, name: str) -> None:
    watched.open(XSS_PAGES[name](site))
    watched.screenshot(f"xss-{name}")
    assert_inert(watched, name)
    assert watched.errors == []
    if name not in HIDES_PAYLOAD:  # the test is not vacuous: the payloads are there
        assert "window.__xss=1" in squash(watched.page.inner_text("body"))
    elif name == "ledger":
        assert "window.__xss=1" in watched.page.content()
    if name.startswith("document"):
        assert squash(XSS_TITLE) in squash(watched.page.inner_text("body"))  # as text


def test_xss_payloads_ingested_through_the_api_do_not_run(site: Site, watched: Watched) -> None:
    page = watched.page
    response = page.request.post(
        site.url("/api/ingest"),
        data=API_XSS_ARTICLE,
        headers={"Authorization": f"Bearer {INGEST_TOKEN}"},
    )
    assert response.ok, (response.status, response.text())
    with Store.open(site.db) as store:
        hits = store.search(API_XSS_WORD)
    assert len(hits) == 1, hits
    urls = {
        "api-document": site.url(f"/documents/{hits[0].id}"),
        "api-search": site.url("/search", q=API_XSS_WORD),
        "api-actor": site.actor_url(SPEAKER),
        "api-home": site.url("/"),
    }
    for name, url in urls.items():
        watched.open(url)
        watched.screenshot(f"xss-{name}")
        assert_inert(watched, name)
        if name == "api-document":
            assert squash(API_XSS_ARTICLE["title"]) in squash(page.inner_text("body"))
    assert watched.errors == []
