"""`presswatch serve` and `presswatch demo --serve/--no-serve` (the server itself is not
started: uvicorn.run is replaced)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presswatch.cli import app

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Calls of uvicorn.run, recorded instead of serving."""
    calls: list[dict[str, Any]] = []

    def run(web: FastAPI, **options: Any) -> None:
        calls.append({"app": web, **options})

    monkeypatch.setattr(uvicorn, "run", run)
    return calls


def test_serve_help() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--ingest-token", "--max-upload-bytes"):
        assert option in result.stdout
    assert "PRESSWATCH_INGEST_TOKEN" in result.stdout


def test_serve_starts_the_app_on_the_store(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    db = tmp_path / "s.db"
    result = runner.invoke(
        app,
        ["serve", "--db", str(db), "--port", "8123"],
        env={"PRESSWATCH_INGEST_TOKEN": "from-env"},
    )
    assert result.exit_code == 0, result.output
    assert "ingest on" in result.stdout
    (call,) = served
    assert call["host"] == "127.0.0.1" and call["port"] == 8123
    with TestClient(call["app"]) as client:
        assert client.get("/index.json").json()["empty"] is True
        answer = client.post(
            "/api/ingest", json={"text": ""}, headers={"Authorization": "Bearer from-env"}
        )
        assert answer.status_code == 422  # past the token check: the token came from $ENV


def test_serve_without_a_token_is_read_only(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "r.db")], env={})
    assert result.exit_code == 0 and "ingest off" in result.stdout
    with TestClient(served[0]["app"]) as client:
        assert client.post("/api/ingest", json={"text": "x"}).status_code == 401


def test_serve_rejects_bad_arguments(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    bad = runner.invoke(app, ["serve", "--db", str(tmp_path / "b.db"), "--port", "0"])
    assert bad.exit_code == 2 and "--port" in bad.stderr
    limit = runner.invoke(app, ["serve", "--db", str(tmp_path / "b.db"), "--max-upload-bytes", "0"])
    assert limit.exit_code == 2
    assert served == []


def _empty_corpus(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    (shared / "corpora").mkdir(parents=True)
    return shared


def test_demo_no_serve_does_not_serve(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    shared = _empty_corpus(tmp_path)
    result = runner.invoke(
        app, ["demo", "--shared", str(shared), "--db", str(tmp_path / "d.db"), "--no-serve"]
    )
    assert result.exit_code == 0, result.output
    assert served == []


def test_demo_serves_by_default(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    shared = _empty_corpus(tmp_path)
    result = runner.invoke(app, ["demo", "--shared", str(shared), "--db", str(tmp_path / "d.db")])
    assert result.exit_code == 0, result.output
    assert len(served) == 1 and "http://127.0.0.1:8000/" in result.stdout
