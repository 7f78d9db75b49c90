"""No page, JSON twin, CSV or API answer shows a path of the server's file system: where
a document or a failed input was read from is its file's base name, or the name it was
ingested by through the API (``api:...``)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from conftest import SPEAKER, TOKEN, WebStore
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web import create_app, views
from presswatch.web.ingest import Ingestor, api_label

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEMP = Path(tempfile.gettempdir()).as_posix()


def every_url(web_store: WebStore) -> list[str]:
    doc_id = web_store.id_of("Austin and Blinken")
    urls = ["/", "/timeline", "/ledger", "/stances", "/search?q=Kyiv", "/sources"]
    urls += [f"/documents/{doc_id}", f"/actors/{quote(SPEAKER)}", f"/actors/{quote('Ukraine')}"]
    twins = [
        "/index.json" if u == "/" else u.replace("?", ".json?") if "?" in u else u + ".json"
        for u in urls
    ]
    return [*urls, *twins, "/ledger.csv", "/timeline.json?undated=true"]


def test_no_answer_shows_a_server_path(client: TestClient, web_store: WebStore) -> None:
    folder = web_store.path.parent.as_posix()
    for url in every_url(web_store):
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert folder not in answer.text, url
        assert TEMP not in answer.text, url
        assert re.search(r'"path"\s*:', answer.text) is None, url


def test_documents_and_sources_name_the_file(client: TestClient, web_store: WebStore) -> None:
    doc_id = web_store.id_of("Austin and Blinken")
    document = client.get(f"/documents/{doc_id}.json").json()["document"]
    assert re.fullmatch(r"articles\.jsonl:\d", document["file"]), document["file"]
    assert document["sources"] == [document["file"]]
    assert f"<dd>{document['file']}</dd>" in client.get(f"/documents/{doc_id}").text
    sources = client.get("/sources.json").json()
    assert {d["file"] for d in sources["documents"]} == {
        "articles.jsonl:1",
        "articles.jsonl:2",
        "articles.jsonl:3",
    }
    assert [f["file"] for f in sources["failures"]] == ["empty.txt"]  # and why: its reason
    assert sources["failures"][0]["reason"]
    assert sources["runs"][0]["args"]["paths"] == ["articles.jsonl", "empty.txt"]
    page = client.get("/sources").text
    assert '<td class="path">empty.txt</td>' in page
    hits = client.get("/search.json?q=Austin").json()["hits"]
    assert {h["file"] for h in hits} <= {"articles.jsonl:1", "articles.jsonl:2"}
    actor = client.get(f"/actors/{quote(SPEAKER)}.json").json()
    assert all(d["file"].startswith("articles.jsonl:") for d in actor["documents"]["rows"])
    sources_of_quotes = [s for q in actor["quotes"]["rows"] for s in q["sources"]]
    assert sources_of_quotes and all("path" not in s for s in sources_of_quotes)
    entries = client.get("/timeline.json").json()["entries"]
    assert all(s["file"].startswith("articles.jsonl:") for e in entries for s in e["sources"])


def test_display_path() -> None:
    assert views.display_path("/srv/news/in/feed.jsonl:12") == "feed.jsonl:12"
    assert views.display_path("C:\\Users\\me\\notes.md") == "notes.md"
    assert views.display_path("relative/dir/a.html") == "a.html"
    assert views.display_path("a.txt") == "a.txt"
    assert views.display_path("api:Talks in Kyiv / Lviv") == "api:Talks in Kyiv / Lviv"
    assert views.display_path("") is None and views.display_path(None) is None


# -- documents ingested through the API get a name of their own, not a deleted folder's ----


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("api-names") / "names.db"
    with TestClient(create_app(db, ingest_token=TOKEN, pipeline=pipeline)) as client:
        yield client


def test_an_article_is_recorded_by_its_title(writer: TestClient) -> None:
    article = {"text": "Antony Blinken flew to Kyiv on Monday.", "title": "Blinken in Kyiv"}
    body = writer.post("/api/ingest", json=article, headers=AUTH).json()
    document = writer.get(f"/documents/{body['id']}.json").json()["document"]
    assert document["file"] == "api:Blinken in Kyiv"
    assert document["sources"] == ["api:Blinken in Kyiv"]
    sources = writer.get("/sources.json").json()
    assert "api:Blinken in Kyiv" in {d["file"] for d in sources["documents"]}
    assert sources["runs"][0]["args"] == {"api": "article", "input": "api:Blinken in Kyiv"}
    untitled = {"text": "Olaf Scholz spoke in Berlin.", "url": "https://example.org/scholz"}
    body = writer.post("/api/ingest", json=untitled, headers=AUTH).json()
    document = writer.get(f"/documents/{body['id']}.json").json()["document"]
    assert document["file"] == "api:https://example.org/scholz"
    assert "presswatch-api-" not in writer.get("/sources").text


def test_an_upload_is_recorded_by_its_name_and_lines(writer: TestClient) -> None:
    feed = (
        b'{"text": "Emmanuel Macron met Olaf Scholz in Paris.", "title": "Paris talks"}\n'
        b'{"text": "", "title": "empty"}\n'
    )
    answer = writer.post(
        "/api/ingest",
        files={"file": ("news feed.jsonl", feed, "application/x-ndjson")},
        headers=AUTH,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [f["file"] for f in body["failures"]] == ["api:news_feed.jsonl"]  # line 2
    assert body["failures"][0]["line"] == 2
    document = writer.get(f"/documents/{body['id']}.json").json()["document"]
    assert document["file"] == "api:news_feed.jsonl:1"
    failures = writer.get("/sources.json").json()["failures"]
    assert failures[0]["file"] == "api:news_feed.jsonl" and failures[0]["line"] == 2
    for url in ("/sources", "/sources.json", f"/documents/{body['id']}"):
        assert "presswatch-api-" not in writer.get(url).text, url


def test_the_store_keeps_the_api_names(tmp_path: Path, pipeline: Pipeline) -> None:
    with Store.open(tmp_path / "n.db") as store:
        ingestor = Ingestor(store, Settings(), pipeline)
        result = ingestor.article({"text": "Kaja Kallas spoke in Tallinn.", "title": " A\n title "})
        stored = store.document(result.ids[0])
        assert stored is not None and stored.path == "api:A title"
        assert stored.sources == ["api:A title"]
        assert store.document("api:A title") is not None  # the name finds it, as a path does
        failed = ingestor.file("../notes.txt", b"")
        assert failed.failures[0].path == "api:notes.txt"
        assert store.failures()[-1]["path"] == "api:notes.txt"
        assert all("presswatch-api-" not in str(run["args"]) for run in store.runs())


def test_api_label() -> None:
    assert api_label({"title": "  Talks\tin  Kyiv "}) == "api:Talks in Kyiv"
    assert api_label({"title": "", "url": "https://e.org/a"}) == "api:https://e.org/a"
    assert api_label({}) == "api:article"
    assert len(api_label({"title": "x" * 1000})) == len("api:") + 200
