"""Dates as people and programs write them, read into days.

Read: ISO dates (with a T, a time, fractions of a second, a time zone), numbers with slashes, dots
or dashes in either day/month order with two- or four-digit years ("3/15/24", "14.01.2026"),
LinkedIn's "1/14/25, 11:25 PM", month names ("May 27, 2025", "14 Jan 2026"), e-mail dates
("Thu, 02 Jan 2025 10:18:54 +0000"), and Excel's serial day numbers (45678). Month names and
e-mail dates are read by python-dateutil, the parser pandas itself relies on.

Nothing is guessed. A column's values are looked at together: a value with a 13 or more in the
first place settles day/month order for the whole column (and one in the second place the other
way); when no value settles it, the person is asked. A date written without a year ("Mar 5",
"05/03") is asked about too. A time is dropped; a time zone first turns the moment into the
local day.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateutil import parser as dateutil_parser

from nextround import text as clock

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (it counts 1900 as a leap year)
_SERIAL = re.compile(r"^(\d{5})(?:\.\d+)?$")
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ]\S*|\s+.*)$")
_TIME = (r"(?:\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?\s*(?:[ap]\.?m\.?)?\s*"
         r"(?:z|utc|gmt|[+-]\d{2}:?\d{2}|[a-z]{2,5})?)")
_NUMERIC = re.compile(
    rf"^(\d{{1,2}})\s*[/.\-]\s*(\d{{1,2}})(?:\s*[/.\-]\s*(\d{{4}}|\d{{2}}))?\.?"
    rf"(?:(?:,\s*|\s+|T){_TIME})?$",
    re.IGNORECASE)
_MONTHS = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?![a-z])",
                     re.IGNORECASE)
_ZONE = re.compile(r"(z|[+-]\d{2}:?\d{2}|\b(?:utc|gmt))\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Written:
    """What one value says: a day, or two numbers whose order the column must settle, or a
    day and month without a year."""

    day: date | None = None
    first: int = 0  # numeric shapes: the numbers as written, before and after the separator
    second: int = 0
    year: int | None = None

    @property
    def ambiguous(self) -> bool:
        return self.day is None and self.first <= 12 and self.second <= 12 \
            and self.first != self.second

    def on(self, order: str | None, year: int | None) -> date | str:
        """The day, or why there is none yet: ``"order"`` (say which comes first) or
        ``"year"`` (say which year), ``"invalid"`` (no such day)."""
        if self.day is not None:
            return self.day
        first, second = self.first, self.second
        if first > 12 and second <= 12:
            day, month = first, second
        elif second > 12 and first <= 12:
            month, day = first, second
        elif first == second:
            day = month = first
        elif order == DAY_FIRST:
            day, month = first, second
        elif order == MONTH_FIRST:
            month, day = first, second
        else:
            return "order"
        when = self.year if self.year is not None else year
        if when is None:
            return "year"
        try:
            return date(when, month, day)
        except ValueError:
            return "invalid"


def _two_digit_year(year: int, today: date) -> int:
    """'24' is 2024; a two-digit year more than a year ahead of today is of the last century."""
    full = 2000 + year
    return full if full <= today.year + 1 else full - 100


def _local_day(moment: datetime) -> date:
    """The day a moment falls on here: a time zone turns it into local time first."""
    if moment.tzinfo is not None:
        try:
            return moment.astimezone().date()
        except (OverflowError, ValueError, OSError):  # at the edge of the calendar
            return moment.date()
    return moment.date()


@lru_cache(maxsize=65_536)
def written(text: str, today: date | None = None) -> Written | None:
    """What a cell says as a date, or None when it is not one we can read."""
    text = " ".join(text.split())
    if not text or len(text) > 60:
        return None
    today = today or clock.today()
    if (serial := _SERIAL.match(text)) and 20_000 <= int(serial.group(1)) <= 80_000:
        return Written(_EXCEL_EPOCH + timedelta(days=int(serial.group(1))))
    if iso := _ISO.match(text):
        if _ZONE.search(text):
            moment = _dateutil(text)
            return Written(_local_day(moment)) if moment else None
        try:
            return Written(date(*(int(g) for g in iso.groups())))
        except ValueError:
            return None
    if numeric := _NUMERIC.match(text):
        first, second, year = numeric.groups()
        if not (1 <= int(first) <= 31 and 1 <= int(second) <= 31) or (
                int(first) > 12 and int(second) > 12):
            return None
        full = None if year is None else (
            _two_digit_year(int(year), today) if len(year) == 2 else int(year))
        return Written(None, int(first), int(second), full)
    if _MONTHS.search(text) and re.search(r"\d", text):
        return _with_month_name(text)
    return None


def _dateutil(text: str, default: datetime | None = None) -> datetime | None:
    try:
        return dateutil_parser.parse(text, default=default)
    except (ValueError, OverflowError, TypeError):
        return None


def _with_month_name(text: str) -> Written | None:
    """'May 27, 2025', '14 Jan 2026', 'Thu, 02 Jan 2025 10:18:54 +0000', 'Mar 5' (no year:
    told apart by parsing with two different default years)."""
    one = _dateutil(text, datetime(2000, 1, 1))
    two = _dateutil(text, datetime(2004, 1, 2))
    if one is None or two is None:
        return None
    if one.day != two.day:
        return None  # no day in it ("May 2025"): not a day we can place
    if one.year != two.year:
        return _Named(None, one.day, one.month, None)
    return Written(_local_day(one))


@dataclass(frozen=True)
class _Named(Written):
    """Day and month known from a month name, year open."""

    def on(self, order: str | None, year: int | None) -> date | str:
        if year is None:
            return "year"
        try:
            return date(year, self.second, self.first)
        except ValueError:
            return "invalid"

    @property
    def ambiguous(self) -> bool:
        return False


@dataclass(frozen=True)
class DateColumn:
    """What a column's values say about its dates, and what is left to ask."""

    filled: int = 0
    readable: int = 0
    day_first: int = 0  # values only readable with the day first ("14/01/2026")
    month_first: int = 0
    ambiguous: int = 0  # values the order changes ("03/04/2026")
    yearless: int = 0
    numeric: int = 0
    settled_by: str | None = None
    yearless_example: str | None = None

    @property
    def order(self) -> str | None:
        """The order the values settle, or None."""
        if self.day_first and not self.month_first:
            return DAY_FIRST
        if self.month_first and not self.day_first:
            return MONTH_FIRST
        return None

    @property
    def asks_order(self) -> bool:
        return self.ambiguous > 0 and self.order is None

    @property
    def share(self) -> float:
        return self.readable / self.filled if self.filled else 0.0


def analyse(values: Iterable[object], today: date | None = None) -> DateColumn:
    """Look at every value of a column once (each distinct value parsed once)."""
    counts = Counter(str(v).strip() for v in values if v is not None and str(v).strip())
    filled = sum(counts.values())
    readable = day_first = month_first = ambiguous = yearless = numeric = 0
    settled_by = yearless_example = None
    for text, n in counts.items():
        seen = written(text, today)
        if seen is None:
            continue
        readable += n
        if seen.day is not None:
            continue
        if not isinstance(seen, _Named):
            numeric += n
        if seen.year is None:
            yearless += n
            yearless_example = yearless_example or text
        if isinstance(seen, _Named):
            continue
        real = isinstance(seen.on(None, 2000), date)  # an example that is a real day
        if seen.first > 12:
            day_first += n
            settled_by = settled_by or (text if real else None)
        elif seen.second > 12:
            month_first += n
            settled_by = settled_by or (text if real else None)
        elif seen.ambiguous:
            ambiguous += n
    return DateColumn(filled, readable, day_first, month_first, ambiguous, yearless, numeric,
                      settled_by, yearless_example)


def read_date(text: str, order: str | None, year: int | None,
              today: date | None = None) -> date | str:
    """One value as a day, or a problem in words (for the row's problem list)."""
    seen = written(" ".join(text.split()), today)
    if seen is None:
        return f"{text!r} is not a date we can read"
    result = seen.on(order, year)
    if isinstance(result, date):
        return result
    return {
        "order": f"{text!r}: say above whether the day or the month comes first",
        "year": f"{text!r} has no year: choose the year above",
        "invalid": f"{text!r} is not a day that exists",
    }[result]
