"""Write the web app's OpenAPI document to tests/web/openapi.json, which a test compares
with what the app serves (run it after changing the API on purpose, and review the diff).

    python scripts/pin_openapi.py
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fastapi.testclient import TestClient

from presswatch.web import create_app

PINNED = Path(__file__).resolve().parents[1] / "tests" / "web" / "openapi.json"


def openapi_document() -> dict[str, object]:
    """The OpenAPI document of the app (over an empty store: it does not depend on one)."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Path(folder) / "empty.db")
        with TestClient(app) as client:
            answer = client.get("/openapi.json")
            answer.raise_for_status()
            document: dict[str, object] = answer.json()
            return document


def main() -> None:
    text = json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    PINNED.write_text(text, encoding="utf-8")
    print(f"wrote {PINNED}")


if __name__ == "__main__":
    main()
