"""Dates as the app reckons and writes them: business days, and days in words.

One home for every date rule and wording, so Home, Notes, the self-check plan and the calendar
say the same day the same way ("Tue 3 Nov" in lists, "Tuesday, March 3" in a note). The names
are English and fixed on purpose: the app's text is English, and locale settings must not change
what a note says.
"""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd

#: Set to a date (YYYY-MM-DD) to make the app live on that day: the tests freeze the calendar
#: with it, so what is due never depends on the weekday they happen to run on.
TODAY_ENV = "NEXTROUND_TODAY"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SHORT_WEEKDAYS = np.array([d[:3] for d in WEEKDAYS])
_SHORT_MONTHS = np.array(["", *(m[:3] for m in MONTHS)])


# --- the app's clock ----------------------------------------------------------------------------


def today() -> dt.date:
    """The day the app lives on: the real date, or NEXTROUND_TODAY when it is set."""
    frozen = os.environ.get(TODAY_ENV, "").strip()
    return dt.date.fromisoformat(frozen) if frozen else dt.date.today()


def now() -> dt.datetime:
    """The time of a change as the app records it: now, on the day ``today`` says."""
    moment = dt.datetime.now()
    return dt.datetime.combine(today(), moment.time()) if os.environ.get(TODAY_ENV) else moment


# --- business days ---------------------------------------------------------------------------


def add_business_days(day: dt.date, n: int) -> dt.date:
    """The n-th Monday-to-Friday day after ``day``; n = 0 gives ``day`` or the next weekday.

    A Friday interview plus one business day is Monday, as the thank-you advice says.
    """
    if n < 0:
        raise ValueError("n must be zero or more")
    roll = "forward" if n == 0 else "backward"
    return np.busday_offset(np.datetime64(day, "D"), n, roll=roll).astype(dt.date)


def business_days_after(dates: pd.Series, n: int) -> pd.Series:
    """``add_business_days`` for a whole column; NaT stays NaT."""
    days = dates.to_numpy(dtype="datetime64[D]")
    roll = "forward" if n == 0 else "backward"
    shifted = np.busday_offset(days, n, roll=roll)
    return pd.Series(shifted.astype("datetime64[us]"), index=dates.index)


def days_after(dates: pd.Series, n: int) -> pd.Series:
    return dates + pd.Timedelta(days=n)


# --- short labels for lists --------------------------------------------------------------------


def format_day(day: dt.date, today: dt.date | None = None) -> str:
    """'Tue 3 Nov', with the year when it is not this year.

    Plain Python, not ``day_labels`` on a one-row Series: pages call this once per listed row.
    """
    stamp = pd.Timestamp(day)
    year = (today if today is not None else stamp).year
    label = f"{_SHORT_WEEKDAYS[stamp.day_of_week]} {stamp.day} {_SHORT_MONTHS[stamp.month]}"
    return label if stamp.year == year else f"{label} {stamp.year}"


def day_labels(dates: pd.Series, today: pd.Timestamp) -> pd.Series:
    """``format_day`` for a whole column (empty text where the date is missing).

    Each distinct day is worded once and the words laid back along the column: a column holds
    few distinct days, and the rules call this on every one of their small frames, so a
    handful of Python calls beats a dozen vectorised string operations."""
    days = dates.to_numpy(dtype="datetime64[D]")
    codes, distinct = pd.factorize(days)
    words = np.array([format_day(day, today) for day in distinct.astype(dt.date)] + [""],
                     dtype=object)
    return pd.Series(words[codes], index=dates.index, dtype="str")


def relative_day(day: dt.date, today: dt.date) -> str:
    """'today', 'tomorrow', 'in 3 days', 'yesterday', '5 days ago'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 1 else f"{-days} days ago"


# --- days in a sentence ------------------------------------------------------------------------


def month_day(day: dt.date) -> str:
    """'March 3'."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def long_day(day: dt.date) -> str:
    """'Friday 4 December': a plan step's date, unmistakable at a glance."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def date_in_words(day: dt.date | None, today: dt.date) -> str:
    """'Tuesday, March 3'; the year is added only when it is not this year."""
    if day is None:
        return ""
    text = f"{WEEKDAYS[day.weekday()]}, {month_day(day)}"
    return text if day.year == today.year else f"{text}, {day.year}"


def when_we_met(day: dt.date | None, today: dt.date) -> str:
    """How a person says when they met: 'yesterday', 'on Tuesday', 'on March 3'.

    No commas, so the phrase can sit mid-sentence ("... with me on March 3 about ...").
    """
    if day is None:
        return ""
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if 2 <= days <= 6:
        return f"on {WEEKDAYS[day.weekday()]}"
    if day.year == today.year:
        return f"on {month_day(day)}"
    return f"on {day.day} {MONTHS[day.month - 1]} {day.year}"


def as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, Timestamp, datetime64 or 'YYYY-MM-DD' text.

    None, NaN, NaT and text that is not a date become None: an empty cell means "no date".
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return None if pd.isna(value) else pd.Timestamp(value).date()
    except (TypeError, ValueError):
        return None
