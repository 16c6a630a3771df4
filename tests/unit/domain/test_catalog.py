"""Content entries become dataclasses by their declared types, so a hand edit to a TOML file
reads the same way in every loader: blank optional text is None, numbers are numbers, a
missing flag or list is false or empty, and a missing required field is an error."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nextround.domain.catalog import entries
from nextround.domain.prep.content import Mistake, Question, Slot

QUESTION = {"id": "q", "round": "core", "text": "Why us?", "tip": "Be specific.",
            "pitfall": "Flattery."}


def test_each_field_is_read_by_its_type() -> None:
    [full, bare] = entries(Question, [
        QUESTION | {"star": 1, "tags": ["fit", "motivation"], "source": "  Survey, 2017 "},
        QUESTION | {"figure": "   "},
    ])
    assert (full.star, full.tags, full.figure, full.source) == (
        True, ("fit", "motivation"), None, "Survey, 2017")
    assert (bare.star, bare.tags, bare.figure, bare.source) == (False, (), None, None)
    [slot] = entries(Slot, [{"id": "s", "name": "A week before", "offset_days": "-7"}])
    assert slot.offset_days == -7
    counted, uncounted = entries(Mistake, [{"id": "m", "text": "t", "avoid": "a", "percent": "77"},
                                           {"id": "n", "text": "t", "avoid": "a"}])
    assert (counted.percent, uncounted.percent) == (77, None)


def test_a_derived_field_is_worked_out_from_its_entry() -> None:
    [question] = entries(Question, [QUESTION], tags=lambda e: (e["round"],))
    assert question.tags == ("core",)


def test_a_missing_required_field_is_an_error() -> None:
    with pytest.raises(KeyError, match="pitfall"):
        entries(Question, [{k: v for k, v in QUESTION.items() if k != "pitfall"}])


@dataclass(frozen=True)
class Shown:
    id: str
    shown: bool = True
    tags: tuple[str, ...] = ("general",)


def test_a_declared_default_is_kept_when_the_field_is_missing() -> None:
    assert entries(Shown, [{"id": "a"}]) == (Shown("a", True, ("general",)),)
