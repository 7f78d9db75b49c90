"""The routes: every page and its JSON twin, filters, empty store, errors, OpenAPI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import QUOTE, SPEAKER, WebStore, build_store
from presswatch.analysis.ledger import CSV_COLUMNS
from presswatch.cli import app as cli
from presswatch.pipeline import Pipeline
from presswatch.web import create_app
from presswatch.web.app import SECURITY_HEADERS

OPENAPI = Path(__file__).with_name("openapi.json")

PAGES = ["/", "/timeline", "/ledger", "/stances", "/search?q=Kyiv", "/sources"]
TWINS = {
    "/": "/index.json",
    "/timeline": "/timeline.json",
    "/ledger": "/ledger.json",
    "/stances": "/stances.json",
    "/search?q=Kyiv": "/search.json?q=Kyiv",
    "/sources": "/sources.json",
}


def actor_url(name: str, suffix: str = "") -> str:
    return f"/actors/{quote(name, safe='')}{suffix}"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_and_its_json_twin(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "<!doctype html>" in html.text and "</html>" in html.text
    assert 'href="/static/style.css"' in html.text and 'rel="icon"' in html.text
    twin = client.get(TWINS[page])
    assert twin.status_code == 200
    assert twin.headers["content-type"] == "application/json"
    assert isinstance(twin.json(), dict)


def test_pages_link_to_every_other_page(client: TestClient) -> None:
    home = client.get("/").text
    for path in ("/search", "/timeline", "/ledger", "/stances", "/sources", "/openapi.json"):
        assert f'href="{path}"' in home


def test_home_counts_top_actors_and_recent_documents(
    client: TestClient, web_store: WebStore
) -> None:
    data = client.get("/index.json").json()
    assert data["stats"]["documents"] == 3 and data["stats"]["failures"] == 1
    assert not data["empty"]
    assert SPEAKER in {a["canonical"] for a in data["top_actors"]}
    assert {d["id"] for d in data["recent_documents"]} == set(web_store.ids.values())
    by_month = {m["month"]: m["documents"] for m in data["documents_by_month"]}
    assert list(by_month) == ["2022-04", "2022-05", "2022-06", "2022-07", "2022-08", "2022-09"]
    assert by_month == {**dict.fromkeys(by_month, 0), "2022-04": 1, "2022-08": 1, "2022-09": 1}
    page = client.get("/").text
    assert '<svg class="chart"' in page
    assert f'href="{actor_url(SPEAKER)}"' in page


def test_static_files_favicon_and_security_headers(client: TestClient) -> None:
    for path, kind in (
        ("/static/style.css", "text/css"),
        ("/static/app.js", "javascript"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/favicon.ico", "image/svg+xml"),
    ):
        answer = client.get(path)
        assert answer.status_code == 200 and kind in answer.headers["content-type"], path
    headers = client.get("/").headers
    for name, value in SECURITY_HEADERS:
        assert headers[name] == value
    assert "cdn" not in client.get("/").text.lower()


# -- documents ---------------------------------------------------------------------------------


def test_document_marks_every_kind_of_fact(client: TestClient, web_store: WebStore) -> None:
    doc_id = web_store.id_of("A billion")
    page = client.get(f"/documents/{doc_id}").text
    marks = re.findall(r'<mark class="fact fact-(\w+)" data-kind="(\w+)" data-start="(\d+)" '
                       r'data-end="(\d+)" title="([^"]*)">', page)  # fmt: skip
    kinds = {kind for kind, same, *_ in marks if kind == same}
    assert kinds == {"actor", "quote", "date", "claim", "commitment"}
    titles = {title for *_, title in marks}
    assert "Lloyd Austin (PERSON)" in titles and any(t.startswith("2022-08-08") for t in titles)
    assert "The United States announced" in page


def test_document_json_twin(client: TestClient, web_store: WebStore) -> None:
    doc_id = web_store.id_of("Austin and Blinken")
    data = client.get(f"/documents/{doc_id}.json").json()
    assert data["document"]["id"] == doc_id
    assert data["document"]["title"] == "Austin and Blinken visit Kyiv"
    assert data["highlight"] is None
    text = data["text"]
    for fact in data["facts"]:
        assert 0 <= fact["start"] < fact["end"] <= len(text)
    assert {q["speaker"] for q in data["quotes"]} >= {SPEAKER}
    assert {a["canonical"] for a in data["actors"]} >= {SPEAKER, "Kyiv", "Antony Blinken"}
    assert isinstance(data["stances"], list)  # the stance extractor's, when it has run
    # a unique prefix of the id names the document too
    assert client.get(f"/documents/{doc_id[:10]}.json").json()["document"]["id"] == doc_id


def test_document_highlights_the_sentence_of_a_range(
    client: TestClient, web_store: WebStore
) -> None:
    doc_id = web_store.id_of("Austin and Blinken")
    data = client.get(f"/documents/{doc_id}.json").json()
    start = data["text"].index("Mr Austin")
    page = client.get(f"/documents/{doc_id}", params={"start": start, "end": start + 9}).text
    assert page.count('id="hl"') == 1
    inside = page.split('<span id="hl" class="highlight">', 1)[1]
    assert QUOTE in re.sub(r"<[^>]+>", "", inside.split("</span>", 1)[0])
    twin = client.get(f"/documents/{doc_id}.json", params={"start": start, "end": start + 9})
    highlight = twin.json()["highlight"]
    assert data["text"][highlight["start"] : highlight["end"]].startswith("“We want")
    # offsets outside the text highlight nothing
    assert 'id="hl"' not in client.get(f"/documents/{doc_id}?start=99999&end=100000").text


def test_unknown_document_is_404_as_page_and_as_json(client: TestClient) -> None:
    page = client.get("/documents/0123456789abcdef")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no stored document matches" in page.text
    twin = client.get("/documents/0123456789abcdef.json")
    assert twin.status_code == 404
    assert twin.json() == {  # the project's one error shape, with the HTTP status
        "error": "not-found",
        "message": "no stored document matches '0123456789abcdef'",
        "status": 404,
    }


def test_unknown_route_is_404_in_the_error_shape(client: TestClient) -> None:
    assert client.get("/nowhere").status_code == 404
    answer = client.get("/api/nowhere")
    assert answer.status_code == 404 and answer.json()["error"] == "not-found"


# -- actors ------------------------------------------------------------------------------------


def test_actor_page_quotes_link_to_their_sentence(client: TestClient, web_store: WebStore) -> None:
    page = client.get(actor_url(SPEAKER)).text
    links = re.findall(r'<a class="quote-link" href="([^"]+)">([^<]+)</a>', page)
    assert links, page
    href, text = links[0]
    assert text.rstrip(",") == QUOTE
    assert re.fullmatch(r"/documents/[0-9a-f]{64}\?start=\d+&amp;end=\d+#hl", href)
    target = client.get(href.replace("&amp;", "&").split("#")[0])
    assert QUOTE in re.sub(r"<[^>]+>", "", target.text.split('id="hl"', 1)[1])
    assert "Mentions over time" in page and '<svg class="chart"' in page
    assert "Stances over time (2)" in page and '<svg class="chart stance-chart"' in page


def test_actor_json_twin(client: TestClient, web_store: WebStore) -> None:
    data = client.get(actor_url(SPEAKER, ".json")).json()
    assert data["actor"]["name"] == SPEAKER and data["actor"]["types"] == ["PERSON"]
    assert data["actor"]["documents"] == 2
    statements = data["quotes"]["rows"]
    assert len(statements) == 1 and len(statements[0]["sources"]) == 2  # one statement, twice
    assert {k: data["quotes"][k] for k in ("total", "page", "pages")} == {
        "total": 1,
        "page": 1,
        "pages": 1,
    }
    assert data["stances"]["total"] == 2 and len(data["stances"]["shifts"]) == 1
    assert [m["month"] for m in data["mentions_by_month"]] == [
        "2022-04", "2022-05", "2022-06", "2022-07", "2022-08"
    ]  # fmt: skip
    assert data["mentions_by_month"][1]["mentions"] == 0
    assert {d["id"] for d in data["documents"]["rows"]} == {
        web_store.id_of("Austin"),
        web_store.id_of("A billion"),
    }


def test_actor_commitments_given_and_received(client: TestClient) -> None:
    donor = client.get(actor_url("United States", ".json")).json()["commitments"]
    assert [r["item"] for r in donor["given"]["rows"]] == ["security assistance"]
    assert donor["given"]["total"] == 1
    assert donor["received"]["rows"] == [] and donor["received"]["total"] == 0
    recipient = client.get(actor_url("Ukraine", ".json")).json()["commitments"]
    # "Germany announced … that it would send 50 Gepard … to Ukraine", then the US package
    assert [r["donor"] for r in recipient["received"]["rows"]] == ["Germany", "United States"]


def test_unknown_actor_is_404(client: TestClient) -> None:
    assert client.get(actor_url("Nobody Atall")).status_code == 404
    answer = client.get(actor_url("Nobody Atall", ".json"))
    assert answer.status_code == 404 and answer.json()["error"] == "not-found"


# -- timeline ----------------------------------------------------------------------------------


def test_timeline_in_date_order_with_filters(client: TestClient) -> None:
    entries = client.get("/timeline.json").json()["entries"]
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates) and None not in dates
    assert "2022-04-24" in dates
    with_undated = client.get("/timeline.json?undated=true").json()
    assert with_undated["total"] == len(entries) + 1
    austin = client.get("/timeline.json", params={"actor": SPEAKER}).json()
    assert austin["entries"] and all(SPEAKER in e["actors"] for e in austin["entries"])
    window = client.get("/timeline.json", params={"from": "2022-08", "to": "2022-08-31"}).json()
    assert [e["date"] for e in window["entries"]] == ["2022-08-08", "2022-08-26"]
    page = client.get("/timeline.json", params={"limit": 2, "page": 2}).json()
    assert page["entries"] == entries[2:4] and page["pages"] == 3
    html = client.get("/timeline", params={"actor": SPEAKER}).text
    assert 'href="/documents/' in html and "#hl" in html


def test_timeline_bad_arguments_are_400(client: TestClient) -> None:
    bad_date = client.get("/timeline.json?from=someday")
    assert bad_date.status_code == 400 and bad_date.json()["error"] == "input"
    backwards = client.get("/timeline.json?from=2023&to=2022")
    assert backwards.status_code == 400 and "after" in backwards.json()["message"]
    limit = client.get("/timeline.json?limit=0")
    assert limit.status_code == 400 and limit.json()["error"] == "bad-request"
    assert client.get("/timeline?from=someday").status_code == 400


def test_timeline_says_when_nothing_matches(client: TestClient) -> None:
    page = client.get("/timeline", params={"actor": "Nobody Atall"})
    assert page.status_code == 200 and "No events match these filters" in page.text


# -- ledger ------------------------------------------------------------------------------------


def test_ledger_rows_totals_sort_and_filters(client: TestClient) -> None:
    data = client.get("/ledger.json").json()
    # one of the two commitments has a value: the sum is over it, and says so
    assert data["total"] == {
        "key": "total",
        "commitments": 2,
        "valued": 1,
        "value_usd": 1_000_000_000.0,
    }
    assert [r["date"] for r in data["rows"]] == ["2022-04-26", "2022-08-08"]
    by_value = client.get("/ledger.json?sort=value_usd&order=desc").json()
    assert [r["item"] for r in by_value["rows"]] == ["security assistance", "Gepard"]
    ascending = client.get("/ledger.json?sort=value_usd&order=asc").json()
    assert [r["item"] for r in ascending["rows"]] == ["security assistance", "Gepard"]  # none last
    donor = client.get("/ledger.json", params={"donor": "germany"}).json()
    assert [r["donor"] for r in donor["rows"]] == ["Germany"]
    assert client.get("/ledger.json?by=month").json()["totals"][0]["key"] == "2022-04"
    assert client.get("/ledger.json?sort=colour").status_code == 400
    html = client.get("/ledger?sort=value_usd&order=desc").text
    assert 'aria-sort="descending"' in html and "Totals by donor" in html
    assert 'href="/ledger.csv?sort=value_usd&amp;order=desc"' in html


def test_ledger_csv_is_what_the_cli_prints(client: TestClient, web_store: WebStore) -> None:
    answer = client.get("/ledger.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert answer.text.splitlines()[0] == ",".join(CSV_COLUMNS)
    printed = CliRunner().invoke(cli, ["ledger", "--db", str(web_store.path), "--format", "csv"])
    assert printed.exit_code == 0
    assert answer.text.splitlines() == printed.stdout.splitlines()
    filtered = client.get("/ledger.csv", params={"donor": "United States"}).text.splitlines()
    assert len(filtered) == 2 and filtered[1].startswith("United States,Ukraine,")


# -- stances, search, sources ------------------------------------------------------------------


def test_stances_list_the_propositions_with_their_stances(client: TestClient) -> None:
    page = client.get("/stances")
    assert page.status_code == 200
    assert "No stances have been extracted" not in page.text
    data = client.get("/stances.json").json()
    assert data["message"] is None and data["pack"] == "ukraine"
    ids = [p["id"] for p in data["propositions"]]
    assert ids == ["P1", "P2", "P3", "P4", "P5"]
    assert [p["total"] for p in data["propositions"]] == [2, 1, 0, 2, 0]
    for proposition in data["propositions"]:
        assert f'id="{proposition["id"]}"' in page.text


def test_search_with_filters(client: TestClient, web_store: WebStore) -> None:
    hits = client.get("/search.json?q=Austin").json()
    assert {h["id"] for h in hits["hits"]} == {
        web_store.id_of("Austin"),
        web_store.id_of("A billion"),
    }
    assert hits["total"] == 2
    dated = client.get("/search.json", params={"q": "Austin", "from": "2022-08"}).json()
    assert [h["id"] for h in dated["hits"]] == [web_store.id_of("A billion")]
    outlet = client.get("/search.json", params={"q": "Austin", "outlet": "morning"}).json()
    assert [h["id"] for h in outlet["hits"]] == [web_store.id_of("Austin")]
    actor = client.get("/search.json", params={"q": "Ukraine", "actor": "Antony Blinken"}).json()
    assert [h["id"] for h in actor["hits"]] == [web_store.id_of("Austin")]
    page = client.get("/search?q=Austin").text
    assert '<mark class="hit">Austin</mark>' in page
    assert "Enter words to search" in client.get("/search").text
    assert "No documents match" in client.get("/search?q=zzyzx").text
    assert client.get("/search.json?q=Austin&from=nope").status_code == 400


def test_sources_list_documents_paged_and_failures(client: TestClient) -> None:
    data = client.get("/sources.json").json()
    assert data["total"] == 3 and len(data["documents"]) == 3
    assert [f["code"] for f in data["failures"]] == ["empty"]
    assert data["runs"][0]["command"] == "ingest"
    second = client.get("/sources.json?limit=2&page=2").json()
    assert len(second["documents"]) == 1 and second["pages"] == 2
    assert second["documents"][0]["id"] == data["documents"][2]["id"]
    page = client.get("/sources").text
    assert "empty file" in page and "empty.txt" in page


# -- empty store -------------------------------------------------------------------------------

EMPTY_TEXT = {
    "/": "No documents yet",
    "/timeline": "No dated events stored yet",
    "/ledger": "No commitments stored yet",
    "/stances": "No stances in this database yet",
    "/search?q=anything": "No documents match",
    "/sources": "No documents ingested yet",
}


@pytest.mark.parametrize("page", list(EMPTY_TEXT))
def test_an_empty_store_says_so_plainly(empty_client: TestClient, page: str) -> None:
    answer = empty_client.get(page)
    assert answer.status_code == 200
    assert EMPTY_TEXT[page] in answer.text
    twin = (
        page.replace("?", ".json?", 1) if "?" in page else (page.rstrip("/") or "/index") + ".json"
    )
    assert empty_client.get(twin).status_code == 200


def test_empty_store_json(empty_client: TestClient) -> None:
    assert empty_client.get("/index.json").json()["empty"] is True
    assert empty_client.get("/timeline.json").json()["entries"] == []
    assert empty_client.get("/ledger.json").json()["total"]["commitments"] == 0
    assert empty_client.get("/ledger.csv").text.strip() == ",".join(CSV_COLUMNS)


# -- the store changing under the app ----------------------------------------------------------


def test_pages_follow_the_store(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "data" / "web.db"
    app = create_app(db, check_interval=0)
    with TestClient(app) as test_client:
        assert test_client.get("/index.json").json()["stats"]["documents"] == 0
        assert "No documents yet" in test_client.get("/").text
        build_store(db.parent, pipeline)  # another writer fills the store
        assert test_client.get("/index.json").json()["stats"]["documents"] == 3
        assert "No documents yet" not in test_client.get("/").text


# -- OpenAPI -----------------------------------------------------------------------------------


def test_openapi_document_is_pinned(client: TestClient) -> None:
    """Regenerate with `python scripts/pin_openapi.py` after changing the API on purpose."""
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    assert answer.json() == json.loads(OPENAPI.read_text(encoding="utf-8"))


def test_openapi_lists_every_json_twin(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/index.json",
        "/documents/{doc_id}.json",
        "/actors/{name}.json",
        "/timeline.json",
        "/ledger.json",
        "/ledger.csv",
        "/stances.json",
        "/search.json",
        "/sources.json",
        "/api/ingest",
    ):
        assert path in paths, path
    assert "/timeline" not in paths  # the HTML pages stay out of the API document


def test_cached_pages_are_answered_as_rendered(web_store: WebStore) -> None:
    app = create_app(web_store.path, check_interval=60, warm_up=True)
    with TestClient(app) as test_client:
        for path in ("/ledger.csv", "/", "/timeline.json?limit=2", "/stances"):
            first = test_client.get(path)
            kept = len(app.state.cache.pages)
            again = test_client.get(path)  # from the page cache, before routing
            assert len(app.state.cache.pages) == kept
            assert again.status_code == 200 and again.content == first.content
            for header in ("content-type", "content-disposition", "content-security-policy"):
                assert again.headers.get(header) == first.headers.get(header)
        assert "attachment" in test_client.get("/ledger.csv").headers["content-disposition"]
