"""Content entries become dataclasses by their declared types, so a hand edit to a TOML file
reads the same way in every loader: blank optional text is None, numbers are numbers, a
missing flag or list is false or empty, and a missing required field is an error."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nextround.domain.catalog import entries


@dataclass(frozen=True)
class Entry:
    id: str
    weight: int
    star: bool
    tags: tuple[str, ...]
    percent: int | None = None
    source: str | None = None
    share: float = 0.5


def test_each_field_is_read_by_its_type() -> None:
    [full, bare] = entries(Entry, [
        {"id": "a", "weight": "3", "star": 1, "tags": ["x", "y"], "percent": "77",
         "source": "  Survey, 2017 ", "share": "0.25"},
        {"id": "b", "weight": 2, "source": "   "},
    ])
    assert full == Entry("a", 3, True, ("x", "y"), 77, "Survey, 2017", 0.25)
    assert bare == Entry("b", 2, False, (), None, None, 0.5)


def test_a_derived_field_is_worked_out_from_its_entry() -> None:
    [entry] = entries(Entry, [{"id": "a", "weight": 1}], tags=lambda e: (e["id"] * 2,))
    assert entry.tags == ("aa",)


def test_a_missing_required_field_is_an_error() -> None:
    with pytest.raises(KeyError, match="weight"):
        entries(Entry, [{"id": "a"}])


@dataclass(frozen=True)
class WithDefaults:
    id: str
    shown: bool = True
    tags: tuple[str, ...] = ("general",)


def test_a_declared_default_is_kept_when_the_field_is_missing() -> None:
    [entry] = entries(WithDefaults, [{"id": "a"}])
    assert entry == WithDefaults("a", True, ("general",))
