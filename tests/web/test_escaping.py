"""Untrusted text (titles, authors, outlets, article text, names) is escaped on every
page that shows it, and never reaches a page as markup."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import IMG, SCRIPT, WebStore

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def pages(web_store: WebStore) -> dict[str, str]:
    doc_id = web_store.id_of("Depot report")
    return {
        "document": f"/documents/{doc_id}",
        "document-highlight": f"/documents/{doc_id}?start=0&end=5",
        "home": "/",
        "sources": "/sources",
        "search": "/search?q=depot",
        "actor": f"/actors/{quote('Olaf Scholz')}",
        "place": "/actors/Odesa",
        "timeline": "/timeline?actor=Olaf+Scholz",
        "search-echo": f"/search?q={quote(SCRIPT)}&outlet={quote(IMG)}",
        "not-found": f"/actors/{quote(SCRIPT, safe='')}",
    }


@pytest.mark.parametrize(
    "name",
    [
        "document",
        "document-highlight",
        "home",
        "sources",
        "search",
        "actor",
        "place",
        "timeline",
        "search-echo",
        "not-found",
    ],
)
def test_payloads_are_escaped(client: TestClient, web_store: WebStore, name: str) -> None:
    answer = client.get(pages(web_store)[name])
    assert answer.status_code in (200, 404)
    page = answer.text
    assert SCRIPT not in page and IMG not in page
    assert "<img" not in page and "onerror=alert" not in page.replace(ESCAPED_IMG, "")
    assert 'href="javascript:' not in page
    assert ESCAPED_SCRIPT in page or ESCAPED_IMG in page
    # the only scripts are the app's own
    assert re.findall(r"<script\b[^>]*>", page) == ['<script src="/static/app.js" defer>']


def test_document_page_shows_every_field_escaped(client: TestClient, web_store: WebStore) -> None:
    page = client.get(f"/documents/{web_store.id_of('Depot report')}").text
    assert f"<h1>Depot report {ESCAPED_SCRIPT}</h1>" in page
    assert f"Ivo {ESCAPED_SCRIPT} Marsh" in page  # author
    assert f"Port Bulletin {ESCAPED_IMG}" in page  # outlet
    assert "<dd>javascript:alert(1)</dd>" in page  # shown, not linked
    text = page.split('<div class="doc-text">', 1)[1].split("</div>", 1)[0]
    assert ESCAPED_SCRIPT in text and ESCAPED_IMG in text


def test_json_twins_carry_the_text_as_data(client: TestClient, web_store: WebStore) -> None:
    data = client.get(f"/documents/{web_store.id_of('Depot report')}.json").json()
    assert data["document"]["title"] == f"Depot report {SCRIPT}"
    assert SCRIPT in data["text"]
