"""Quote extraction: invented sentences in, (type, content, speaker, cue) out."""

from __future__ import annotations

import pytest

from presswatch.models import Document, Quote
from presswatch.nlp.quotes import quoted_regions
from presswatch.pipeline import Pipeline


def quotes(pipeline: Pipeline, text: str) -> list[Quote]:
    doc = Document(text=text, path="t.txt", published="2024-03-01")
    ex = pipeline.extract_parsed(doc, pipeline.nlp(text))
    for q in ex.quotes:
        assert text[q.content.start : q.content.end] == q.content.text
        for sp in (q.cue, q.speaker_mention):
            assert sp is None or text[sp.start : sp.end] == sp.text
    return ex.quotes


def summary(qs: list[Quote]) -> list[tuple[str, str, str | None, str | None]]:
    return [(q.type, q.content.text, q.speaker, q.cue.text if q.cue else None) for q in qs]


# ----------------------------------------------------------------- quotation marks
@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ("He said “yes, now.” Then left.", ["yes, now."]),
        ('He said "no" twice.', ["no"]),
        ("''It works,'' she said.", ["It works,"]),
        (
            "“First paragraph runs on\n“and continues here.”",
            ["First paragraph runs on", "and continues here."],
        ),
        ("No quotes at all.", []),
        ("“ ” empty marks", []),
    ],
)
def test_quoted_regions(text: str, inside: list[str]) -> None:
    assert [text[a:b] for a, b in quoted_regions(text)] == inside


# ----------------------------------------------------------------- direct
def test_direct_quote_with_inverted_cue(pipeline: Pipeline) -> None:
    text = "“We will not give up a single village,” said Olaf Scholz, the German chancellor."
    assert summary(quotes(pipeline, text)) == [
        ("direct", "We will not give up a single village,", "Olaf Scholz", "said")
    ]


def test_interrupted_quote_is_one_quote(pipeline: Pipeline) -> None:
    text = (
        "“The first goal is to help Kyiv defend itself,” Jake Sullivan said on Monday, "
        "“and the second is to keep the war from spreading.”"
    )
    (q,) = quotes(pipeline, text)
    assert q.type == "direct" and q.speaker == "Jake Sullivan"
    assert q.content.text.startswith("The first goal") and q.content.text.endswith("spreading.")


def test_pronoun_speaker_resolves_to_the_person(pipeline: Pipeline) -> None:
    text = (
        "Antony Blinken arrived in Warsaw on Tuesday. "
        "“Our support will last as long as it takes,” he told reporters."
    )
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker) == ("direct", "Antony Blinken")
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"


def test_a_quotation_that_goes_on_after_its_attribution_is_one_quote(
    pipeline: Pipeline,
) -> None:
    text = (
        "“I think the front will hold through the winter,” said Maria Kowalski, a "
        "defence analyst. “The question is what happens in the spring.”"
    )
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker, q.cue and q.cue.text) == ("direct", "Maria Kowalski", "said")
    assert q.content.text.startswith("I think") and q.content.text.endswith("spring.")


def test_follow_on_quote_keeps_the_speaker(pipeline: Pipeline) -> None:
    text = (
        "Maria Kowalski said the front would hold through the winter. "
        "“The real question is what happens when the spring comes.”"
    )
    qs = quotes(pipeline, text)
    assert [(q.type, q.speaker, q.cue.text if q.cue else None) for q in qs] == [
        ("indirect", "Maria Kowalski", "said"),
        ("direct", "Maria Kowalski", None),
    ]


def test_colon_introduces_a_direct_quote(pipeline: Pipeline) -> None:
    text = "António Guterres tweeted: “Peace is the only path forward for the region.”"
    assert summary(quotes(pipeline, text)) == [
        ("direct", "Peace is the only path forward for the region.", "António Guterres", "tweeted")
    ]


# ----------------------------------------------------------------- indirect and mixed
def test_indirect_quote_with_a_clause(pipeline: Pipeline) -> None:
    text = "Germany announced it would send more air defence systems to Ukraine."
    assert summary(quotes(pipeline, text)) == [
        ("indirect", "it would send more air defence systems to Ukraine", "Germany", "announced")
    ]


def test_inverted_cue_inside_the_sentence(pipeline: Pipeline) -> None:
    text = "Dan Fried spoke in Washington. If talks fail, he argues, the fighting will go on."
    (q,) = quotes(pipeline, text)
    assert q.type == "indirect" and q.speaker == "Dan Fried"
    assert "the fighting will go on" in q.content.text


def test_according_to(pipeline: Pipeline) -> None:
    text = "Thousands of soldiers have been wounded since March, according to Elissa Slotkin."
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker, q.cue and q.cue.text) == (
        "indirect",
        "Elissa Slotkin",
        "according to",
    )
    assert q.content.text.startswith("Thousands of soldiers")


def test_mixed_quote(pipeline: Pipeline) -> None:
    text = "Liz Truss said the West must be “prepared for the long haul” in Ukraine."
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker) == ("mixed", "Liz Truss")


def test_prepositional_cue(pipeline: Pipeline) -> None:
    text = "Antony Blinken has spoken of the need for a ceasefire."
    assert summary(quotes(pipeline, text)) == [
        ("indirect", "the need for a ceasefire", "Antony Blinken", "has spoken of")
    ]


def test_unnamed_groups_are_labels_and_vague_sources_are_null(pipeline: Pipeline) -> None:
    text = (
        "Ukrainian officials say they need more shells. "
        "Many experts believe the war will last for years."
    )
    qs = quotes(pipeline, text)
    assert [(q.speaker, q.content.text) for q in qs] == [
        ("Ukrainian officials", "they need more shells"),
        (None, "the war will last for years"),
    ]
    assert qs[1].cognitive and not qs[0].cognitive


# ----------------------------------------------------------------- negatives
def test_scare_quotes_are_not_quotes(pipeline: Pipeline) -> None:
    text = "The so-called “winter war” of attrition has begun, and “victory” is far away."
    assert quotes(pipeline, text) == []


def test_a_quoted_book_title_is_not_a_quote(pipeline: Pipeline) -> None:
    text = "Her new book, “The Long War”, sold well in Kyiv last year."
    assert quotes(pipeline, text) == []


def test_authors_own_voice_and_that_said_are_not_quotes(pipeline: Pipeline) -> None:
    text = (
        "I have written before about why a nuclear strike is unlikely. That said, the risk is real."
    )
    assert quotes(pipeline, text) == []


def test_a_quote_with_no_speaker(pipeline: Pipeline) -> None:
    text = "The letter ended there.\n\n“Nothing will ever be the same again after this war.”"
    assert quotes(pipeline, text) == []


# ----------------------------------------------------------------- other layouts
def test_transcript_speaker_lines(pipeline: Pipeline) -> None:
    text = (
        "HOST: What will you do next week in Brussels?\n"
        "KULEBA: We will ask our partners for more air defence.\n"
    )
    qs = quotes(pipeline, text)
    assert [(q.speaker, q.cue and q.cue.text) for q in qs] == [("Host", ":"), ("Kuleba", ":")]
    assert qs[1].content.text == "We will ask our partners for more air defence"


def test_a_quotation_signed_after_a_dash(pipeline: Pipeline) -> None:
    text = "“We need the shells now, not in the spring.” ― Maria Kowalski\n"
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker, q.content.text) == (
        "direct",
        "Maria Kowalski",
        "We need the shells now, not in the spring.",
    )


def test_a_colon_cue_with_the_quotation_in_the_next_paragraph(pipeline: Pipeline) -> None:
    text = "Jake Sullivan continued:\n\n“We will keep supplying Ukraine for as long as it takes.”\n"
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker, q.cue and q.cue.text) == ("direct", "Jake Sullivan", "continued")


@pytest.mark.parametrize(
    "text",
    [
        "As Russia continues to wage its brutal war, today the administration is announcing "
        "a new package to help Ukraine.",
        "As the army continued its advance, the officials announced a new package.",
    ],
)
def test_continuing_to_do_something_is_no_speech(pipeline: Pipeline, text: str) -> None:
    assert [q.cue.text for q in quotes(pipeline, text) if q.cue] == []


def test_an_actors_words_quoted_in_what_it_did(pipeline: Pipeline) -> None:
    text = "The Kremlin dismissed the proposal as “a provocation by the West” on Tuesday."
    (q,) = quotes(pipeline, text)
    assert (q.type, q.speaker) == ("mixed", "Kremlin")
    assert "a provocation by the West" in q.content.text


def test_a_label_inside_a_noun_phrase_is_not_a_quote(pipeline: Pipeline) -> None:
    text = "Some Republicans who support Trump’s “peace now” approach met in Ohio."
    assert quotes(pipeline, text) == []


def test_a_closing_mark_typed_as_an_opening_one(pipeline: Pipeline) -> None:
    assert [("”Fear. I am afraid.”"[a:b]) for a, b in quoted_regions("”Fear. I am afraid.”")] == [
        "Fear. I am afraid."
    ]


def test_the_addressee_and_the_speaker_themselves_are_not_sources(pipeline: Pipeline) -> None:
    text = (
        "As you know, the budget is not final. Let me say that the talks continue. "
        "You mentioned that the vote is on Friday."
    )
    assert quotes(pipeline, text) == []
