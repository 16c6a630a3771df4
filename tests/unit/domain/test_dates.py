"""Dates as the app reckons and writes them: business days, and days in words.

Calendar used (2026): Wed 4 Mar, Fri 6 Mar, Sat 7 Mar, Sun 8 Mar, Mon 9 Mar.
"""

from __future__ import annotations

import datetime as dt

import holidays
import pandas as pd
import pytest

from nextround.domain.dates import (
    add_business_days,
    business_days_after,
    countries,
    date_in_words,
    day_labels,
    format_day,
    known_country,
    long_day,
    relative_day,
    when_we_met,
)

D = dt.date


# --- business days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday + 1 -> Monday
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # Saturday + 1 -> Monday
        (D(2026, 3, 7), 2, D(2026, 3, 10)),  # Saturday + 2 -> Tuesday
        (D(2026, 3, 4), 5, D(2026, 3, 11)),  # Wednesday + 5 -> next Wednesday
        (D(2026, 3, 6), 0, D(2026, 3, 6)),  # a weekday + 0 is itself
        (D(2026, 3, 8), 0, D(2026, 3, 9)),  # Sunday + 0 -> Monday
    ],
)
def test_add_business_days_skips_weekends(day, n, expected):
    assert add_business_days(day, n) == expected


def test_add_business_days_refuses_a_negative_count():
    with pytest.raises(ValueError):
        add_business_days(D(2026, 3, 6), -1)


@pytest.mark.parametrize("n", [0, 1, 2, 7])
def test_business_days_for_a_column_agree_with_one_day_at_a_time(n):
    days = [D(2026, 3, 4), D(2026, 3, 6), D(2026, 3, 7), D(2026, 3, 8)]
    column = business_days_after(pd.Series(pd.to_datetime([*days, None])), n)
    assert [d.date() for d in column.iloc[:-1]] == [add_business_days(d, n) for d in days]
    assert pd.isna(column.iloc[-1])


# --- short labels ----------------------------------------------------------------------------


def test_format_day_adds_the_year_only_for_another_year():
    assert format_day(D(2026, 3, 6), D(2026, 3, 9)) == "Fri 6 Mar"
    assert format_day(D(2025, 11, 20), D(2026, 3, 9)) == "Thu 20 Nov 2025"


def test_day_labels_say_what_format_day_says_and_leave_missing_dates_empty():
    days = [D(2026, 3, 6), D(2025, 11, 20), None]
    labels = day_labels(pd.Series(pd.to_datetime(days)), pd.Timestamp(2026, 3, 9))
    assert labels.tolist() == [format_day(D(2026, 3, 6), D(2026, 3, 9)),
                               format_day(D(2025, 11, 20), D(2026, 3, 9)), ""]


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2026, 3, 9), "today"), (D(2026, 3, 10), "tomorrow"), (D(2026, 3, 8), "yesterday"),
     (D(2026, 3, 12), "in 3 days"), (D(2026, 3, 4), "5 days ago")],
)
def test_relative_day(day, expected):
    assert relative_day(day, D(2026, 3, 9)) == expected


# --- days in a sentence ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2026, 3, 9), "today"), (D(2026, 3, 8), "yesterday"), (D(2026, 3, 4), "on Wednesday"),
     (D(2026, 2, 20), "on February 20"), (D(2025, 12, 30), "on 30 December 2025"),
     (None, "")],
)
def test_when_we_met_reads_the_way_a_person_says_it(day, expected):
    assert when_we_met(day, D(2026, 3, 9)) == expected


def test_long_forms_of_a_date():
    assert date_in_words(D(2026, 3, 3), D(2026, 3, 9)) == "Tuesday, March 3"
    assert date_in_words(D(2025, 3, 3), D(2026, 3, 9)) == "Monday, March 3, 2025"
    assert date_in_words(None, D(2026, 3, 9)) == ""
    assert long_day(D(2026, 12, 4)) == "Friday 4 December"


# --- working days: weekends and public holidays (issue 21, item 8) -----------------------------


@pytest.mark.parametrize(
    ("day", "n", "country", "expected"),
    [
        (D(2026, 3, 6), 1, "US", D(2026, 3, 9)),  # Friday interview: thank-you on Monday
        (D(2026, 11, 25), 1, "US", D(2026, 11, 27)),  # Thanksgiving (Thu 26 Nov) skipped
        (D(2026, 12, 24), 1, "US", D(2026, 12, 28)),  # Christmas Day, then the weekend
        (D(2026, 12, 24), 1, "GB", D(2026, 12, 29)),  # ... and Boxing Day (Mon 28) in the UK
        (D(2026, 12, 25), 0, "US", D(2026, 12, 28)),  # a due date on Christmas moves on
        (D(2026, 3, 7), 0, "US", D(2026, 3, 9)),  # a Saturday moves to Monday
        (D(2026, 3, 9), 0, "US", D(2026, 3, 9)),  # a working day stays
        (D(2026, 12, 24), 1, "ZZ", D(2026, 12, 25)),  # an unknown country: weekends only
    ],
)
def test_working_days_skip_weekends_and_the_countrys_public_holidays(day, n, country, expected):
    assert add_business_days(day, n, country) == expected
    column = business_days_after(pd.Series(pd.to_datetime([day, None])), n, country)
    assert column.iloc[0].date() == expected and pd.isna(column.iloc[1])


def test_no_due_date_from_the_one_rule_falls_on_a_weekend_or_a_us_holiday():
    days = pd.Series(pd.date_range("2026-01-01", "2027-12-31"))
    free = {d for d, _ in holidays.country_holidays("US", years=[2026, 2027]).items()}
    for n in (0, 1, 2, 5, 7):
        due = business_days_after(days, n, "US").dt.date
        assert not any(d.weekday() >= 5 or d in free for d in due), n


def test_the_holiday_country_choices_name_each_country():
    names = countries()
    assert names["US"] == "United States" and names["GB"] == "United Kingdom"
    assert known_country("de") and not known_country("ZZ")


def test_known_countries_are_the_packages_own_list_with_its_aliases():
    # The registry's codes, read without importing every country's module, are the codes
    # holidays.list_supported_countries gives (UK for GB and the alpha-3 codes included).
    supported = holidays.list_supported_countries()
    assert {code for code in supported if not known_country(code)} == set()
    assert known_country("uk") and known_country("USA") and not known_country("")
