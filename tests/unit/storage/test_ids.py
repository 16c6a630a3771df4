"""Row ids: the next one follows the highest, compared as text, never as a float."""

from __future__ import annotations

import re

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

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


_IDS = st.lists(st.one_of(st.from_regex(r"E[0-9]{1,25}", fullmatch=True),
                          st.from_regex(r"[AEN]?[0-9a-z]{0,6}", fullmatch=True), st.none()),
                max_size=40)


@given(_IDS)
def test_the_next_number_follows_the_longest_then_highest_digits(values):
    """Whatever a spreadsheet left in the column: one more than the highest of the ids written
    the app's way, compared as text (longest first), never as floats."""
    ours = [v[1:].lstrip("0") for v in values if isinstance(v, str) and re.fullmatch("E[0-9]+", v)]
    best = max(ours, key=lambda d: (len(d), d)) if ours else None
    expected = 1 if best is None else int(best or "0") + 1
    assert next_number(pd.Series(values, dtype="str"), "E") == expected
