"""Author lists split into names; names told apart from phrases."""

from __future__ import annotations

import pytest

from presswatch.ingest.names import is_person_name, split_names


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe, and Mary Poe", ["Jane Doe", "John Roe", "Mary Poe"]),
        ("Jane Doe & John Roe; Mary Poe", ["Jane Doe", "John Roe", "Mary Poe"]),
        ("Tom Berg, Jr.*", ["Tom Berg Jr."]),
        ("Andrea Anderson", ["Andrea Anderson"]),
        ("  ", []),
    ],
)
def test_split_names(value: str, names: list[str]) -> None:
    assert split_names(value) == names


@pytest.mark.parametrize(
    "name",
    [
        "Jane Doe",
        "Jane A. Doe",
        "Jean-Luc O'Brien",
        "Ludwig van der Berg",
        "JANE DOE",
        "Tom Berg III",
    ],
)
def test_person_names(name: str) -> None:
    assert is_person_name(name)


@pytest.mark.parametrize(
    "phrase",
    ["Reuters", "The Editorial Board", "Monday Morning", "Jane", "Jane doe", "A B C D E F",
     "Staff Reporter", "Jane 2nd"],
)  # fmt: skip
def test_not_person_names(phrase: str) -> None:
    assert not is_person_name(phrase)
