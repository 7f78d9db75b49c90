"""The pipeline: stage order, serial and parallel extraction agree, failures isolated."""

from __future__ import annotations

import pytest

from presswatch.models import Document, Extraction, IngestFailure
from presswatch.pipeline import STAGES, Pipeline, Stage, check_stages
from presswatch.settings import Settings

TEXTS = [
    "Lloyd Austin met Olaf Scholz in Berlin. Mr Austin praised Germany.",
    "The Kremlin said Russia would not negotiate with Ukraine.",
    "Antony Blinken, the secretary of state, visited Kyiv.",
]


def docs() -> list[Document]:
    return [Document(text=t, path=f"d{i}.txt", published="2022-05-01") for i, t in enumerate(TEXTS)]


def test_stage_order_is_valid() -> None:
    check_stages(STAGES)
    with pytest.raises(ValueError, match="actors"):
        check_stages([Stage("actors", ("mentions",), ("entities",))])


def summary(results: list[Extraction | IngestFailure]) -> list[list[tuple[str, int]]]:
    out = []
    for r in results:
        assert isinstance(r, Extraction)
        out.append(sorted((e.canonical, len(e.mentions)) for e in r.entities))
    return out


def test_parallel_extraction_matches_serial(pipeline: Pipeline) -> None:
    serial = list(pipeline.extract(docs()))
    parallel = Pipeline(Settings(n_process=2, batch_size=1)).extract(docs())
    assert summary(list(parallel)) == summary(serial)
    assert [r.doc.path for r in serial if isinstance(r, Extraction)] == [
        "d0.txt",
        "d1.txt",
        "d2.txt",
    ]


def test_an_extractor_error_is_a_failure_of_that_document(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    import presswatch.pipeline as module

    real = module.resolve_entities

    def flaky(mset, pack, published):  # type: ignore[no-untyped-def]
        if any(m.span.text == "Kremlin" for m in mset.mentions):
            raise RuntimeError("boom")
        return real(mset, pack, published)

    monkeypatch.setattr(module, "resolve_entities", flaky)
    results = list(pipeline.extract(docs()))
    assert [type(r).__name__ for r in results] == ["Extraction", "IngestFailure", "Extraction"]
    failure = results[1]
    assert isinstance(failure, IngestFailure)
    assert failure.path == "d1.txt" and failure.code == "extract-error" and "boom" in failure.reason
