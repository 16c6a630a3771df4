"""Which rows a save touches, and when another tab's change to them is a conflict."""

from __future__ import annotations

from datetime import date

import pandas as pd

from nextround.storage.conflicts import conflicts, touched
from nextround.storage.frames import typed_frame
from nextround.storage.schema import get_table

APPS = get_table("applications")
NOTES = get_table("sent_notes")


def _apps(*rows: tuple[str, str]) -> pd.DataFrame:
    return typed_frame("applications", [
        {"id": i, "company": c, "role": "Analyst", "stage": "applied",
         "date_applied": date(2026, 3, 1)} for i, c in rows])


def test_touched_is_what_a_save_adds_changes_or_removes() -> None:
    before = _apps(("A1", "Acme"), ("A2", "Beta"), ("A3", "Cobalt"))
    after = _apps(("A1", "Acme"), ("A2", "Beta Ltd"), ("A4", "Delta"))
    assert sorted(touched(APPS, before, after)["id"]) == ["A2", "A3", "A4"]
    assert touched(APPS, before, before).empty


def test_only_a_change_to_the_rows_a_save_touches_is_a_conflict() -> None:
    base = _apps(("A1", "Acme"), ("A2", "Beta"))
    current = _apps(("A1", "Acme"), ("A2", "Beta (edited elsewhere)"))
    assert conflicts(APPS, base, current, _apps(("A2", "Beta mine")))
    assert not conflicts(APPS, base, current, _apps(("A1", "Acme mine")))
    # A row deleted elsewhere, or added elsewhere with the same id, is a conflict too.
    assert conflicts(APPS, base, _apps(("A1", "Acme")), _apps(("A2", "Beta mine")))
    assert conflicts(APPS, base, _apps(("A1", "Acme"), ("A2", "Beta"), ("A9", "X")),
                     _apps(("A9", "Mine")))


def test_a_wider_scope_makes_rows_of_the_same_group_conflict() -> None:
    def notes(*rows: tuple[str, str]) -> pd.DataFrame:
        return typed_frame("sent_notes", [{"id": i, "application_id": a, "kind": "thank-you",
                                           "sent_at": "2026-03-02 10:00:00"} for i, a in rows])

    base = notes(("N1", "A1"))
    current = notes(("N1", "A1"), ("N2", "A2"))  # another tab logged a note for A2
    mine_for_a2 = pd.DataFrame({"id": [None], "application_id": ["A2"]})
    mine_for_a1 = pd.DataFrame({"id": [None], "application_id": ["A1"]})
    assert conflicts(NOTES, base, current, mine_for_a2, scope="application_id")
    assert not conflicts(NOTES, base, current, mine_for_a1, scope="application_id")
    assert not conflicts(NOTES, base, current, mine_for_a2)  # by key alone: no shared row
