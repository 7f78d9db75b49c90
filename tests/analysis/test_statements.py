"""Linking the same statement across documents."""

from __future__ import annotations

from typing import Any

from presswatch.analysis.statements import link_statements, same_statement, words


def row(
    doc: str, published: str, text: str, speaker: str | None, qtype: str = "direct"
) -> dict[str, Any]:
    return {
        "doc_id": doc * 8,
        "published": published,
        "title": None,
        "path": f"{doc}.txt",
        "type": qtype,
        "cue": "said",
        "start": 0,
        "end": len(text),
        "text": text,
        "speaker": speaker,
    }


def test_same_words_are_the_same_statement() -> None:
    a = words("We want to see Russia weakened to the degree that it cannot invade again")
    b = words("the U.S. wants to “see Russia weakened to the degree that it cannot invade again")
    assert same_statement(a, b)
    assert not same_statement(a, words("Russia must be stopped before the winter comes, he said"))
    assert same_statement(words("unacceptable"), words("Unacceptable"))
    assert not same_statement(words("win"), words("win the war now"))


def test_one_statement_with_all_its_sources() -> None:
    rows = [
        row(
            "a",
            "2022-04-30",
            "We want to see Russia weakened to the degree that it cannot invade again.",
            "Lloyd Austin",
        ),
        row(
            "b",
            "2022-05-02",
            "The Kremlin will answer any provocation firmly and quickly.",
            "Dmitry Peskov",
        ),
        row(
            "c",
            "2022-08-07",
            "the U.S. wants to “see Russia weakened to the degree that it cannot invade again",
            "Lloyd Austin",
            "mixed",
        ),
        # the same words from another speaker are another statement
        row(
            "d",
            "2022-09-01",
            "We want to see Russia weakened to the degree that it cannot invade again.",
            "Someone Else",
        ),
    ]
    statements = link_statements(rows)
    assert [(s.speaker, len(s.sources)) for s in statements] == [
        ("Lloyd Austin", 2),
        ("Dmitry Peskov", 1),
        ("Someone Else", 1),
    ]
    austin = statements[0]
    assert austin.type == "direct" and austin.text.startswith("We want")
    assert [s["published"] for s in austin.sources] == ["2022-04-30", "2022-08-07"]
    assert austin.to_dict()["first_published"] == "2022-04-30"
