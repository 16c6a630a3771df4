"""Dates as the app reckons and writes them: business days, and days in words.

One home for every date rule and wording, so Home, Notes, the self-check plan and the calendar
say the same day the same way ("Tue 3 Nov" in lists, "Tuesday, March 3" in a note). The names
are English and fixed on purpose: the app's text is English, and locale settings must not change
what a note says.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import numpy as np
import pandas as pd

from nextround import text

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SHORT_WEEKDAYS = np.array([d[:3] for d in WEEKDAYS])
_SHORT_MONTHS = np.array(["", *(m[:3] for m in MONTHS)])

#: The app's clock (frozen by NEXTROUND_TODAY in the tests) lives in the bottom module, so
#: storage stamps rows by the same clock; the domain reads it here with its other dates.
TODAY_ENV = text.TODAY_ENV
today = text.today
now = text.now


# --- business days ---------------------------------------------------------------------------

#: The country whose public holidays are not business days, until the person chooses another
#: (a setting: ``RuleSettings.holiday_country``). Any code the ``holidays`` package knows.
DEFAULT_COUNTRY = "US"


@cache
def _holidays(country: str, first_year: int, last_year: int) -> np.ndarray:
    """The public holidays of ``country`` in those years, as numpy days (``holidays`` package,
    offline). An unknown country has none, so a bad setting never stops the app.

    ``holidays`` is imported here, not at the top: it is needed only once the rules reckon a
    due date, and importing it is a tenth of a second the first page need not wait for."""
    if not known_country(country):
        return np.array([], dtype="datetime64[D]")
    import holidays

    days = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    return np.array(sorted(days), dtype="datetime64[D]")


@cache
def _country_codes() -> frozenset[str]:
    """The codes the ``holidays`` package knows (alpha-2, alpha-3 and aliases such as UK), from
    its registry alone. ``holidays.list_supported_countries`` gives the same codes but imports
    every country's module to list their subdivisions: about 0.7 s on the first page."""
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes(include_aliases=True))


def known_country(country: str) -> bool:
    """True when the ``holidays`` package knows this country code (such as US, GB, DE)."""
    return str(country).strip().upper() in _country_codes()


def _business_days(days: np.ndarray, n: int, country: str) -> np.ndarray:
    """THE business-day rule, for every caller: the n-th working day after each day, skipping
    weekends and ``country``'s public holidays; n = 0 gives the day itself, or the next working
    day when it is not one (so any due date can be put on a working day with it)."""
    if n < 0:
        raise ValueError("n must be zero or more")
    known = days[~np.isnat(days)]
    if known.size:
        first = int(str(known.min())[:4])
        last = int(str(known.max())[:4]) + 1  # a late-December day may roll into January
        free = _holidays(str(country).strip().upper() or DEFAULT_COUNTRY, first, last)
    else:
        free = np.array([], dtype="datetime64[D]")
    roll = "forward" if n == 0 else "backward"
    out = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    mask = ~np.isnat(days)
    out[mask] = np.busday_offset(days[mask], n, roll=roll, holidays=free)
    return out


def add_business_days(day: dt.date, n: int, country: str = DEFAULT_COUNTRY) -> dt.date:
    """The n-th working day after ``day``; n = 0 gives ``day`` or the next working day.

    A Friday interview plus one business day is Monday, as the thank-you advice says; a
    Wednesday before Thanksgiving plus one is the Friday after it (in the US).
    """
    days = np.array([np.datetime64(day, "D")])
    return _business_days(days, n, country)[0].astype(dt.date)


def business_days_after(dates: pd.Series, n: int, country: str = DEFAULT_COUNTRY) -> pd.Series:
    """``add_business_days`` for a whole column; NaT stays NaT."""
    days = dates.to_numpy(dtype="datetime64[D]")
    shifted = _business_days(days, n, country)
    return pd.Series(shifted.astype("datetime64[us]"), index=dates.index)


def on_business_day(dates: pd.Series, country: str = DEFAULT_COUNTRY) -> pd.Series:
    """Each date, or the next working day when it falls on a weekend or public holiday: a due
    date counted in calendar days (a nudge a week after applying) still lands on a working day."""
    return business_days_after(dates, 0, country)


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


@cache
def countries() -> dict[str, str]:
    """Every country the ``holidays`` package knows, code to name ("US": "United States"),
    sorted by name: the choices of the holiday-country setting."""
    from holidays.registry import COUNTRIES

    names = {entry[1]: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", entry[0])
             for entry in COUNTRIES.values()}
    return dict(sorted(names.items(), key=lambda item: item[1]))
