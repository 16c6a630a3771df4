"""The people a note goes to, read from what the interview records say."""

from __future__ import annotations

from typing import Any

from nextround.domain.notes.drafting import tidy_text


def _split_people(cell: Any) -> list[str]:
    """Semicolons separate people; commas do when no semicolon is used (people type both)."""
    if not isinstance(cell, str):
        return []
    separator = ";" if ";" in cell or "," not in cell else ","
    return [tidy_text(part) for part in cell.split(separator)]


def interviewer_list(names: Any, emails: Any) -> list[tuple[str, str]]:
    """Pair the events table's semicolon-separated interviewers with their emails by position.

    Missing cells (NaN) count as empty; a missing email is ""; an empty name slot is dropped
    (its email with it, so the others stay paired).
    """
    name_items = _split_people(names)
    email_items = _split_people(emails)
    pairs = []
    for i, name in enumerate(name_items):
        if name:
            pairs.append((name, email_items[i] if i < len(email_items) else ""))
    return pairs
