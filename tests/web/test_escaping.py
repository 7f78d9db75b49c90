"""Untrusted text (titles, authors, outlets, article text, names) is escaped on every
page that shows it, and never reaches a page as markup."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import HOSTILE_AUTHOR, IMG, SCRIPT, WebStore

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
        "stances": "/stances",
        "stances-holder": f"/stances?actor={quote(HOSTILE_AUTHOR)}",
        "stances-echo": f"/stances?actor={quote(IMG)}&from=2022",
        "stances-bad-proposition": f"/stances?proposition={quote(SCRIPT)}",
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
        "stances",
        "stances-holder",
        "stances-echo",
        "stances-bad-proposition",
    ],
)
def test_payloads_are_escaped(client: TestClient, web_store: WebStore, name: str) -> None:
    answer = client.get(pages(web_store)[name])
    assert answer.status_code in (200, 400, 404)
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


def test_stances_show_hostile_holders_and_evidence_escaped(client: TestClient) -> None:
    """The author of the payloads' article holds a stance whose evidence carries the
    image payload; another's evidence carries the script: as text in the tables, the
    chart's labels and tooltips, and the shifts; as data in the JSON."""
    page = client.get("/stances").text
    chart = page.split('id="P4"', 1)[1].split("</svg>", 1)[0]
    assert "Ivo &lt;script&gt;alert(1)&lt;/script&gt; Marsh" in chart  # a row's label
    assert "convoys" in chart and ESCAPED_IMG in chart  # a mark's tooltip
    table = page.split('id="P4"', 1)[1].split("</table>", 1)[0].split("</svg>", 1)[1]
    assert f"Ivo {ESCAPED_SCRIPT} Marsh" in table and f"“The {ESCAPED_IMG} convoys" in table
    assert f"Olaf Scholz visited the {ESCAPED_SCRIPT} depot" in page  # P2
    assert "Ivo+%3Cscript%3Ealert%281%29%3C%2Fscript%3E+Marsh" in page  # the holder's filter link
    actor = client.get(f"/actors/{quote('Olaf Scholz')}").text
    section = actor.split('<section id="stances">', 1)[1].split("</section>", 1)[0]
    assert f"Olaf Scholz visited the {ESCAPED_SCRIPT} depot" in section
    data = client.get("/stances.json").json()
    p4 = next(p for p in data["propositions"] if p["id"] == "P4")
    assert HOSTILE_AUTHOR in {h["name"] for h in p4["holders"]}
    assert any(IMG in s["evidence"]["text"] for s in p4["stances"])
