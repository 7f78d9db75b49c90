"""The stance dev set (tests/data/stances/news2022-dev.jsonl): loading, checking and scoring.

The dev set holds hand-made stance judgements on articles of the shared news-2022 corpus
(``$PRESSWATCH_SHARED/corpora/news-2022/articles.jsonl.gz``). The articles are copyright
material and are never copied into the repository: a judgement stores only character
offsets into an article's ``text`` and the sha1 of each evidence span, which
:func:`load_articles` checks against the corpus.

Scoring follows the stance section of ``shared/eval/score.py`` (``cmd_seeds``): gold
pairs are (article, holder, proposition); a prediction covers a gold pair when it is
for the same article and proposition and its holder names the gold holder (see
:func:`holder_keys`); the first prediction per pair counts, later ones are ignored;
predictions that cover no gold pair are spurious and count as false positives in the
macro F1.

Used by tests/analysis/test_stance_dev.py and scripts/stance_dev.py.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from presswatch.ingest.document import Given
from presswatch.ingest.records import ReadOptions, record_document
from presswatch.models import Document, Extraction, IngestFailure, text_id

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "data" / "stances" / "news2022-dev.jsonl"
CORPUS = Path("corpora") / "news-2022" / "articles.jsonl.gz"
LABELS: tuple[str, ...] = ("favor", "against", "mixed")
PROPOSITIONS: tuple[str, ...] = ("P1", "P2", "P3", "P4", "P5")
HOLDER_KINDS: tuple[str, ...] = ("author", "person", "organisation", "country", "group")
# generational suffixes left out when taking a person's last name
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_DASHES = re.compile(r"[-‐‑‒–—―/]")


class DevSetError(ValueError):
    """The dev set file is malformed, or its evidence does not match the corpus."""


# ------------------------------------------------------------------------ the data
@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    sha1: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """One gold stance: ``holder`` takes ``stance`` on ``proposition`` in ``article``."""

    article: str
    published: str
    outlet: str
    holder: str
    holder_kind: str
    holder_aliases: tuple[str, ...]
    proposition: str
    stance: str
    evidence: tuple[Evidence, ...]
    note: str
    line: int  # 1-based line of the dev set file

    @property
    def pair(self) -> tuple[str, str, str]:
        return (self.article, self.holder, self.proposition)

    def where(self) -> str:
        return f"line {self.line} ({self.article}, {self.holder!r}, {self.proposition})"


def shared_dir() -> Path | None:
    """The shared folder: $PRESSWATCH_SHARED, else ../shared beside the repository (the
    rule of scripts/quality_gate.py); None when neither holds eval/score.py."""
    for cand in (os.environ.get("PRESSWATCH_SHARED"), ROOT.parent / "shared"):
        if cand and (Path(cand) / "eval" / "score.py").exists():
            return Path(cand)
    return None


def corpus_path(shared: Path) -> Path:
    return shared / CORPUS


def load_judgements(path: Path = DEFAULT) -> list[Judgement]:
    """The judgements of a dev set file; DevSetError on a malformed line."""
    out: list[Judgement] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                out.append(_judgement(line, number))
    return out


def _judgement(line: str, number: int) -> Judgement:
    try:
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise TypeError("not a JSON object")
        evidence = tuple(
            Evidence(int(e["start"]), int(e["end"]), str(e["sha1"])) for e in obj["evidence"]
        )
        judgement = Judgement(
            article=str(obj["article"]),
            published=str(obj["published"]),
            outlet=str(obj["outlet"]),
            holder=str(obj["holder"]),
            holder_kind=str(obj["holder_kind"]),
            holder_aliases=tuple(str(a) for a in obj.get("holder_aliases") or ()),
            proposition=str(obj["proposition"]),
            stance=str(obj["stance"]),
            evidence=evidence,
            note=str(obj.get("note") or ""),
            line=number,
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise DevSetError(f"dev set line {number}: {type(exc).__name__}: {exc}") from None
    problems = []
    if judgement.stance not in LABELS:
        problems.append(f"stance {judgement.stance!r}")
    if judgement.proposition not in PROPOSITIONS:
        problems.append(f"proposition {judgement.proposition!r}")
    if judgement.holder_kind not in HOLDER_KINDS:
        problems.append(f"holder_kind {judgement.holder_kind!r}")
    if not evidence or any(not 0 <= e.start < e.end for e in evidence):
        problems.append("evidence spans")
    if problems:
        raise DevSetError(f"dev set {judgement.where()}: bad " + ", ".join(problems))
    return judgement


def _read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                if isinstance(record, dict):
                    yield record


def load_articles(
    shared: Path, ids: Iterable[str], judgements: Sequence[Judgement] | None = None
) -> dict[str, dict[str, Any]]:
    """The corpus records of the articles ``ids`` (one pass over the gzip file).

    Every evidence span of ``judgements`` (by default, the dev set's judgements on these
    articles) is checked against the article text: DevSetError names the judgement whose
    sha1 does not match, or the article that is missing.
    """
    wanted = set(ids)
    if judgements is None:
        judgements = [j for j in load_judgements() if j.article in wanted]
    wanted.update(j.article for j in judgements)
    articles: dict[str, dict[str, Any]] = {}
    for record in _read_corpus(corpus_path(shared)):
        if record.get("id") in wanted:
            articles[str(record["id"])] = record
            if len(articles) == len(wanted):
                break
    missing = sorted(wanted - articles.keys())
    if missing:
        raise DevSetError(f"articles not in {corpus_path(shared)}: {', '.join(missing)}")
    verify_evidence(articles, judgements)
    return articles


def evidence_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def verify_evidence(
    articles: Mapping[str, Mapping[str, Any]], judgements: Iterable[Judgement]
) -> None:
    """DevSetError naming the first judgement whose evidence is not the corpus text."""
    for j in judgements:
        text = articles[j.article]["text"]
        for e in j.evidence:
            if e.end > len(text) or evidence_sha1(text[e.start : e.end]) != e.sha1:
                raise DevSetError(
                    f"evidence [{e.start}:{e.end}] of dev set {j.where()} does not match the "
                    "article text (sha1 mismatch): the corpus or the offsets changed"
                )


def evidence_text(article: Mapping[str, Any], evidence: Evidence) -> str:
    return str(article["text"])[evidence.start : evidence.end]


def document_path(article_id: str) -> str:
    return f"news-2022:{article_id}"


def articles_as_documents(articles: Mapping[str, Mapping[str, Any]]) -> list[Document]:
    """Documents built as the JSON Lines reader builds them (record fields become
    metadata, ``id`` goes to ``extra``), with the path ``news-2022:<id>``."""
    options = ReadOptions(published=None, max_bytes=1 << 30)
    docs = []
    for article_id, record in articles.items():
        fields = {k: v for k, v in record.items() if k in ("text", "title", "published")}
        fields.update(outlet=record.get("outlet"), url=record.get("url"), id=article_id)
        docs.append(record_document(fields, document_path(article_id), Given(), options))
    return docs


# ---------------------------------------------------------------- predictions
def article_index(articles: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Keys by which an extraction record names its article -> the article id."""
    index: dict[str, str] = {}
    for article_id, record in articles.items():
        index[article_id] = article_id
        index[document_path(article_id)] = article_id
        index[text_id(str(record["text"]))] = article_id
        if isinstance(record.get("url"), str):
            index[record["url"]] = article_id
    return index


def stances_by_article(
    records: Iterable[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[Any]]:
    """The ``stances`` of extraction records (``Extraction.to_dict()``), by article id.

    A record is tied to its article by ``doc.path``, ``doc.id`` (sha256 of the text) or
    ``doc.url``; records of other documents are left out.
    """
    index = article_index(articles)
    out: dict[str, list[Any]] = {}
    for rec in records:
        doc = rec.get("doc")
        if not isinstance(doc, Mapping):
            continue
        keys = (doc.get("path"), doc.get("id"), doc.get("url"))
        article_id = next((index[k] for k in keys if isinstance(k, str) and k in index), None)
        if article_id is not None:
            stances = rec.get("stances")
            out.setdefault(article_id, []).extend(stances if isinstance(stances, list) else [])
    return out


def extract_records(
    results: Iterable[Extraction | IngestFailure],
) -> tuple[list[dict[str, Any]], list[IngestFailure]]:
    """The records of pipeline results, and the failures apart."""
    records: list[dict[str, Any]] = []
    failures: list[IngestFailure] = []
    for result in results:
        if isinstance(result, Extraction):
            records.append(result.to_dict())
        else:
            failures.append(result)
    return records, failures


# -------------------------------------------------------------------- matching
def norm_holder(name: object) -> str | None:
    """Comparable form of a holder name: diacritics folded, casefolded, dashes and slashes
    as spaces, other punctuation dropped, a leading "the " left out."""
    if not isinstance(name, str):
        return None
    text = unicodedata.normalize("NFKD", name.replace("\u00a0", " "))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _DASHES.sub(" ", text)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("P"))
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text or None


def holder_keys(j: Judgement) -> frozenset[str]:
    """The normalised names that denote the holder of ``j``: its name, its aliases, and
    for a person named with two words or more, the last name ("Zelensky")."""
    keys = {k for k in (norm_holder(n) for n in (j.holder, *j.holder_aliases)) if k}
    if j.holder_kind == "person":
        words = [w for w in (norm_holder(j.holder) or "").split() if w not in _SUFFIXES]
        if len(words) >= 2:
            keys.add(words[-1])
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Scored:
    """One scored item: a gold pair with its prediction (or none), or a spurious one."""

    article: str
    holder: str | None  # the gold holder; the predicted holder for a spurious item
    proposition: str
    gold: str | None  # None: spurious prediction
    pred: str | None  # None: missed gold pair; "#other" for an invalid label
    judgement: Judgement | None
    prediction: Mapping[str, Any] | None


def match(
    preds: Mapping[str, Sequence[Any]], judgements: Sequence[Judgement]
) -> tuple[list[Scored], int]:
    """Pair predictions with gold pairs. Returns the scored items (gold pairs in dev set
    order, then the spurious predictions) and the number of invalid predicted items
    (not an object, or no string proposition). Only articles with gold are scored."""
    gold_by_article: dict[str, list[tuple[Judgement, frozenset[str]]]] = {}
    for j in judgements:
        gold_by_article.setdefault(j.article, []).append((j, holder_keys(j)))
    taken: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    spurious: dict[tuple[str, str | None, str], Mapping[str, Any]] = {}
    invalid = 0
    for article, gold in gold_by_article.items():
        for p in preds.get(article, ()):
            if not isinstance(p, Mapping) or not isinstance(p.get("proposition"), str):
                invalid += 1
                continue
            prop = p["proposition"].strip()
            holder = norm_holder(p.get("holder"))
            hit = next((j for j, keys in gold if j.proposition == prop and holder in keys), None)
            if hit is not None:
                taken.setdefault(hit.pair, p)
            else:
                spurious.setdefault((article, holder, prop), p)
    items = []
    for j in judgements:
        p = taken.get(j.pair)
        items.append(
            Scored(j.article, j.holder, j.proposition, j.stance, _label(p), j, p)
            if p is not None
            else Scored(j.article, j.holder, j.proposition, j.stance, None, j, None)
        )
    for (article, _, prop), p in spurious.items():
        holder = p.get("holder")
        items.append(
            Scored(
                article, holder if isinstance(holder, str) else None, prop, None, _label(p), None, p
            )
        )
    return items, invalid


def _label(p: Mapping[str, Any]) -> str:
    lab = p.get("stance")
    return lab if isinstance(lab, str) and lab in LABELS else "#other"


# ---------------------------------------------------------------------- figures
def macro_f1(
    conf: Sequence[tuple[str | None, str | None]], labels: Sequence[str] = LABELS
) -> float:
    """As shared/eval/score.py's macro_f1: conf holds (gold or None, pred or None)."""
    f1s = []
    for c in labels:
        tp = sum(1 for g, p in conf if g == c and p == c)
        fp = sum(1 for g, p in conf if p == c and g != c)
        fn = sum(1 for g, p in conf if g == c and p != c)
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def score_by_article(
    preds: Mapping[str, Sequence[Any]], judgements: Sequence[Judgement]
) -> dict[str, float | int]:
    """Figures of predicted stances (by article id) against the judgements."""
    items, invalid = match(preds, judgements)
    gold = [s for s in items if s.gold is not None]
    covered = [s for s in gold if s.pred is not None]
    conf = [(s.gold, s.pred) for s in items]
    fig: dict[str, float | int] = {
        "accuracy": _ratio(sum(s.pred == s.gold for s in covered), len(covered)),
        "coverage": _ratio(len(covered), len(gold)),
        "macro_f1": macro_f1(conf),
        "n_gold": len(gold),
        "n_pred": sum(1 for s in items if s.pred is not None),
        "n_pred_items": sum(len(preds.get(a, ())) for a in {j.article for j in judgements}),
        "n_covered": len(covered),
        "n_spurious": len(items) - len(gold),
        "n_invalid": invalid,
    }
    for c in LABELS:
        tp = sum(1 for g, p in conf if g == c and p == c)
        fp = sum(1 for g, p in conf if p == c and g != c)
        fn = sum(1 for g, p in conf if g == c and p != c)
        fig[f"{c}.p"] = _ratio(tp, tp + fp)
        fig[f"{c}.r"] = _ratio(tp, tp + fn)
        fig[f"{c}.f1"] = _ratio(2 * tp, 2 * tp + fp + fn)
    return fig


def score(
    records: Iterable[Mapping[str, Any]],
    judgements: Sequence[Judgement],
    articles: Mapping[str, Mapping[str, Any]],
) -> dict[str, float | int]:
    """Figures of extraction records (``Extraction.to_dict()``) against the judgements."""
    return score_by_article(stances_by_article(records, articles), judgements)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


# ----------------------------------------------------------------------- errors
@dataclass(frozen=True, slots=True)
class StanceError:
    kind: str  # "missed" | "wrong" | "spurious"
    article: str
    holder: str | None
    proposition: str
    gold: str | None
    pred: str | None
    predicted_holder: str | None
    predicted_evidence: str | None

    def line(self, articles: Mapping[str, Mapping[str, Any]] | None = None) -> str:
        what = {
            "missed": f"missed {self.gold}",
            "wrong": f"gold {self.gold}, predicted {self.pred}",
            "spurious": f"spurious {self.pred}",
        }[self.kind]
        who = (
            self.holder if self.kind != "wrong" else f"{self.holder} (as {self.predicted_holder!r})"
        )
        text = f"{self.kind:8} {self.article} {self.proposition} {who}: {what}"
        if self.predicted_evidence:
            text += f"  [{_short(self.predicted_evidence)}]"
        return text


def errors(
    preds: Mapping[str, Sequence[Any]], judgements: Sequence[Judgement]
) -> list[StanceError]:
    """Missed gold pairs, wrong labels and spurious predictions, for a debug report."""
    out = []
    for s in match(preds, judgements)[0]:
        if s.gold is not None and s.pred == s.gold:
            continue
        kind = "spurious" if s.gold is None else "missed" if s.pred is None else "wrong"
        p = s.prediction or {}
        ev = p.get("evidence")
        ev_text = ev.get("text") if isinstance(ev, Mapping) else None
        holder = p.get("holder")
        out.append(
            StanceError(
                kind,
                s.article,
                s.holder,
                s.proposition,
                s.gold,
                s.pred,
                holder if isinstance(holder, str) else None,
                ev_text if isinstance(ev_text, str) else None,
            )
        )
    return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
