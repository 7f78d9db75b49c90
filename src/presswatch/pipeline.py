"""The extraction pipeline: Document -> parsed Doc -> typed records -> Extraction.

Data flows one way. Parsing is batched (``nlp.pipe``); each extractor is a pure function
of the parsed document; the resolver turns mentions into actors. Nothing here writes.

With ``n_process > 1`` whole batches (parse and extract) run in a pool of worker
processes, each with its own pipeline, and results come back in input order. An
extractor that fails on one document yields an :class:`IngestFailure` for it (code
``extract-error``) and the batch goes on.
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from presswatch.domain import DomainPack, cached_pack
from presswatch.models import Document, Extraction, IngestFailure
from presswatch.nlp.claims import extract_numeric_claims
from presswatch.nlp.commitments import extract_commitments
from presswatch.nlp.embeddings import load_judge
from presswatch.nlp.entities import find_mentions
from presswatch.nlp.events import extract_events
from presswatch.nlp.gazetteer import Gazetteer
from presswatch.nlp.parse import common_words, load_pipeline
from presswatch.nlp.publishers import publisher_country
from presswatch.nlp.quotes import extract_quotes
from presswatch.nlp.stances import SideJudge, extract_stances
from presswatch.nlp.timex import extract_timexes
from presswatch.nlp.turns import extract_turns
from presswatch.resolve.actors import resolve_entities
from presswatch.settings import Settings

Result = Extraction | IngestFailure


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline, with what it needs and what it adds, so that the order
    is visible and checked (``check_stages``)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("parse", (), ("doc.sents", "doc.ents", "token.dep", "token.pos")),
    Stage("mentions", ("doc.ents", "token.dep", "token.pos"), ("mentions",)),
    Stage("actors", ("mentions",), ("entities",)),
    Stage("quotes", ("entities", "token.dep", "doc.sents"), ("quotes",)),
    Stage("turns", ("entities",), ("turns",)),
    Stage("timexes", (), ("timexes",)),
    Stage("events", ("entities", "timexes", "token.dep", "doc.sents"), ("events",)),
    Stage("claims", ("entities", "quotes", "turns", "timexes", "token.dep"), ("numeric_claims",)),
    Stage(
        "commitments",
        ("entities", "quotes", "turns", "timexes", "numeric_claims", "token.dep"),
        ("commitments",),
    ),
    Stage("stances", ("entities", "quotes", "token.dep", "doc.sents"), ("stances",)),
)


def check_stages(stages: Iterable[Stage] = STAGES) -> None:
    """Raise ValueError if a stage requires something no earlier stage assigns."""
    available: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} needs {missing} before it runs")
        available.update(stage.assigns)


class Pipeline:
    """Parse and extract. Build once (loading spaCy and the domain pack), reuse."""

    def __init__(self, settings: Settings | None = None, pack: DomainPack | None = None) -> None:
        self.settings = settings or Settings()
        self.pack = pack or cached_pack(self.settings.domain)
        self.nlp: Language = load_pipeline(self.settings.spacy_model)
        self.gazetteer = Gazetteer(self.pack)
        self.common = common_words(self.nlp)
        self.judge: SideJudge | None = load_judge(self.settings.stance_embeddings, self.pack)
        # seconds spent in each extractor, when a caller (the benchmark) asks for them
        self.timings: dict[str, float] | None = None

    def extract_parsed(self, doc: Document, sdoc: Doc) -> Extraction:
        """All extractors over one parsed document."""
        t0 = time.perf_counter()
        mentions = find_mentions(sdoc, self.gazetteer, self.common)
        entities = resolve_entities(mentions, self.pack, doc.published)
        t1 = time.perf_counter()
        quotes = extract_quotes(sdoc, entities)
        t_quotes = time.perf_counter()
        turns = extract_turns(
            doc.text, entities, self.pack, doc.published, publisher_country(doc), doc.title
        )
        t2 = time.perf_counter()
        timexes = extract_timexes(doc.text, doc.published)
        t3 = time.perf_counter()
        events = extract_events(sdoc, entities, timexes, doc.published)
        t4 = time.perf_counter()
        claims = extract_numeric_claims(sdoc, entities, quotes, timexes, self.pack, turns)
        t5 = time.perf_counter()
        commitments = extract_commitments(
            sdoc, doc, entities, quotes, timexes, claims, self.pack, turns
        )
        t6 = time.perf_counter()
        stances = extract_stances(sdoc, entities, quotes, self.pack, doc.published, self.judge)
        if self.timings is not None:
            for name, seconds in (
                ("actors", t1 - t0),
                ("quotes", t_quotes - t1),
                ("turns", t2 - t_quotes),
                ("timexes", t3 - t2),
                ("events", t4 - t3),
                ("claims", t5 - t4),
                ("commitments", t6 - t5),
                ("stances", time.perf_counter() - t6),
            ):
                self.timings[name] = self.timings.get(name, 0.0) + seconds
        return Extraction(
            doc=doc,
            entities=entities,
            quotes=quotes,
            timexes=timexes,
            events=events,
            numeric_claims=claims,
            commitments=commitments,
            stances=stances,
            turns=turns,
        )

    def _safe(self, doc: Document, sdoc: Doc) -> Result:
        try:
            return self.extract_parsed(doc, sdoc)
        except Exception as exc:  # one document must not stop the batch
            return IngestFailure(
                doc.path, "extract-error", f"extraction failed: {type(exc).__name__}: {exc}"
            )

    def extract_batch(self, docs: list[Document]) -> list[Result]:
        """Parse and extract a list of documents in this process."""
        pairs = ((d.text, d) for d in docs)
        return [
            self._safe(doc, sdoc)
            for sdoc, doc in self.nlp.pipe(
                pairs, as_tuples=True, batch_size=self.settings.batch_size
            )
        ]

    def extract(self, docs: Iterable[Document]) -> Iterator[Result]:
        """Records (or failures) for ``docs``, in input order."""
        if self.settings.n_process <= 1:
            for batch in _batched(docs, self.settings.batch_size):
                yield from self.extract_batch(batch)
            return
        yield from _extract_in_pool(docs, self.settings, self.pack)


def _batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while batch := list(itertools.islice(it, max(1, size))):
        yield batch


# ------------------------------------------------------------------ worker processes
_worker: Pipeline | None = None


def _init_worker(settings: Settings, pack: DomainPack) -> None:
    global _worker  # one pipeline per worker process
    # Ctrl-C is the parent's to handle (it stops the workers); SIGTERM ends a worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker = Pipeline(settings, pack)


def _work(batch: list[Document]) -> list[Result]:
    assert _worker is not None, "worker not initialised"
    return _worker.extract_batch(batch)


def _extract_in_pool(
    docs: Iterable[Document], settings: Settings, pack: DomainPack
) -> Iterator[Result]:
    """Ordered parallel extraction with a bounded number of batches in flight. On an
    interruption the workers are stopped at once rather than left to finish."""
    # spawned, not forked: a fork of a process that has loaded torch (the stance
    # embeddings) can hang on locks its threads held
    pool = ProcessPoolExecutor(
        max_workers=settings.n_process,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(settings, pack),
    )
    pending: deque[Future[list[Result]]] = deque()
    finished = False
    try:
        for batch in _batched(docs, settings.batch_size):
            pending.append(pool.submit(_work, batch))
            if len(pending) >= 2 * settings.n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
        finished = True
    finally:
        if not finished:
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()
        pool.shutdown(wait=finished, cancel_futures=True)
