"""Loading the spaCy pipeline once, and the common-word list it ships."""

from __future__ import annotations

import pytest

from presswatch.errors import ConfigError
from presswatch.nlp.parse import common_words, load_pipeline
from presswatch.pipeline import Pipeline


def test_load_pipeline_is_cached(pipeline: Pipeline) -> None:
    assert load_pipeline(pipeline.settings.spacy_model) is pipeline.nlp


def test_missing_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no_such_model_xyz") as exc:
        load_pipeline("no_such_model_xyz")
    assert exc.value.code == "config"


def test_common_words(pipeline: Pipeline) -> None:
    words = common_words(pipeline.nlp)
    assert {"morale", "time", "west"} <= words
    assert "kowalski" not in words
    assert all(w == w.lower() for w in words)
