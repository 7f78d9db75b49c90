"""Transcript turns: invented transcripts in, turns with their speakers out; the claims
and commitments of a turn rest on its speaker."""

from __future__ import annotations

from presswatch.models import Document, Extraction, Quote, Span, Turn
from presswatch.nlp.turns import Voices, find_labels
from presswatch.pipeline import Pipeline

WH = "https://www.whitehouse.gov/briefing-room/press-briefings/2022/06/23/x/"
NEWS = "https://example.com/a"

BRIEFING = (
    "THE WHITE HOUSE\n\n"
    "1:30 P.M. EDT\n\n"
    "MS. JEAN-PIERRE:\u00a0 Good afternoon. Today we are announcing an additional "
    "$450 million in security assistance to Ukraine. Some 2,000 people took part.\n\n"
    "Q\u00a0\u00a0\u00a0 Thanks, Karine. Germany sent 30 howitzers. Will you send more?\n\n"
    "MS. JEAN-PIERRE:\u00a0 We have nothing to announce on that.\n"
)


def extract(
    pipeline: Pipeline,
    text: str,
    url: str | None = WH,
    title: str | None = "Press Briefing by Press Secretary Karine Jean-Pierre",
    published: str = "2022-06-23",
) -> Extraction:
    doc = Document(text=text, path="t.txt", published=published, url=url, title=title)
    ex = pipeline.extract_parsed(doc, pipeline.nlp(text))
    for t in ex.turns:
        assert text[t.label.start : t.label.end] == t.label.text
        assert t.span.start == t.label.start and t.span.end <= len(text)
    return ex


def test_labels_at_the_starts_of_lines() -> None:
    text = (
        "MS. JEAN-PIERRE:\u00a0 Hi.\n"
        "Q\u00a0\u00a0\u00a0 Thanks.\n"
        "**MR. O’BRIEN (via interpreter):** Yes.\n"
        "Q: And?\n"
        "Question is whether we go.\n"
        "We said: no.\n"
        "END 3:45 P.M.\n"
    )
    assert [label for _start, label in find_labels(text)] == [
        "MS. JEAN-PIERRE",
        "Q",
        "MR. O’BRIEN",
        "Q",
        "We said",  # a candidate; not in capitals, so no label (see below)
    ]


def test_a_briefing_has_turns_with_speakers(pipeline: Pipeline) -> None:
    ex = extract(pipeline, BRIEFING)
    assert [(t.label.text, t.speaker, t.role) for t in ex.turns] == [
        # the full name from the document's title
        ("MS. JEAN-PIERRE", "Karine Jean-Pierre", "named"),
        ("Q", "reporter", "question"),
        ("MS. JEAN-PIERRE", "Karine Jean-Pierre", "named"),
    ]
    first, question, _ = ex.turns
    assert first.span.text.endswith("took part.")  # up to the next label
    assert question.span.text.startswith("Q")
    assert ex.to_dict()["turns"][1] == {
        "span": {"start": question.span.start, "end": question.span.end},
        "label": question.label.to_dict(),
        "speaker": "reporter",
        "role": "question",
    }


def test_claims_and_commitments_rest_on_the_speaker_of_the_turn(pipeline: Pipeline) -> None:
    ex = extract(pipeline, BRIEFING)
    sources = {c.span.text: c.source for c in ex.numeric_claims}
    assert sources["$450 million"] == "Karine Jean-Pierre"
    assert sources["Some 2,000 people"] == "Karine Jean-Pierre"
    assert sources["30 howitzers"] == "reporter"
    [package] = [c for c in ex.commitments if c.value_usd]
    # "we" of the government's press secretary, on its site: that government
    assert (package.donor, package.value_usd, package.source) == (
        "United States",
        450_000_000,
        "Karine Jean-Pierre",
    )
    [howitzers] = [c for c in ex.commitments if c.item == "howitzers"]
    assert (howitzers.donor, howitzers.source) == ("Germany", "reporter")


def test_a_text_with_one_label_is_no_transcript(pipeline: Pipeline) -> None:
    text = "MR. KIRBY:  The United States announced $450 million in aid for Ukraine today."
    assert extract(pipeline, text, url=NEWS, title=None).turns == []


def test_headings_in_capitals_are_no_labels(pipeline: Pipeline) -> None:
    text = (
        "MR. KIRBY:  Thanks. We will say more.\n\n"
        "LONG TERM SUPPORT FOR UKRAINE:  a heading, not a speaker.\n\n"
        "NATO:  another heading.\n\n"
        "MR. KIRBY:  That is all.\n"
    )
    title = "Press Briefing by National Security Communications Advisor John Kirby"
    ex = extract(pipeline, text, title=title)
    assert [(t.label.text, t.speaker) for t in ex.turns] == [
        ("MR. KIRBY", "John Kirby"),
        ("MR. KIRBY", "John Kirby"),
    ]


def test_a_title_alone_is_the_holder_of_that_office_in_the_publishing_government(
    pipeline: Pipeline,
) -> None:
    text = (
        "THE PRESIDENT:  We will stand with Ukraine.\n\n"
        "PRESIDENT ZELENSKYY:  (As interpreted.)  Thank you.\n\n"
        "THE PRESIDENT:  Thank you.\n"
    )
    ex = extract(pipeline, text, title="Remarks by President Biden and President Zelenskyy")
    assert [(t.speaker, t.role) for t in ex.turns] == [
        ("Joe Biden", "office"),
        ("Volodymyr Zelensky", "office"),
        ("Joe Biden", "office"),
    ]
    # no publishing government: the title stays a label
    news = extract(pipeline, text, url=NEWS, title=None)
    assert news.turns[0].speaker == "president"


def test_a_title_and_a_surname_is_the_office_holder(pipeline: Pipeline) -> None:
    text = (
        "PRESIDENT BIDEN:  Jill Biden and I welcome you. Jill Biden will speak too.\n\n"
        "Q    Thank you.\n\n"
        "PRESIDENT BIDEN:  And yesterday, I announced $225 million in new security "
        "assistance to Ukraine.\n"
    )
    ex = extract(pipeline, text, title="Remarks by President Biden")
    assert [t.speaker for t in ex.turns] == ["Joe Biden", "reporter", "Joe Biden"]
    [c] = [c for c in ex.commitments if c.value_usd]
    assert (c.donor, c.source, c.date) == ("United States", "Joe Biden", "2022-06-22")


def test_a_reporters_the_president_is_the_publishers(pipeline: Pipeline) -> None:
    text = (
        "MR. KIRBY:  Good afternoon.\n\n"
        "Q    The President announced the $200 million security assistance package "
        "yesterday for Ukraine. Is there more?\n"
    )
    ex = extract(pipeline, text, title="Press Briefing by John Kirby")
    [c] = [c for c in ex.commitments if c.value_usd]
    assert (c.donor, c.source, c.date) == ("United States", "reporter", "2022-06-22")


def test_a_misspelt_label_is_the_person_of_the_text(pipeline: Pipeline) -> None:
    text = (
        "MR. SULLIVAN:  Jake Sullivan here. We spoke with Kyiv.\n\n"
        "Q    Thank you.\n\n"
        "MR. SULLICAN:  Yes.\n"
    )
    ex = extract(pipeline, text, title=None)
    assert [t.speaker for t in ex.turns] == ["Jake Sullivan", "reporter", "Jake Sullivan"]


def test_we_in_a_foreign_guests_turn_is_not_the_publishers_country(pipeline: Pipeline) -> None:
    text = (
        "THE PRESIDENT:  Welcome.\n\n"
        "PRESIDENT ZELENSKYY:  We will send 20 howitzers to Moldova.\n\n"
        "PRESIDENT DUDA:  We will send 30 tanks to Ukraine.\n\n"
        "POLISH AIDE:  We sent 10 tanks to Ukraine.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL:  We sent 40 HIMARS to Ukraine.\n"
    )
    ex = extract(pipeline, text, title="Remarks by President Biden and President Zelenskyy")
    donors = {(c.item, c.quantity): c.donor for c in ex.commitments}
    assert donors[("howitzers", 20)] == "Ukraine"  # his office's country
    assert donors.get(("tanks", 30)) != "United States"  # a guest the pack does not know
    assert donors[("tanks", 10)] == "Poland"  # the demonym of the label
    assert donors[("HIMARS", 40)] == "United States"  # the government's own official


def test_voices_prefer_a_quote_to_the_turn() -> None:
    text = 'MR. KIRBY:  He said "we will send tanks" and left.'
    turn = Turn(Span.of(text, 0, len(text)), Span.of(text, 0, 9), "John Kirby", "named")
    quote = Quote("direct", Span.of(text, 21, 40), None, "Olaf Scholz", None)
    voices = Voices([quote], [turn])
    assert voices.source_at(25) == "Olaf Scholz"
    assert voices.source_at(12) == "John Kirby"
    assert Voices([], []).source_at(12) == "author"
    assert voices.turn_at(len(text)) is None
