"""Stances: invented sentences in, (holder, proposition, stance) out."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from presswatch.domain import cached_pack
from presswatch.models import Document, Stance
from presswatch.nlp.stances import extract_stances, proposition_cues
from presswatch.pipeline import Pipeline

PUBLISHED = "2022-06-01"


def stances(pipeline: Pipeline, text: str, judge: object | None = "none") -> list[Stance]:
    doc = Document(text=text, path="t.txt", published=PUBLISHED)
    sdoc = pipeline.nlp(text)
    ex = pipeline.extract_parsed(doc, sdoc)
    if judge != "none":  # run again with a given judge (or None: embeddings off)
        found = extract_stances(sdoc, ex.entities, ex.quotes, pipeline.pack, PUBLISHED, judge)  # type: ignore[arg-type]
    else:
        found = ex.stances
    for s in found:
        assert text[s.evidence.start : s.evidence.end] == s.evidence.text
        for e in s.support:
            assert text[e.span.start : e.span.end] == e.span.text
        assert s.date == PUBLISHED
    return found


def summary(found: list[Stance]) -> set[tuple[str, str, str]]:
    return {(s.holder, s.proposition, s.stance) for s in found}


def test_a_quote_calling_for_talks_favors_negotiation(pipeline: Pipeline) -> None:
    text = (
        'Emmanuel Macron said: "We need an immediate ceasefire and peace talks as soon as '
        'possible."'
    )
    assert ("Emmanuel Macron", "P2", "favor") in summary(stances(pipeline, text))


def test_an_opposing_verb_turns_the_stance_round(pipeline: Pipeline) -> None:
    text = "Most Ukrainians oppose any negotiations that would cede territory to Russia."
    assert ("Ukrainians", "P2", "against") in summary(stances(pipeline, text))


def test_rejecting_calls_to_stop_arming_is_for_sending_weapons(pipeline: Pipeline) -> None:
    text = "Boris Johnson rejected calls to stop arming Ukraine with heavy weapons."
    found = summary(stances(pipeline, text))
    assert ("Boris Johnson", "P4", "favor") in found
    assert ("Boris Johnson", "P4", "against") not in found


def test_a_negation_turns_a_cue_round(pipeline: Pipeline) -> None:
    text = (
        'Jens Stoltenberg said: "We should not be deterred by fear of escalation." '
        'Dmitry Peskov said: "The West must stop sending weapons to Ukraine."'
    )
    found = summary(stances(pipeline, text))
    assert ("Jens Stoltenberg", "P3", "against") in found
    assert ("Dmitry Peskov", "P4", "against") in found


def test_a_reluctant_subject_is_against_what_it_is_reluctant_to_do(pipeline: Pipeline) -> None:
    text = "Germany has been reluctant to provide Ukraine with heavy weapons."
    assert ("Germany", "P4", "against") in summary(stances(pipeline, text))


def test_a_position_verb_with_no_cue_takes_its_own_side(pipeline: Pipeline) -> None:
    text = "Donald Trump called for a quick end to the war."
    assert ("Donald Trump", "P2", "favor") in summary(stances(pipeline, text))
    text = "The Kremlin dismissed the peace plan as unacceptable."
    assert ("Kremlin", "P2", "against") in summary(stances(pipeline, text))


def test_words_quoted_from_someone_else_are_not_the_subjects_position(
    pipeline: Pipeline,
) -> None:
    text = 'Lloyd Austin said that "Ukraine needs more long-range weapons now."'
    found = summary(stances(pipeline, text))
    assert ("Lloyd Austin", "P4", "favor") in found
    assert not any(holder == "Ukraine" for holder, _p, _s in found)


def test_evidence_on_both_sides_is_mixed(pipeline: Pipeline) -> None:
    text = (
        'Olaf Scholz said: "We will send more artillery to Ukraine." '
        'Olaf Scholz also said: "Sending tanks would be a dangerous mistake."'
    )
    [s] = [s for s in stances(pipeline, text) if s.proposition == "P4"]
    assert (s.holder, s.stance) == ("Olaf Scholz", "mixed")
    assert [e.side for e in s.support] == ["favor", "against"]
    assert s.evidence == s.support[0].span


OPINION = (
    "The West must send Ukraine more tanks and long-range missiles, and faster. "
    "We also need to ratchet up sanctions on Russia and close the loopholes. "
    "Fears of escalation are overblown. "
    "It is time to stop pretending otherwise."
)


def test_the_author_of_an_opinion_piece_holds_stances(pipeline: Pipeline) -> None:
    found = summary(stances(pipeline, OPINION))
    assert {
        ("author", "P4", "favor"),
        ("author", "P5", "favor"),
        ("author", "P3", "against"),
    } <= found


def test_a_news_report_with_one_modal_sentence_gives_the_author_none(
    pipeline: Pipeline,
) -> None:
    text = (
        "Russian forces shelled Kharkiv on Tuesday. Officials counted twelve dead. "
        "The West must send more weapons, a local councillor's sign read."
    )
    assert not any(s.holder == "author" for s in stances(pipeline, text))


def test_a_text_off_the_propositions_gives_no_stances(pipeline: Pipeline) -> None:
    text = 'The mayor said: "The new bridge will open in May and we must finish the road."'
    assert stances(pipeline, text) == []


class FixedJudge:
    """A judge that says the same side for everything it is asked about."""

    def __init__(self, side: int) -> None:
        self.side = side
        self.asked: list[tuple[str, list[str]]] = []

    def judge(self, items: Sequence[tuple[str, str]]) -> list[int]:
        self.asked.extend((proposition, [text]) for proposition, text in items)
        return [self.side] * len(items)


def test_a_judge_decides_evidence_with_a_topic_but_no_cue(pipeline: Pipeline) -> None:
    text = 'Antonio Guterres said: "This war ends at the table, and the world is watching."'
    assert stances(pipeline, text, judge=None) == []
    judge = FixedJudge(1)
    [s] = stances(pipeline, text, judge=judge)
    assert (s.holder, s.proposition, s.stance) == ("Antonio Guterres", "P2", "favor")
    assert s.support[0].cues == ("embedding",)
    assert judge.asked and judge.asked[0][0] == "P2"
    assert stances(pipeline, text, judge=FixedJudge(0)) == []


OPINION = (
    "The West must send Ukraine more tanks and faster. "
    "Sanctions on Russia should be tightened now. "
    "Fears of escalation are overblown. "
)


def test_an_opinion_piece_author_holds_evaluations_without_a_modal(pipeline: Pipeline) -> None:
    text = OPINION + "A lasting ceasefire is the goal. Bids to end the war now are futile."
    found = summary(stances(pipeline, text))
    assert ("author", "P2", "mixed") in found


def test_a_news_report_author_holds_no_evaluations(pipeline: Pipeline) -> None:
    text = "Talks resumed on Monday. A lasting ceasefire is the goal, officials said."
    assert not any(s.holder == "author" for s in stances(pipeline, text))


def test_this_judges_what_the_sentence_before_says(pipeline: Pipeline) -> None:
    text = OPINION + (
        "Some leaders began boasting about Russia's strategic defeat. "
        "This has always been a terrible idea."
    )
    assert ("author", "P1", "against") in summary(stances(pipeline, text))


def test_too_on_an_adjective_judges_against_and_a_denied_topic_turns_it(
    pipeline: Pipeline,
) -> None:
    text = OPINION + (
        "Many believe Ukraine cannot win the war and that there will be a negotiated settlement. "
        "This is probably too optimistic."
    )
    found = summary(stances(pipeline, text))
    assert ("author", "P2", "against") in found
    assert ("author", "P1", "favor") in found  # "cannot win", judged too optimistic


def test_a_conceded_clause_gives_no_side(pipeline: Pipeline) -> None:
    text = OPINION + (
        "Although a prudent concern with escalation risks is wise, the fears are overblown."
    )
    found = summary(stances(pipeline, text))
    assert ("author", "P3", "against") in found
    assert ("author", "P3", "mixed") not in found


def test_a_reported_act_of_giving_is_no_stance_but_a_wish_or_own_act_is(
    pipeline: Pipeline,
) -> None:
    told = 'Sergei Lavrov said that by arming Ukraine, NATO had "entered into a war".'
    assert not any(s.proposition == "P4" for s in stances(pipeline, told))
    plan = (
        "Dmitry Peskov said Joe Biden's plans to send rockets to Ukraine were "
        '"adding fuel to the fire".'
    )
    assert ("Dmitry Peskov", "P4", "against") in summary(stances(pipeline, plan))
    own = "Mateusz Morawiecki said his country had sent tanks to Ukraine."
    assert ("Mateusz Morawiecki", "P4", "favor") in summary(stances(pipeline, own))
    wish = "Ukraine has repeatedly asked allies to supply heavy weapons such as tanks."
    assert ("Ukraine", "P4", "favor") in summary(stances(pipeline, wish))


def test_a_negated_position_verb_turns_round(pipeline: Pipeline) -> None:
    text = "Olaf Scholz does not want to send more tanks to Ukraine."
    assert ("Olaf Scholz", "P4", "against") in summary(stances(pipeline, text))


def test_a_standpoint_shows_its_owners_position(pipeline: Pipeline) -> None:
    text = "The NSC's position suggests nervousness that Ukraine could actually defeat Russia."
    found = summary(stances(pipeline, text))
    assert ("National Security Council", "P1", "against") in found


def test_a_long_haul_commitment_is_against_an_early_settlement(pipeline: Pipeline) -> None:
    text = 'Liz Truss said the West "must be prepared for the long haul".'
    assert ("Liz Truss", "P2", "against") in summary(stances(pipeline, text))


def test_reported_speech_is_not_the_authors_voice(pipeline: Pipeline) -> None:
    text = OPINION + "Britain should provide warplanes to Ukraine, Liz Truss will say."
    found = stances(pipeline, text)
    assert not any(
        s.holder == "author" and "warplanes" in e.span.text for s in found for e in s.support
    )


def test_not_topic_phrases_hide_their_topic_words() -> None:
    [p4] = [p for p in proposition_cues(cached_pack("ukraine").propositions) if p.id == "P4"]
    assert p4.topic_in("more humanitarian aid for refugees") is None
    assert p4.topic_in("more military aid") is not None


def test_the_embedding_judge_picks_the_nearer_side() -> None:
    pytest.importorskip("sentence_transformers")
    from presswatch.nlp.embeddings import EmbeddingJudge

    judge = EmbeddingJudge(cached_pack("ukraine"))
    sides = judge.judge(
        [
            ("P2", "We call for an immediate ceasefire and talks to end the war now."),
            ("P2", "There will be no negotiations while Russian troops occupy our land."),
            ("P2", "The weather in Paris was mild on Sunday."),
            ("P9", "We call for an immediate ceasefire."),  # no such proposition
        ]
    )
    assert sides == [1, -1, 0, 0]
