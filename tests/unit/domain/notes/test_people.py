"""The people a note goes to, read from what the interview records say."""

from __future__ import annotations

import math

from nextround.domain.notes.people import interviewer_list

# --- interviewer_list ---------------------------------------------------------------------------


def test_interviewers_are_paired_with_their_emails_by_position():
    assert interviewer_list(" Priya Raman ; Zoë Ångström;Tom", "p@x.io; z@x.io") == [
        ("Priya Raman", "p@x.io"),
        ("Zoë Ångström", "z@x.io"),
        ("Tom", ""),
    ]


def test_interviewer_list_handles_empty_cells_and_empty_slots():
    assert interviewer_list(math.nan, math.nan) == []
    assert interviewer_list("Priya", math.nan) == [("Priya", "")]
    assert interviewer_list("Priya;;Tom", "p@x.io;;t@x.io") == [
        ("Priya", "p@x.io"),
        ("Tom", "t@x.io"),
    ]


def test_interviewers_typed_with_commas_are_split():
    assert interviewer_list("Priya Natarajan, Tom Okafor", "p@example.com, t@example.com") == [
        ("Priya Natarajan", "p@example.com"), ("Tom Okafor", "t@example.com")]
    assert interviewer_list("Smith; Jones", "s@example.com") == [
        ("Smith", "s@example.com"), ("Jones", "")]
