"""Ingest through the API: the token, the size limit, JSON articles and file uploads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import TOKEN
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web import create_app
from presswatch.web.ingest import Ingestor, safe_filename

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "text": "Joe Biden met Volodymyr Zelensky in Washington on Monday.",
    "title": "Biden meets Zelensky",
    "published": "2022-12-22",
    "url": "https://example.org/biden-zelensky",
    "outlet": "Capital Wire",
    "authors": ["Rita Vale"],
}


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[TestClient]:
    """An app that accepts ingest (token :data:`TOKEN`, bodies up to 2,000 bytes)."""
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    app = create_app(db, ingest_token=TOKEN, max_upload_bytes=2_000, pipeline=pipeline)
    with TestClient(app) as client:
        yield client


def test_ingest_is_refused_without_a_configured_token(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "ro.db")) as client:
        answer = client.post("/api/ingest", json=ARTICLE, headers=AUTH)
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthorized"
        assert "--ingest-token" in answer.json()["message"]
        assert answer.headers["www-authenticate"] == "Bearer"
        assert client.get("/sources.json").json()["total"] == 0


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["none", "wrong", "not-bearer"],
)
def test_ingest_is_refused_with_a_wrong_token(writer: TestClient, headers: dict[str, str]) -> None:
    answer = writer.post("/api/ingest", json=ARTICLE, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"] == "unauthorized"


def test_a_body_over_the_limit_is_413(writer: TestClient) -> None:
    big = {**ARTICLE, "text": "word " * 1_000}
    answer = writer.post("/api/ingest", json=big, headers=AUTH)
    assert answer.status_code == 413
    assert answer.json()["error"] == "too-large"
    upload = writer.post(
        "/api/ingest", files={"file": ("big.txt", b"x" * 5_000, "text/plain")}, headers=AUTH
    )
    assert upload.status_code == 413


def test_a_body_streamed_over_the_limit_is_413(writer: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
        for _ in range(10):
            yield b"x" * 500

    answer = writer.post(
        "/api/ingest",
        content=chunks(),
        headers={**AUTH, "Content-Type": "application/json"},
    )
    assert answer.status_code == 413


def test_json_article_is_ingested_and_shown(writer: TestClient) -> None:
    answer = writer.post("/api/ingest", json=ARTICLE, headers=AUTH)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    doc_id = body["id"]
    assert body["ids"] == [doc_id] and body["stored"] == 1 and body["failures"] == []
    assert body["href"] == f"/documents/{doc_id}"
    document = writer.get(f"/documents/{doc_id}.json").json()
    assert document["text"] == ARTICLE["text"]
    assert document["document"]["title"] == "Biden meets Zelensky"
    assert document["document"]["authors"] == ["Rita Vale"]
    assert {a["canonical"] for a in document["actors"]} >= {"Joe Biden", "Volodymyr Zelensky"}
    assert "Biden meets Zelensky" in writer.get(f"/documents/{doc_id}").text
    sources = writer.get("/sources.json").json()
    assert doc_id in {d["id"] for d in sources["documents"]}
    assert "Biden meets Zelensky" in writer.get("/sources").text
    # the same text again is not stored twice
    again = writer.post("/api/ingest", json=ARTICLE, headers=AUTH).json()
    assert again["id"] == doc_id and again["stored"] == 0 and again["unchanged"] == 1


def test_uploaded_file_is_ingested_and_shown(writer: TestClient) -> None:
    text = "Emmanuel Macron visited Berlin on Tuesday. He met Olaf Scholz there.\n"
    answer = writer.post(
        "/api/ingest",
        files={"file": ("../macron visit.txt", text.encode("utf-8"), "text/plain")},
        headers=AUTH,
    )
    assert answer.status_code == 200, answer.text
    doc_id = answer.json()["id"]
    document = writer.get(f"/documents/{doc_id}.json").json()
    assert document["text"] == text
    assert document["document"]["file"] == "api:macron_visit.txt"  # not the temporary folder
    assert document["document"]["sources"] == ["api:macron_visit.txt"]
    assert doc_id in {d["id"] for d in writer.get("/sources.json").json()["documents"]}
    page = writer.get(f"/documents/{doc_id}").text
    assert 'data-kind="actor"' in page and "Emmanuel Macron (PERSON)" in page


def test_unusable_articles_are_422_and_recorded(writer: TestClient) -> None:
    empty = writer.post("/api/ingest", json={"text": ""}, headers=AUTH)
    assert empty.status_code == 422 and empty.json()["error"] == "bad-article"
    no_text = writer.post("/api/ingest", json={"title": "no text"}, headers=AUTH)
    assert no_text.status_code == 422
    bad_date = writer.post(
        "/api/ingest", json={"text": "Some words.", "published": "someday"}, headers=AUTH
    )
    assert bad_date.status_code == 422
    assert bad_date.json()["error"] == "bad-date"
    failures = writer.get("/sources.json").json()["failures"]
    assert "bad-date" in {f["code"] for f in failures}
    empty_file = writer.post(
        "/api/ingest", files={"file": ("empty.txt", b"", "text/plain")}, headers=AUTH
    )
    assert empty_file.status_code == 422 and empty_file.json()["error"] == "empty"
    no_file = writer.post("/api/ingest", files={"other": ("a.txt", b"x")}, headers=AUTH)
    assert no_file.status_code == 422 and "'file'" in no_file.json()["message"]


def test_other_media_types_are_415(writer: TestClient) -> None:
    answer = writer.post(
        "/api/ingest", content=b"plain words", headers={**AUTH, "Content-Type": "text/plain"}
    )
    assert answer.status_code == 415
    assert answer.json()["error"] == "unsupported-media-type"


def test_safe_filename() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\me\\notes.md") == "notes.md"
    assert safe_filename("a b<c>.html") == "a_b_c_.html"
    assert safe_filename("") == "upload.txt"
    assert safe_filename(None) == "upload.txt"
    assert safe_filename("...") == "upload.txt"


def test_ingestor_stores_an_article_as_a_run(tmp_path: Path, pipeline: Pipeline) -> None:
    with Store.open(tmp_path / "i.db") as store:
        ingestor = Ingestor(store, Settings(), pipeline)
        result = ingestor.article({"text": "Antony Blinken flew to Kyiv.", "title": "Flight"})
        assert result.counts["stored"] == 1 and len(result.ids) == 1
        stored = store.document(result.ids[0])
        assert stored is not None and stored.title == "Flight"
        assert store.runs()[-1]["status"] == "completed"
        failed = ingestor.file("notes.txt", b"")
        assert failed.ids == [] and failed.failures[0].code == "empty"
        assert store.failures()[-1]["code"] == "empty"


def test_ingest_answers_once_the_pages_are_built(tmp_path: Path, pipeline: Pipeline) -> None:
    """With warm-up on (as `presswatch serve` runs), the caches of the new revision are
    built before the answer: the next reader finds the timeline and ledger built and
    sees the new document, and nobody waits for a rebuild."""
    app = create_app(
        tmp_path / "warm.db",
        ingest_token=TOKEN,
        pipeline=pipeline,
        check_interval=3600,
        warm_up=True,
    )
    with TestClient(app) as client:
        assert client.get("/index.json").json()["stats"]["documents"] == 0
        answer = client.post("/api/ingest", json=ARTICLE, headers=AUTH)
        assert answer.status_code == 200, answer.text
        cache = app.state.cache
        revision = cache.current()
        assert revision == tuple(app.state.store.stats().values())  # published already
        for key in (
            ("timeline", None, None, None, False),
            ("ledger", None, None, None, None),
            ("actors",),
        ):
            assert cache.data.peek((revision, key)) is not None, key
        home = client.get("/index.json").json()
        assert home["stats"]["documents"] == 1
        assert [d["id"] for d in home["recent_documents"]] == [answer.json()["id"]]
