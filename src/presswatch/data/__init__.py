"""Language resources shipped with presswatch (YAML files of word lists)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def read_data(name: str) -> dict[str, Any]:
    """The mapping in the shipped data file ``name`` (``"stances.yaml"``)."""
    text = resources.files("presswatch.data").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def words(data: dict[str, Any], key: str) -> frozenset[str]:
    """The list under ``key``, lower-cased, as a set."""
    return frozenset(str(w).lower() for w in data[key])
