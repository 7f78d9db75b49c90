"""Paging of the actor page, the page routes declared once, and the edges a reviewer
checks: error shapes and statuses, argument bounds, links to the JSON twin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from conftest import WebStore
from presswatch.errors import StoreError
from presswatch.web import create_app, views
from presswatch.web.app import SECURITY_HEADERS, twin_href

UKRAINE = f"/actors/{quote('Ukraine')}"


# -- the actor page pages each of its lists ----------------------------------------------------


def test_actor_lists_are_paged_with_their_paging_in_json(client: TestClient) -> None:
    whole = client.get(f"{UKRAINE}.json").json()
    total = whole["documents"]["total"]
    assert total >= 2 and whole["documents"]["pages"] == 1
    assert whole["documents"]["limit"] == views.ACTOR_LIMIT
    first = client.get(f"{UKRAINE}.json?limit=1").json()
    assert len(first["documents"]["rows"]) == 1
    assert (first["documents"]["page"], first["documents"]["pages"]) == (1, total)
    second = client.get(f"{UKRAINE}.json?limit=1&documents_page=2").json()
    assert second["documents"]["rows"] == whole["documents"]["rows"][1:2]
    assert second["documents"]["page"] == 2
    for section in (second["quotes"], second["commitments"]["received"]):
        assert section["page"] == 1  # the other lists stay on their first page
    received = second["commitments"]["received"]
    assert (received["total"], received["pages"], len(received["rows"])) == (2, 2, 1)


def test_actor_page_links_to_the_next_and_previous_pages(client: TestClient) -> None:
    page = client.get(f"{UKRAINE}?limit=1").text
    documents = page.split('<section id="documents">', 1)[1]
    assert documents.count("<tr><td>") == 1  # one row rendered, not all of them
    assert re.search(
        r'rel="next" href="/actors/Ukraine\?limit=1&amp;documents_page=2#documents"', documents
    )
    assert 'rel="prev"' not in documents
    second = client.get(f"{UKRAINE}?limit=1&documents_page=2").text.split(
        '<section id="documents">', 1
    )[1]
    assert re.search(r'rel="prev" href="/actors/Ukraine\?limit=1#documents"', second)
    assert "page 2 of" in second
    past = client.get(f"{UKRAINE}?documents_page=99").text.split('<section id="documents">', 1)[1]
    assert "No documents on this page" in past


def test_actor_paging_arguments_are_checked(client: TestClient) -> None:
    for query in ("limit=0", "limit=1001", "quotes_page=0", "documents_page=x"):
        answer = client.get(f"{UKRAINE}.json?{query}")
        assert answer.status_code == 400, query
        assert answer.json()["error"] == "bad-request" and answer.json()["status"] == 400


# -- every page is one declaration: an HTML route and its JSON twin ----------------------------


def test_every_page_has_its_twin_and_only_twins_are_in_the_api(client: TestClient) -> None:
    routes = {r.name: r for r in client.app.routes if isinstance(r, APIRoute)}  # type: ignore[attr-defined]
    pages = {name.removesuffix("_page") for name in routes if name.endswith("_page")}
    assert pages == {
        "home", "document", "actor", "timeline", "ledger", "stances", "search", "sources"
    }  # fmt: skip
    for name in pages:
        assert not routes[f"{name}_page"].include_in_schema
        twin = routes[f"{name}_json"]
        assert twin.include_in_schema and twin.path.endswith(".json")
        assert (
            twin.dependant.dependencies[0].call
            is routes[f"{name}_page"].dependant.dependencies[0].call
        )


def test_page_and_twin_show_the_same_data(client: TestClient, web_store: WebStore) -> None:
    doc_id = web_store.id_of("A billion")
    twin = client.get(f"/documents/{doc_id}.json?start=5&end=9").json()
    page = client.get(f"/documents/{doc_id}?start=5&end=9").text
    assert f'href="/documents/{doc_id}.json?start=5&amp;end=9"' in page
    assert twin["highlight"] is not None and 'id="hl"' in page


def test_the_twin_link_keeps_the_path_as_sent() -> None:
    scope = {"path": "/actors/a?b#c", "raw_path": b"/actors/a%3Fb%23c", "query_string": b"limit=2"}
    assert twin_href(scope) == "/actors/a%3Fb%23c.json?limit=2"
    assert twin_href({"path": "/", "query_string": b""}) == "/index.json"
    assert twin_href({"path": "/search", "raw_path": b"/search", "query_string": b"q=x"}) == (
        "/search.json?q=x"
    )


# -- errors: one shape, the right status, headers ---------------------------------------------


def test_wrong_method_is_405_in_the_error_shape(client: TestClient) -> None:
    answer = client.post("/timeline.json")
    assert answer.status_code == 405
    assert answer.json() == {
        "error": "method-not-allowed",
        "message": "Method Not Allowed",
        "status": 405,
    }
    assert answer.headers["allow"] == "GET"


def test_huge_page_numbers_and_queries_are_400_not_500(client: TestClient) -> None:
    for url in (
        "/sources.json?page=99999999999999999999",
        "/timeline.json?page=10000000",
        "/ledger.json?page=-1",
        "/documents/abcdef.json?start=99999999999999999999",
        "/search.json?q=" + "a" * 1001,
    ):
        answer = client.get(url)
        assert answer.status_code == 400, url
        assert answer.json()["error"] == "bad-request", url
    assert client.get("/sources?page=99999999999999999999").status_code == 400


def test_a_page_past_the_last_says_so(client: TestClient) -> None:
    timeline = client.get("/timeline?page=99").text
    assert "No events on this page" in timeline and "No dated events stored yet" not in timeline
    assert 'href="/timeline">back to the first page' in timeline
    ledger = client.get("/ledger?page=99").text
    assert "No commitments on this page" in ledger and "No commitments stored yet" not in ledger
    assert "No documents on this page" in client.get("/sources?page=99").text


@pytest.fixture
def broken(web_store: WebStore, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    def boom(*args: object, **kwargs: object) -> dict[str, object]:
        raise RuntimeError("secret detail /srv/data")

    def unreadable(*args: object, **kwargs: object) -> dict[str, object]:
        raise StoreError("sqlite:////srv/secret/web.db is damaged")

    monkeypatch.setattr(views, "timeline", boom)
    monkeypatch.setattr(views, "sources", unreadable)
    return TestClient(create_app(web_store.path), raise_server_exceptions=False)


def test_an_unexpected_error_is_500_in_the_error_shape(broken: TestClient) -> None:
    with broken:
        answer = broken.get("/timeline.json")
        assert answer.status_code == 500
        assert answer.json() == {
            "error": "internal",
            "message": "internal error: RuntimeError",
            "status": 500,
        }
        page = broken.get("/timeline")
        assert page.status_code == 500 and "text/html" in page.headers["content-type"]
        assert "secret" not in page.text
        for name, value in SECURITY_HEADERS:
            assert answer.headers[name] == value and page.headers[name] == value


def test_a_store_error_does_not_show_the_store_path(broken: TestClient) -> None:
    with broken:
        answer = broken.get("/sources.json")
        assert answer.status_code == 503
        assert "/srv" not in answer.text and answer.json()["error"] == "store"
        assert answer.json()["status"] == 503


def test_errors_carry_the_security_headers(client: TestClient) -> None:
    for url in ("/nowhere", "/documents/0123456789abcdef.json", "/timeline.json?limit=0"):
        headers = client.get(url).headers
        for name, value in SECURITY_HEADERS:
            assert headers[name] == value, (url, name)


def test_empty_actor_name_is_404(client: TestClient) -> None:
    assert client.get("/actors/").status_code == 404
    assert client.get("/actors/.json").json()["error"] == "not-found"


def test_the_app_accepts_a_path_object(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "p.db")) as client:
        assert client.get("/index.json").json()["empty"] is True
