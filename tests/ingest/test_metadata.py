"""sniff_metadata: title, date, authors and outlet found in invented article texts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presswatch.ingest.metadata import sniff_metadata

BODY = (
    "The harbour council met on Tuesday to discuss the new breakwater.\n\n"
    "Residents asked whether the fishing fleet would be moved during the works.\n"
)


# --- title -------------------------------------------------------------------------


def test_markdown_level_one_heading_is_the_title() -> None:
    text = "###### Small kicker\n# Storm wall approved at last   \n## A subtitle\n" + BODY
    assert sniff_metadata(text)["title"] == "Storm wall approved at last"


@pytest.mark.parametrize("heading", ["## Not a title", "###### Kicker", "#hashtag", "#"])
def test_other_headings_are_not_titles(heading: str) -> None:
    assert "title" not in sniff_metadata(f"{heading}\n{BODY}")


def test_closing_hashes_are_dropped() -> None:
    assert sniff_metadata("# Tide tables #\n" + BODY)["title"] == "Tide tables"


def test_front_matter_title_date_and_author() -> None:
    text = (
        "---\n"
        'title: "Ferry timetable changes"\n'
        "date: 2023-03-14T08:00:00+01:00\n"
        "authors:\n"
        "  - Ana Lopez\n"
        "  - Tom Berg\n"
        "---\n" + BODY
    )
    assert sniff_metadata(text) == {
        "title": "Ferry timetable changes",
        "published": "2023-03-14",
        "authors": ["Ana Lopez", "Tom Berg"],
    }


def test_heading_wins_over_front_matter_title() -> None:
    text = "---\ntitle: Old name\n---\n# New name\n" + BODY
    assert sniff_metadata(text)["title"] == "New name"


# --- dateline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("> Apr 30th 2022 ", "2022-04-30"),
        ("April 30, 2022", "2022-04-30"),
        ("30 April 2022", "2022-04-30"),
        ("2022-04-30", "2022-04-30"),
        ("*Published: 3 May 2021*", "2021-05-03"),
        ("Updated on June 2, 2020", "2020-06-02"),
    ],
)
def test_dateline(line: str, iso: str) -> None:
    assert sniff_metadata(f"# A headline\n{line}\n{BODY}")["published"] == iso


def test_dates_inside_sentences_are_not_datelines() -> None:
    text = "The vote took place on April 30, 2022 in the town hall.\n" + BODY
    assert "published" not in sniff_metadata(text)


@pytest.mark.parametrize("line", ["20220430", "2022", "Page 3"])
def test_bare_numbers_are_not_datelines(line: str) -> None:
    assert "published" not in sniff_metadata(f"{line}\n{BODY}")


def test_past_tense_and_early_notes_are_not_author_notes() -> None:
    obituary = f"{BODY}\nJane Doe was a Reuters correspondent for forty years.\n"
    assert sniff_metadata(obituary) == {}
    early = "Tom Berg is a Harbour Times columnist.\n" + "".join(
        f"Paragraph {i} about the harbour.\n" for i in range(6)
    )
    assert sniff_metadata(early) == {}


def test_month_only_line_is_not_a_dateline() -> None:
    assert "published" not in sniff_metadata("April 2022\n" + BODY)


def test_dateline_far_down_is_ignored() -> None:
    text = "".join(f"Paragraph {i} about the harbour.\n" for i in range(20)) + "May 1, 2020\n"
    assert "published" not in sniff_metadata(text)


# --- bylines -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Ana Lopez*", ["Ana Lopez"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, Reuters", ["Jane Doe"]),
        ("BY JANE DOE", ["JANE DOE"]),
        ("By Ana María de la Cruz†", ["Ana María de la Cruz"]),
        ("By Jane A. Doe, John Roe, and Mary O'Poe", ["Jane A. Doe", "John Roe", "Mary O'Poe"]),
        ("By Tom Berg Jr. | Coastal Gazette", ["Tom Berg Jr."]),
    ],
)
def test_opening_byline(line: str, authors: list[str]) -> None:
    assert sniff_metadata(f"# Headline\n\n{line}\n\n{BODY}")["authors"] == authors


@pytest.mark.parametrize(
    "line",
    [
        "By Monday Morning the storm had passed.",
        "By the end of the week, the council had voted.",
        "By Friday",
        "By The Way",
    ],
)
def test_phrases_starting_with_by_are_not_bylines(line: str) -> None:
    assert "authors" not in sniff_metadata(f"{line}\n{BODY}")


def test_author_note_gives_author_and_outlet() -> None:
    text = BODY + "\n* Ana Lopez is a Harbour Times Opinion columnist covering ports and ferries.\n"
    found = sniff_metadata(text)
    assert found["authors"] == ["Ana Lopez"]
    assert found["outlet"] == "Harbour Times Opinion"


@pytest.mark.parametrize(
    ("note", "author", "outlet"),
    [
        ("Tom Berg is a Reuters correspondent in Oslo.", "Tom Berg", "Reuters"),
        ("Tom Berg is a senior Reuters correspondent.", "Tom Berg", "Reuters"),
        ("Jane Doe is a columnist for The Coastal Post.", "Jane Doe", "The Coastal Post"),
        ("Jane Doe is a staff writer at the Evening Ledger, covering courts.", "Jane Doe",
         "Evening Ledger"),
        ("— Mary Poe is an editor at Harbour Weekly", "Mary Poe", "Harbour Weekly"),
    ],
)  # fmt: skip
def test_author_note_variants(note: str, author: str, outlet: str) -> None:
    found = sniff_metadata(f"{BODY}\n{note}\n")
    assert (found["authors"], found["outlet"]) == ([author], outlet)


def test_author_note_without_outlet() -> None:
    found = sniff_metadata(f"{BODY}\nJane Doe is a freelance writer.\n")
    assert found == {"authors": ["Jane Doe"]}


def test_author_note_needs_a_writing_role() -> None:
    text = f"{BODY}\nJane Doe is a professor of history at Lakeside University.\n"
    assert sniff_metadata(text) == {}


def test_byline_and_note_are_merged_without_repeats() -> None:
    text = f"By Ana Lopez*\n\n{BODY}\n* Ana Lopez is a Harbour Times columnist.\n"
    assert sniff_metadata(text) == {"authors": ["Ana Lopez"], "outlet": "Harbour Times"}


def test_closing_byline_followed_by_bios() -> None:
    text = (
        BODY + "\nJane A. Doe, John Roe, and Mary Poe\n\n"
        "Jane A. Doe is a fellow at the Lakeside Institute. John R. Roe was a diplomat. "
        "Mary Poe teaches law.\n"
    )
    assert sniff_metadata(text)["authors"] == ["Jane A. Doe", "John Roe", "Mary Poe"]


def test_closing_names_without_bios_are_not_authors() -> None:
    text = BODY + "\nJane Doe, John Roe\n\nThe meeting ends at noon.\n"
    assert "authors" not in sniff_metadata(text)


# --- nothing invented --------------------------------------------------------------


def test_plain_text_gives_nothing() -> None:
    assert sniff_metadata(BODY) == {}


def test_empty_text_gives_nothing() -> None:
    assert sniff_metadata("") == {}


@settings(max_examples=150)
@given(st.text(max_size=400))
def test_any_text_gives_known_fields_of_the_right_types(text: str) -> None:
    found = sniff_metadata(text)
    assert set(found) <= {"title", "published", "authors", "outlet"}
    for key in ("title", "published", "outlet"):
        assert isinstance(found.get(key, ""), str)
    assert all(isinstance(a, str) and a for a in found.get("authors", []))
