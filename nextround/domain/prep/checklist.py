"""The dated prep checklist of one interview: each item dated by counting back from the
interview, its progress, and ticking an item (a save with the stale-tab check).

An interview booked at short notice leaves no time for the week-before steps on their own days.
Those steps are not "overdue": they are fitted into the days left before the interview (the
day before stays free for its own steps) and marked "catch up". Each keeps the day it is given
whether the others are ticked or not: ticking one step never moves another.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from nextround.domain.dates import DEFAULT_COUNTRY, add_business_days
from nextround.domain.prep.content import checklist, slots
from nextround.storage.frames import empty_frame
from nextround.storage.schema import get_table
from nextround.storage.small import typed_row
from nextround.text import as_day

#: The interview id used for preparation that is not tied to a dated interview.
GENERAL = "general"
#: Checklist statuses, in the order a page might sort or colour them.
STATUSES = ("overdue", "catch up", "due today", "upcoming", "done")
#: The days kept free before the interview for the day-before steps when catching up.
DAY_BEFORE_KEPT = 2
PLAN_COLUMNS = (
    "item_id",
    "slot",
    "slot_name",
    "offset_days",
    "text",
    "detail",
    "due",
    "done",
    "status",
)




def _done_items(progress: pd.DataFrame | None, interview_id: str | None) -> set[str]:
    """The items ticked for this interview; the last row for an item wins, should a
    hand-edited file hold two. On plain values: a tick reads this again, on a small table."""
    if progress is None or progress.empty or "item_id" not in progress.columns:
        return set()
    items = progress["item_id"].tolist()
    done = (progress["done"].tolist() if "done" in progress.columns else [False] * len(items))
    owners = (progress["interview_id"].tolist()
              if interview_id is not None and "interview_id" in progress.columns else None)
    latest: dict[str, bool] = {}
    for i, (item, ticked) in enumerate(zip(items, done, strict=True)):
        if owners is not None and owners[i] != interview_id:
            continue
        if not isinstance(item, str):
            continue
        latest[item] = not _missing(ticked) and bool(ticked)
    return {item for item, ticked in latest.items() if ticked}


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def checklist_plan(
    interview_date: date | datetime | pd.Timestamp | None,
    today: date,
    progress: pd.DataFrame | None = None,
    interview_id: str | None = None,
    country: str = DEFAULT_COUNTRY,
) -> pd.DataFrame:
    """The checklist for one interview, each item dated by counting back from the interview;
    the steps after it (the thank-you) count working days forward, skipping weekends and
    ``country``'s public holidays, so a Friday interview's thank-you is due on Monday, the day
    Home and Notes give.

    ``progress`` is the prep_progress table for this interview (pass ``interview_id`` to have
    it filtered here). Without an interview date ("general" prep) nothing is due, so unfinished
    items are simply "upcoming". Columns: PLAN_COLUMNS.

    Worked out on plain values (a score of items): a tick on Prep builds the plan again, and
    pandas would cost more per operation here than the whole plan does.
    """
    items = checklist()
    slot_names = {s.id: s.name for s in slots()}
    day = as_day(interview_date)
    first = day.date() if day is not None else None
    ticked = _done_items(progress, interview_id)
    dues: list[date | None] = []
    for item in items:
        if first is None:
            dues.append(None)
        elif item.offset_days > 0:
            dues.append(add_business_days(first, item.offset_days, country))
        else:
            dues.append(first + timedelta(days=item.offset_days))
    done = [item.id in ticked for item in items]
    now = as_day(today).date()
    if first is not None and first >= now:
        # Every step whose day has passed gets a day in the days left, ticked or not, so a
        # tick never moves another step; a ticked one shows its own day.
        behind = [due is not None and due < now for due in dues]
        fitted = _fit_into_days_left(dues, behind, now, first)
        dues = [due if d else day for due, day, d in zip(dues, fitted, done, strict=True)]
    else:
        behind = [False] * len(items)
    status = [_status(due, d, late, now) for due, d, late in zip(dues, done, behind, strict=True)]
    return pd.DataFrame({
        "item_id": pd.Series([i.id for i in items], dtype="str"),
        "slot": pd.Series([i.slot for i in items], dtype="str"),
        "slot_name": pd.Series([slot_names[i.slot] for i in items], dtype="str"),
        "offset_days": pd.Series([i.offset_days for i in items], dtype="Int64"),
        "text": pd.Series([i.text for i in items], dtype="str"),
        "detail": pd.Series([i.detail for i in items], dtype="str"),
        "due": pd.Series(pd.to_datetime(dues), dtype="datetime64[us]"),
        "done": pd.Series(done, dtype="boolean"),
        "status": pd.Series(status, dtype="str"),
    })


def _status(due: date | None, done: bool, catching_up: bool, today: date) -> str:
    if done:
        return "done"
    if due is None:
        return "upcoming"
    if catching_up:  # a step whose own day has passed, before an interview still ahead
        return "catch up"
    if due < today:
        return "overdue"
    return "due today" if due == today else "upcoming"


def _fit_into_days_left(dues: list[date | None], behind: list[bool], today: date,
                        interview: date) -> list[date | None]:
    """The steps whose day has passed, spread in order over the days left before the interview
    (all today when it is tomorrow or today); the other steps keep their dates."""
    last = max(today, interview - timedelta(days=DAY_BEFORE_KEPT))
    span = (last - today).days + 1
    late = [i for i, b in enumerate(behind) if b]
    order = sorted(late, key=lambda i: dues[i])  # stable: same-day steps keep their order
    fitted = list(dues)
    for n, i in enumerate(order):
        fitted[i] = today + timedelta(days=(n * span) // len(order))
    return fitted


def progress_summary(plan: pd.DataFrame) -> tuple[int, int, float]:
    """(done, total, fraction done); an empty plan counts as 0 of 0, fraction 0.0."""
    total = len(plan)
    done = int(plan["done"].astype("boolean").fillna(False).sum()) if total else 0
    return done, total, (done / total if total else 0.0)


def progress_key(interview_id: str, item_id: str) -> str:
    """The prep_progress row id: one row per interview and checklist item."""
    if not interview_id or not item_id:
        raise ValueError("progress_key needs both an interview id and an item id")
    return f"{interview_id}:{item_id}"


def upsert(frame: pd.DataFrame | None, table_name: str, record: dict[str, Any]) -> pd.DataFrame:
    """Replace the row with the record's key in place, or append it; dtypes kept.

    Columns a user added in a spreadsheet survive, empty on a new row.
    """
    table = get_table(table_name)
    base = empty_frame(table) if frame is None else frame.reset_index(drop=True)
    for column in table.columns:  # a frame missing schema columns gets them, empty and typed
        if column.name not in base.columns:
            base[column.name] = empty_frame(table)[column.name].reindex(base.index)
    new = typed_row(table, record)
    for name in base.columns:
        if name not in new.columns:
            new[name] = pd.Series([None], dtype=base[name].dtype)
        elif new[name].dtype != base[name].dtype:
            new[name] = new[name].astype(base[name].dtype)
    new = new[list(base.columns)]
    matches = np.flatnonzero((base[table.key] == record[table.key]).fillna(False).to_numpy())
    if len(matches) == 0:
        return pd.concat([base, new], ignore_index=True) if len(base) else new
    first = int(matches[0])
    rest = base.drop(index=matches).reset_index(drop=True)  # duplicates of the key go too
    pieces = [rest.iloc[:first], new, rest.iloc[first:]]
    return pd.concat([p for p in pieces if len(p)], ignore_index=True)


def set_item_done(
    progress_df: pd.DataFrame | None,
    interview_id: str,
    item_id: str,
    done: bool,
    now: datetime,
) -> pd.DataFrame:
    """The prep_progress table with one item ticked or unticked (done_at cleared on untick)."""
    record = {
        "id": progress_key(interview_id, item_id),
        "interview_id": interview_id,
        "item_id": item_id,
        "done": bool(done),
        "done_at": now if done else None,
    }
    return upsert(progress_df, "prep_progress", record)
