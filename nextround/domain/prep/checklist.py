"""The dated prep checklist of one interview: each item dated by counting back from the
interview, its progress, and ticking an item (a save with the stale-tab check).

An interview booked at short notice leaves no time for the week-before steps on their own days.
Those steps are not "overdue": they are fitted into the days left before the interview (the
day before stays free for its own steps) and marked "catch up".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from nextround.domain.dates import DEFAULT_COUNTRY, business_days_after
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
    if progress is None or progress.empty or "item_id" not in progress.columns:
        return set()
    rows = progress
    if interview_id is not None and "interview_id" in rows.columns:
        rows = rows[rows["interview_id"] == interview_id]
    done = rows["done"].astype("boolean").fillna(False) if "done" in rows.columns else False
    # The last row for an item wins, should a hand-edited file hold two.
    latest = pd.DataFrame({"item_id": rows["item_id"], "done": done}).drop_duplicates(
        "item_id", keep="last"
    )
    return set(latest.loc[latest["done"].astype(bool), "item_id"].dropna())


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
    """
    items = checklist()
    slot_names = {s.id: s.name for s in slots()}
    frame = pd.DataFrame(
        {
            "item_id": pd.Series([i.id for i in items], dtype="str"),
            "slot": pd.Series([i.slot for i in items], dtype="str"),
            "slot_name": pd.Series([slot_names[i.slot] for i in items], dtype="str"),
            "offset_days": pd.Series([i.offset_days for i in items], dtype="Int64"),
            "text": pd.Series([i.text for i in items], dtype="str"),
            "detail": pd.Series([i.detail for i in items], dtype="str"),
        }
    )
    day = as_day(interview_date)
    if day is None:
        due = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    else:
        offsets = frame["offset_days"].astype("int64")
        due = (day + pd.to_timedelta(offsets.clip(upper=0), unit="D")).astype("datetime64[us]")
        after = offsets > 0
        for n in offsets[after].unique():
            ahead = after & offsets.eq(n)
            due[ahead] = business_days_after(pd.Series([day] * int(ahead.sum())), int(n),
                                             country).to_numpy()
    frame["done"] = frame["item_id"].isin(_done_items(progress, interview_id)).astype("boolean")
    today_ts = as_day(today)
    done = frame["done"].to_numpy(bool)
    behind = (due < today_ts).fillna(False).to_numpy(bool) & ~done
    catching_up = day is not None and day >= today_ts and behind.any()
    if catching_up:
        due = _fit_into_days_left(due, behind, today_ts, day)
    frame["due"] = due
    frame["status"] = pd.Series(
        np.select(
            [done, due.isna(), behind & catching_up, due < today_ts, due == today_ts],
            ["done", "upcoming", "catch up", "overdue", "due today"],
            default="upcoming",
        ),
        index=frame.index,
        dtype="str",
    )
    return frame[list(PLAN_COLUMNS)]


def _fit_into_days_left(due: pd.Series, behind: np.ndarray, today: pd.Timestamp,
                        interview: pd.Timestamp) -> pd.Series:
    """The steps whose day has passed, spread in order over the days left before the interview
    (all today when it is tomorrow or today); the other steps keep their dates."""
    last = max(today, interview - pd.Timedelta(days=DAY_BEFORE_KEPT))
    span = (last - today).days + 1
    late = np.flatnonzero(behind)
    order = late[np.argsort(due.to_numpy()[late], kind="stable")]
    offsets = (np.arange(len(order)) * span) // len(order)
    fitted = due.copy()
    fitted.iloc[order] = (today + pd.to_timedelta(offsets, unit="D")).to_numpy()
    return fitted.astype("datetime64[us]")


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
