"""Row ids: the next one follows the highest, compared as text, never as a float."""

from __future__ import annotations

import pandas as pd

from nextround.storage.ids import new_id, new_ids, next_number


def test_ids_follow_the_highest_and_keep_their_width() -> None:
    assert new_ids("applications", pd.Series(["A00001", "A00007", "A00003"]), 2) == [
        "A00008", "A00009"]
    assert new_id("events", pd.Series([], dtype="str")) == "E000001"
    assert new_id("applications", pd.Series(["007", "NA", None, "A12"])) == "A00013"


def test_an_id_with_many_digits_gives_a_fresh_next_id() -> None:
    """Before: 17 or more digits went through a float, lost their last digits, and the "next"
    id was one already taken, so every later add failed as a duplicate."""
    big = "A12345678901234569"
    ids = pd.Series(["A00001", big, "A99", "from-another-tool"])
    assert next_number(ids, "A") == 12345678901234570
    fresh = new_id("applications", ids)
    assert fresh == "A12345678901234570" and fresh not in set(ids)
    assert new_id("applications", pd.Series(["A" + "9" * 30])) == "A1" + "0" * 30
