"""The stance dev set (tests/data/stances/): its scorer, its data file, and the figures of
the pipeline on it (against floors that the stance extractor's owner raises)."""

from __future__ import annotations

import collections
import os
from pathlib import Path
from typing import Any

import pytest

import stance_dev as sd
from presswatch.models import text_id
from presswatch.pipeline import Pipeline

# Floors of test_dev_set_figures. The owner of the stance extractor raises them as the
# extractor improves (scripts/stance_dev.py prints the current figures).
DEV_FLOORS: dict[str, float] = {"macro_f1": 0.19, "coverage": 0.28, "accuracy": 0.75}


# ------------------------------------------------------------------ helpers
def judgement(
    article: str,
    holder: str,
    proposition: str,
    stance: str,
    *,
    kind: str = "person",
    aliases: tuple[str, ...] = (),
) -> sd.Judgement:
    return sd.Judgement(
        article=article,
        published="2022-06-01",
        outlet="example.com",
        holder=holder,
        holder_kind=kind,
        holder_aliases=aliases,
        proposition=proposition,
        stance=stance,
        evidence=(sd.Evidence(0, 4, sd.evidence_sha1("abcd")),),
        note="",
        line=0,
    )


def pred(holder: str | None, proposition: str, stance: str) -> dict[str, Any]:
    return {
        "holder": holder,
        "proposition": proposition,
        "stance": stance,
        "evidence": {"start": 0, "end": 4, "text": "abcd"},
    }


GOLD = [
    judgement("a1", "Volodymyr Zelensky", "P2", "against", aliases=("Zelenskyy",)),
    judgement("a1", "Kremlin", "P4", "against", kind="organisation", aliases=("Moscow",)),
    judgement("a1", "author", "P1", "favor", kind="author"),
    judgement("a2", "Olaf Scholz", "P4", "mixed"),
    judgement("a2", "Charles Q. Brown Jr.", "P3", "favor"),
]


def perfect() -> dict[str, list[dict[str, Any]]]:
    preds: dict[str, list[dict[str, Any]]] = {}
    for j in GOLD:
        preds.setdefault(j.article, []).append(pred(j.holder, j.proposition, j.stance))
    return preds


# ------------------------------------------------------------------ the scorer
def test_perfect_predictions_score_one() -> None:
    fig = sd.score_by_article(perfect(), GOLD)
    assert fig["accuracy"] == fig["coverage"] == fig["macro_f1"] == 1.0
    assert fig["n_gold"] == fig["n_pred"] == len(GOLD)
    assert fig["n_spurious"] == 0
    assert fig["mixed.p"] == fig["mixed.r"] == fig["mixed.f1"] == 1.0
    assert sd.errors(perfect(), GOLD) == []


def test_no_predictions_score_zero() -> None:
    fig = sd.score_by_article({}, GOLD)
    assert fig["accuracy"] == fig["coverage"] == fig["macro_f1"] == 0.0
    assert fig["n_pred"] == 0
    assert {e.kind for e in sd.errors({}, GOLD)} == {"missed"}


def test_wrong_label_lowers_accuracy_and_macro_f1_not_coverage() -> None:
    preds = perfect()
    preds["a2"][0]["stance"] = "favor"  # Scholz P4: gold mixed
    fig = sd.score_by_article(preds, GOLD)
    assert fig["coverage"] == 1.0
    assert fig["accuracy"] == pytest.approx(4 / 5)
    assert fig["macro_f1"] < 1.0
    assert fig["mixed.r"] == 0.0
    (err,) = sd.errors(preds, GOLD)
    assert (err.kind, err.holder, err.gold, err.pred) == ("wrong", "Olaf Scholz", "mixed", "favor")


def test_spurious_prediction_lowers_macro_f1_not_coverage() -> None:
    preds = perfect()
    preds["a1"].append(pred("Joe Biden", "P4", "favor"))
    preds["a1"].append(pred("Volodymyr Zelensky", "P5", "favor"))  # right holder, other prop
    fig = sd.score_by_article(preds, GOLD)
    assert fig["coverage"] == fig["accuracy"] == 1.0
    assert fig["macro_f1"] < 1.0
    assert fig["favor.p"] == pytest.approx(2 / 4)
    assert fig["n_spurious"] == 2
    assert [e.kind for e in sd.errors(preds, GOLD)] == ["spurious", "spurious"]


def test_first_prediction_per_pair_counts() -> None:
    preds = perfect()
    preds["a1"].append(pred("Zelensky", "P2", "favor"))  # a second one for the same pair
    fig = sd.score_by_article(preds, GOLD)
    assert fig["accuracy"] == fig["macro_f1"] == 1.0
    assert fig["n_spurious"] == 0


def test_holders_match_by_alias_last_name_and_normalisation() -> None:
    preds = {
        "a1": [
            pred("ZELENSKYY", "P2", "against"),  # alias, any case
            pred("moscow", "P4", "against"),  # alias of the Kremlin
            pred("Author", "P1", "favor"),
        ],
        "a2": [
            pred("the Scholz.", "P4", "mixed"),  # last name, "the " and punctuation dropped
            pred("Brown", "P3", "favor"),  # last name before the suffix "Jr."
        ],
    }
    fig = sd.score_by_article(preds, GOLD)
    assert fig["coverage"] == fig["accuracy"] == 1.0


def test_holder_rules_do_not_overmatch() -> None:
    preds = {
        "a1": [
            pred("Kyiv", "P2", "against"),  # not an alias of Zelensky
            pred("Russia", "P4", "against"),  # the Kremlin's aliases do not include it
            pred(None, "P1", "favor"),  # no holder is not the author
        ],
        "a2": [pred("Olaf", "P4", "mixed")],  # a first name is not enough
    }
    fig = sd.score_by_article(preds, GOLD)
    assert fig["coverage"] == 0.0
    assert fig["n_spurious"] == 4
    # an organisation's last word is no key
    org = judgement("a3", "European Union", "P5", "favor", kind="organisation")
    assert "union" not in sd.holder_keys(org)
    assert sd.norm_holder("Péter Szijjártó") == sd.norm_holder("Peter Szijjarto")
    assert sd.norm_holder("U.S.") == sd.norm_holder("US")


def test_prediction_for_an_article_without_gold_is_ignored() -> None:
    preds = perfect()
    preds["elsewhere"] = [pred("Joe Biden", "P4", "favor")]
    assert sd.score_by_article(preds, GOLD)["macro_f1"] == 1.0


def test_invalid_items_and_labels() -> None:
    preds = perfect()
    preds["a1"][0]["stance"] = "support"  # not a label: covered, wrong
    preds["a1"].append({"holder": "x"})  # no proposition: invalid
    fig = sd.score_by_article(preds, GOLD)
    assert fig["n_invalid"] == 1
    assert fig["coverage"] == 1.0
    assert fig["accuracy"] == pytest.approx(4 / 5)


def test_macro_f1_matches_score_py() -> None:
    conf = [("favor", "favor"), ("against", "favor"), (None, "mixed"), ("mixed", None)]
    # favor 2/3, against 0, mixed 0 -> (2/3) / 3
    assert sd.macro_f1(conf) == pytest.approx(2 / 9)
    assert sd.macro_f1([]) == 0.0


def test_records_are_tied_to_articles_by_path_id_or_url() -> None:
    articles = {"a1": {"id": "a1", "text": "abcd efgh", "url": "https://x/1"}}
    records = [
        {"doc": {"path": sd.document_path("a1")}, "stances": [pred("Zelensky", "P2", "against")]},
        {"doc": {"id": text_id("abcd efgh")}, "stances": [pred("Kremlin", "P4", "against")]},
        {"doc": {"url": "https://x/1"}, "stances": [pred("author", "P1", "favor")]},
        {"doc": {"path": "other.txt"}, "stances": [pred("Biden", "P1", "favor")]},
    ]
    fig = sd.score(records, [j for j in GOLD if j.article == "a1"], articles)
    assert fig["coverage"] == fig["macro_f1"] == 1.0


def test_sha1_mismatch_raises_naming_the_judgement() -> None:
    good = judgement("a1", "Kremlin", "P4", "against", kind="organisation")
    sd.verify_evidence({"a1": {"text": "abcd and more"}}, [good])
    with pytest.raises(sd.DevSetError, match=r"Kremlin.*P4.*sha1 mismatch"):
        sd.verify_evidence({"a1": {"text": "abce and more"}}, [good])
    with pytest.raises(sd.DevSetError, match="sha1 mismatch"):
        sd.verify_evidence({"a1": {"text": "ab"}}, [good])  # span past the end


def test_malformed_line_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text('{"article": "a1"}\n', encoding="utf-8")
    with pytest.raises(sd.DevSetError, match="line 1"):
        sd.load_judgements(path)


# ------------------------------------------------------------------ the data file
def test_dev_set_is_well_formed() -> None:
    judgements = sd.load_judgements()
    assert len(judgements) >= 60
    assert len({j.pair for j in judgements}) == len(judgements), "pairs must be unique"
    labels = collections.Counter(j.stance for j in judgements)
    assert set(labels) == set(sd.LABELS)
    assert labels["mixed"] >= 8 and labels["against"] >= 15
    assert {j.proposition for j in judgements} == set(sd.PROPOSITIONS)
    assert any(j.holder == "author" for j in judgements)
    assert all((j.holder == "author") == (j.holder_kind == "author") for j in judgements)
    assert len({j.outlet for j in judgements}) >= 5
    # no two holders of one article and proposition share a name key
    seen: dict[tuple[str, str, str], str] = {}
    for j in judgements:
        for key in sd.holder_keys(j):
            other = seen.setdefault((j.article, j.proposition, key), j.holder)
            assert other == j.holder, f"{j.where()}: {key!r} also names {other!r}"
        assert all(e.start < e.end for e in j.evidence)


def test_dev_set_stores_no_article_text() -> None:
    raw = sd.DEFAULT.read_text(encoding="utf-8")
    for banned in ('"text"', '"title"', '"url"'):
        assert banned not in raw


# ------------------------------------------------------------ with the shared corpus
def shared_or_skip() -> Path:
    shared = sd.shared_dir()
    if shared is None or not sd.corpus_path(shared).exists():
        reason = "../shared (or $PRESSWATCH_SHARED) with corpora/news-2022 not found"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {reason}", pytrace=False)
        pytest.skip(reason)
    return shared


@pytest.fixture(scope="module")
def dev_articles() -> tuple[list[sd.Judgement], dict[str, dict[str, Any]]]:
    shared = shared_or_skip()
    judgements = sd.load_judgements()
    # load_articles checks every evidence sha1 against the corpus text
    articles = sd.load_articles(shared, [j.article for j in judgements], judgements)
    return judgements, articles


def test_evidence_matches_the_corpus(
    dev_articles: tuple[list[sd.Judgement], dict[str, dict[str, Any]]],
) -> None:
    judgements, articles = dev_articles
    assert set(articles) == {j.article for j in judgements}
    for j in judgements:
        record = articles[j.article]
        assert record["removed_by_filter"] is False
        assert (record["published"], record["outlet"]) == (j.published, j.outlet), j.where()


def test_dev_set_figures(
    pipeline: Pipeline,
    dev_articles: tuple[list[sd.Judgement], dict[str, dict[str, Any]]],
) -> None:
    judgements, articles = dev_articles
    docs = sd.articles_as_documents(articles)
    assert {d.extra.get("id") for d in docs} == set(articles)
    records, failures = sd.extract_records(pipeline.extract(docs))
    assert failures == []
    assert len(records) == len(docs)
    fig = sd.score(records, judgements, articles)
    assert fig["n_gold"] == len(judgements)
    for name, floor in DEV_FLOORS.items():
        assert fig[name] >= floor, f"stance dev set: {name} = {fig[name]:.3f} < floor {floor}"
