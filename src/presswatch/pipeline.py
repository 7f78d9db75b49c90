"""The extraction pipeline: Document -> parsed Doc -> typed records -> Extraction.

Data flows one way. Parsing is batched (``nlp.pipe``); each extractor is a pure function
of the parsed document; the resolver turns mentions into actors. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from presswatch.domain import DomainPack, cached_pack
from presswatch.models import Document, Extraction
from presswatch.nlp.entities import find_mentions
from presswatch.nlp.gazetteer import Gazetteer
from presswatch.nlp.parse import common_words, load_pipeline, parse
from presswatch.resolve.actors import resolve_entities
from presswatch.settings import Settings


@dataclass(frozen=True, slots=True)
class Stage:
    """One extractor, with what it needs and what it adds to the record (for
    ``presswatch pipeline``-style introspection and ordering checks)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("parse", (), ("doc.sents", "doc.ents", "token.dep", "token.pos")),
    Stage("mentions", ("doc.ents", "token.dep", "token.pos"), ("mentions",)),
    Stage("actors", ("mentions",), ("entities",)),
)


class Pipeline:
    """Parse and extract. Build once (loading spaCy and the domain pack), reuse."""

    def __init__(self, settings: Settings | None = None, pack: DomainPack | None = None) -> None:
        self.settings = settings or Settings()
        self.pack = pack or cached_pack(self.settings.domain)
        self.nlp: Language = load_pipeline(self.settings.spacy_model)
        self.gazetteer = Gazetteer(self.pack)
        self.common = common_words(self.nlp)

    def extract_parsed(self, doc: Document, sdoc: Doc) -> Extraction:
        """All extractors over one parsed document."""
        mentions = find_mentions(sdoc, self.gazetteer, self.common)
        entities = resolve_entities(mentions, self.pack, doc.published)
        return Extraction(doc=doc, entities=entities)

    def extract(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """Parse in batches and extract, in input order."""
        pairs = ((d.text, d) for d in docs)
        for sdoc, doc in parse(
            self.nlp, pairs, batch_size=self.settings.batch_size, n_process=self.settings.n_process
        ):
            yield self.extract_parsed(doc, sdoc)
