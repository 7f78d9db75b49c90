"""The shipped data files and the patterns made of their cues."""

from __future__ import annotations

from presswatch.data import cue_pattern, read_data, words


def test_words_are_lower_cased_sets() -> None:
    data = read_data("commitments.yaml")
    assert "send" in words(data, "delivered_verbs")
    assert all(w == w.lower() for w in words(data, "publishers"))


def test_a_phrase_cue_matches_across_a_line_break() -> None:
    pattern = cue_pattern(["security assistance"])
    assert pattern.search("a new $400 million security\nassistance package")
    assert not pattern.search("food-security assistance")  # whole words only
