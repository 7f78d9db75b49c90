"""Stances for the web tests' stores, chosen by the tests rather than by the extractor.

The stores of the web and browser tests are built with the real pipeline (actors,
quotes, events, commitments), but the stances they hold are planted: :func:`planting`
gives a copy of the pipeline whose records carry exactly the stances a plan lists for
each document, so that the pages' tests do not move when the stance extractor's output
does. :func:`save_documents` builds a store without spaCy at all, from documents and
their stances, through :meth:`Store.save` (for undated documents, many holders, ...).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path

from presswatch.models import (
    Document,
    Entity,
    Extraction,
    Mention,
    Span,
    Stance,
    StanceEvidence,
)
from presswatch.pipeline import Pipeline
from presswatch.store import Store

Planted = tuple[str, str, str, str]
"""A planted stance: holder, proposition, stance, evidence (a part of the document's text)."""


def make_stance(
    text: str, published: str | None, holder: str, proposition: str, stance: str, evidence: str
) -> Stance:
    """A stance of ``holder`` whose evidence is the first ``evidence`` in ``text``."""
    start = text.index(evidence)
    span = Span(start, start + len(evidence), evidence)
    side = stance if stance in ("favor", "against") else "favor"
    support = (StanceEvidence(span, side, "quote", cues=("planted",), score=1.0),)
    return Stance(holder, proposition, stance, span, support, published)


def planting(pipeline: Pipeline, plan: Mapping[str, Sequence[Planted]]) -> Pipeline:
    """A copy of ``pipeline`` (sharing its spaCy model) whose record of a document holds
    the stances ``plan`` lists for its title, and no other."""
    proxy = copy.copy(pipeline)

    def extract_parsed(doc: Document, sdoc: object) -> Extraction:
        record = Pipeline.extract_parsed(proxy, doc, sdoc)  # type: ignore[arg-type]
        planted = plan.get(doc.title or "", ())
        record.stances = [make_stance(doc.text, doc.published, *p) for p in planted]
        return record

    proxy.extract_parsed = extract_parsed  # type: ignore[method-assign]
    return proxy


def save_documents(
    path: Path,
    documents: Sequence[tuple[Document, Sequence[Planted]]],
    actors: Sequence[str] = (),
) -> Path:
    """A store at ``path`` of ``documents``, each with the stances planted in it and, as
    actors (PERSON), those of ``actors`` its text names; nothing is parsed, so there
    are no quotes, events or other facts."""
    with Store.open(path) as store:
        run = store.start_run("test", {})
        for doc, planted in documents:
            stances = [make_stance(doc.text, doc.published, *p) for p in planted]
            entities = [
                Entity(name, "PERSON", [Mention(Span.of(doc.text, at, at + len(name)), "PERSON")])
                for name in actors
                if (at := doc.text.find(name)) >= 0
            ]
            store.save(Extraction(doc, entities=entities, stances=stances), run_id=run)
        store.finish_run(run, "completed", {})
    return path
