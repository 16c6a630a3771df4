"""The rules a table's rows must follow, checked on every load and every write.

Frame checks are vectorised (they run on every save of a 50,000-row table); record checks give
the per-field messages that forms show next to the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from nextround.storage.errors import Problem
from nextround.storage.schema import APPLICATIONS, EVENTS, Table
from nextround.text import as_date, cell_text, split_emails

#: The first and last day any table keeps, whatever brought the date in (a form, an import, a
#: file edited by hand): a date outside is refused by forms and imports next to its field or
#: row, and reported as a row problem when a file is read, never drawn. A year typed as 1926 for
#: 2026 is a typo, and one such date made the weekly chart a row per week for a century
#: (Altair refuses more than 5,000 rows).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)

EMAIL_RE = re.compile(r"^[^@\s;,<>\"]+@[^@\s;,<>\"]+\.[^@\s;,<>\"]+$")
URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_PROBLEMS = 50


def _blank(series: pd.Series) -> pd.Series:
    """Missing, empty or only spaces. For text as read (Arrow strings) in one pass that copies
    no text: ``utf8_is_space`` is true for a cell of nothing but spaces, by the same reckoning
    of space as the ``str.strip`` of the general path (Arrow's, for pandas' "str")."""
    if isinstance(series.array, pd.arrays.ArrowStringArray):
        text = pa.array(series.array)
        blank = pc.or_kleene(pc.equal(pc.binary_length(text), 0), pc.utf8_is_space(text))
        filled = pc.fill_null(blank, True).to_numpy(zero_copy_only=False)
        return pd.Series(filled, index=series.index, dtype=bool)
    if series.dtype == "str" or series.dtype == object:
        return series.isna() | (series.astype("str").str.strip() == "")
    return series.isna()


def normalise_choices(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Accept 'Applied' or ' applied ' for 'applied': spreadsheets capitalise and pad cells."""
    for column in table.columns:
        if column.choices and column.name in frame.columns:
            series = frame[column.name]
            if series.isin(column.choices).sum() == series.count():
                continue  # every filled cell already written as the app writes it
            cleaned = series.str.strip().str.lower()
            known = cleaned.isin(column.choices)
            if (known & (cleaned != series)).any():
                frame[column.name] = series.where(~known, cleaned)
    return frame


def frame_problems(table: Table, frame: pd.DataFrame, first_row: int = 2) -> list[Problem]:
    """Required cells, allowed values and unique ids, for every row of a table."""
    problems: list[Problem] = []
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        series = frame[column.name]
        if column.required:
            for pos in _positions(_blank(series)):
                problems.append(Problem(first_row + pos, column.name, "is required but empty"))
        if column.choices:
            bad = series.notna() & ~series.isin(column.choices)
            if bad.any():  # rare: only then are the blank cells told apart (stripping costs)
                bad &= ~_blank(series)
            for pos in _positions(bad):
                allowed = ", ".join(column.choices)
                problems.append(
                    Problem(
                        first_row + pos,
                        column.name,
                        f"{series.iloc[pos]!r} is not one of: {allowed}",
                    )
                )
        if column.kind in ("date", "datetime") and pd.api.types.is_datetime64_any_dtype(series):
            for pos in _positions(_out_of_range(series)):
                problems.append(Problem(first_row + pos, column.name,
                                        date_range_problem(series.iloc[pos].date())))
        if len(problems) >= MAX_PROBLEMS:
            return problems
    if table.key in frame.columns:
        keys = frame[table.key]
        dup = keys.duplicated(keep=False) & ~_blank(keys)
        if dup.any():
            seen: dict[str, int] = {}
            for pos in _positions(dup):
                key = keys.iloc[pos]
                if key in seen:
                    problems.append(
                        Problem(
                            first_row + pos,
                            table.key,
                            f"the id {key!r} is also used on row {seen[key]}; ids must be unique",
                        )
                    )
                else:
                    seen[key] = first_row + pos
    return problems[:MAX_PROBLEMS]


def _out_of_range(series: pd.Series) -> pd.Series:
    low, high = pd.Timestamp(EARLIEST_DATE), pd.Timestamp(LATEST_DATE) + pd.Timedelta(days=1)
    return series.notna() & ((series < low) | (series >= high))


def date_range_problem(value: date) -> str | None:
    """Why a date is outside the days the app keeps (see EARLIEST_DATE), or None when it is not."""
    if value < EARLIEST_DATE:
        return (f"{value:%Y-%m-%d} is before {EARLIEST_DATE:%Y-%m-%d}, the earliest date the app "
                "keeps: is the year right?")
    if value > LATEST_DATE:
        return (f"{value:%Y-%m-%d} is after {LATEST_DATE:%Y-%m-%d}, the latest date the app "
                "keeps: is the year right?")
    return None


def _positions(mask: pd.Series) -> list[int]:
    values = mask.to_numpy(dtype=bool, na_value=False)
    return [int(i) for i in values.nonzero()[0][:MAX_PROBLEMS]]


# --- record checks for forms -------------------------------------------------------------------


def application_errors(record: Mapping[str, Any], today: date) -> dict[str, str]:
    """Messages per field for an application form; empty when it can be saved."""
    errors: dict[str, str] = {}
    for name in ("company", "role"):
        if not cell_text(record.get(name)):
            errors[name] = "Required."
        elif len(cell_text(record.get(name))) > 200:
            errors[name] = "Keep it under 200 characters."
    stage = cell_text(record.get("stage"))
    if stage not in APPLICATIONS.column("stage").choices:
        errors["stage"] = "Choose a stage."
    outcome = cell_text(record.get("outcome"))
    if outcome and outcome not in APPLICATIONS.column("outcome").choices:
        errors["outcome"] = "Choose an outcome or leave it empty."
    if outcome and stage != "closed":
        errors["outcome"] = "An outcome means the application is closed: set the stage to closed."
    applied = as_date(record.get("date_applied"))
    if applied and applied > today:
        errors["date_applied"] = "This date is in the future."
    elif applied and date_range_problem(applied):
        errors["date_applied"] = str(date_range_problem(applied))
    if not applied and stage not in ("wishlist", ""):
        errors["date_applied"] = "When did you apply? Only wishlist entries may leave it empty."
    email = cell_text(record.get("contact_email"))
    if email and not EMAIL_RE.match(email):
        errors["contact_email"] = "This does not look like an email address (name@example.com)."
    url = cell_text(record.get("posting_url"))
    if url and not URL_RE.match(url):
        errors["posting_url"] = "Use a full link starting with https:// (or leave it empty)."
    return errors


def event_errors(
    record: Mapping[str, Any], application_date: date | None, today: date
) -> tuple[dict[str, str], dict[str, str]]:
    """(errors, warnings) per field for logging an event.

    Warnings do not block the save: an interview dated before the application is questioned,
    because it is usually a typo, but a referral can bring an interview before a formal application.
    """
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    kind = cell_text(record.get("kind"))
    if kind not in EVENTS.column("kind").choices:
        errors["kind"] = "Choose what happened."
    when = as_date(record.get("date"))
    if when is None:
        errors["date"] = "Required."
    elif date_range_problem(when):
        errors["date"] = str(date_range_problem(when))
    elif kind != "interview" and when > today:
        errors["date"] = "Only interviews can be logged ahead of time."
    elif application_date and when < application_date:
        warnings["date"] = (
            f"This is before the application date ({application_date:%d %b %Y}). Is that right?"
        )
    if kind == "interview":
        round_no = record.get("round")
        if round_no is not None and not pd.isna(round_no) and not 1 <= int(round_no) <= 20:
            errors["round"] = "A round between 1 and 20."
        decision = as_date(record.get("decision_date"))
        if decision and date_range_problem(decision):
            errors["decision_date"] = str(date_range_problem(decision))
        elif decision and when and decision < when:
            errors["decision_date"] = "The decision date cannot be before the interview."
        emails = split_emails(record.get("interviewer_emails"))
        bad = [e for e in emails if e and not EMAIL_RE.match(e)]
        if bad:
            errors["interviewer_emails"] = f"Not an email address: {bad[0]}"
    return errors, warnings
