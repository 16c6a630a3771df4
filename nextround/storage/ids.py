"""Readable, stable row ids (A00001, E000001): people see them in their spreadsheet."""

from __future__ import annotations

import pandas as pd

PREFIXES = {"applications": ("A", 5), "events": ("E", 6), "self_checks": ("S", 5),
            "sent_notes": ("N", 5)}


def next_number(ids: pd.Series, prefix: str) -> int:
    """One more than the highest id with this prefix (gaps from deletes are never reused).

    The digits are compared as text (longest, then highest), never as floats: an id with 17
    or more digits, typed by hand or made by another tool, lost its last digits as a float, so
    the "next" id was one already taken and every later add failed.
    """
    text = ids.astype("str")
    # Matched, sliced and trimmed by Arrow over the whole column (a regex per id in Python
    # took a third of a second at 250,000 events, on every event added).
    ours = text[text.str.fullmatch(rf"{prefix}[0-9]+", na=False)]
    digits = ours.str.slice(len(prefix)).str.lstrip("0")
    if digits.empty:
        return 1
    longest = digits[digits.str.len() == digits.str.len().max()]
    highest = longest.max()
    return int(highest or "0") + 1


def new_ids(table: str, ids: pd.Series, count: int = 1) -> list[str]:
    """``count`` fresh ids for a table, following the ids already in it."""
    prefix, width = PREFIXES[table]
    start = next_number(ids, prefix)
    return [f"{prefix}{start + i:0{width}d}" for i in range(count)]


def new_id(table: str, ids: pd.Series) -> str:
    return new_ids(table, ids)[0]
