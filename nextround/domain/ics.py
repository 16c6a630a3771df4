"""Calendar export: due actions and upcoming interviews as an .ics file any calendar imports.

Every action due today or later is an entry on its own due date. Overdue ones cannot keep their
dates (an entry in the past is never seen) and must not pile up on today either: a single one
is shown today with the day it was due, several become one "catch up" entry today listing them.

Each event's UID is derived from the record it comes from, so importing a fresh export updates
the entries already in the calendar instead of adding copies. DTSTAMP is set explicitly because
the icalendar package does not add it and RFC 5545 requires it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from icalendar import Calendar, Event

from nextround.domain.dates import format_day
from nextround.domain.kinds import CATCH_UP, action_kind
from nextround.text import as_date, cell_text

PRODID = "-//Next Round//Next Round calendar export//EN"
UID_DOMAIN = "nextround.local"
#: Actions listed by name in the catch-up entry; the rest are counted.
CATCH_UP_LISTED = 50

# RFC 5545 forbids control characters in TEXT values (tab is allowed, line breaks are escaped).
# Unicode's other line breaks (NEL, the line and paragraph separators, form feed...) become
# plain line breaks first, so a calendar shows them as breaks and never receives them raw.
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _calendar_text(value: object) -> str:
    """A cell as RFC 5545 TEXT: empty cells "", Unicode's line breaks plain ones, no control
    characters (the calendar's rule on top of the app's one reading of a cell)."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", cell_text(value))).strip()


def _one_line(value: object) -> str:
    return " ".join(_calendar_text(value).split())


def stable_uid(*parts: object) -> str:
    """A UID that is the same for the same record on every export (and safe in any client)."""
    source = "\x1f".join(_calendar_text(p) for p in parts)
    return f"{hashlib.sha256(source.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _all_day_event(
    uid: str, start: dt.date, summary: str, description: str, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def _action_summary(row: Mapping[str, Any]) -> str:
    kind, note = _calendar_text(row.get("kind")), _calendar_text(row.get("note_kind"))
    title = action_kind(kind, note).calendar
    person = _one_line(row.get("person"))
    to = f" to {person}" if person else ""  # a panel's thank-yous: one entry per person
    return f"{title}{to}: {_one_line(row.get('company'))}, {_one_line(row.get('role'))}"


def _action_event(row: Mapping[str, Any], today: dt.date, stamp: dt.datetime) -> Event | None:
    due = as_date(row.get("due"))
    if due is None:
        return None
    kind = _calendar_text(row.get("kind"))
    summary = _action_summary(row)
    description = _calendar_text(row.get("reason"))
    start = due
    if due < today:
        # A reminder in the past is never seen: show it today and say when it was due.
        start = today
        description = f"{description}\nWas due {format_day(due, today)}.".strip()
    # A thank-you that turns late keeps its UID, so the calendar entry moves instead of doubling.
    family = "thank-you" if kind == "late thank-you" else kind
    person = _one_line(row.get("person"))
    parts = (row.get("application_id"), family, row.get("anchor_event_id"))
    uid = stable_uid("action", *parts, person) if person else stable_uid("action", *parts)
    event = _all_day_event(uid, start, summary, description, stamp)
    event.add("transp", "TRANSPARENT")
    return event


def _catch_up_event(rows: list[Mapping[str, Any]], today: dt.date, stamp: dt.datetime) -> Event:
    """One entry today for every overdue action, each listed with the day it was due.

    Its UID is the same on every export, so re-importing moves it rather than adding another.
    """
    lines = [f"- {_action_summary(row)} (was due {format_day(as_date(row.get('due')), today)})"
             for row in rows[:CATCH_UP_LISTED]]
    if len(rows) > CATCH_UP_LISTED:
        lines.append(f"... and {len(rows) - CATCH_UP_LISTED:,} more on Next Round's Home page.")
    summary = CATCH_UP.calendar.format(count=f"{len(rows):,}")
    event = _all_day_event(stable_uid("catch-up"), today, summary, "\n".join(lines), stamp)
    event.add("transp", "TRANSPARENT")
    return event


def _round_label(value: object) -> str:
    try:
        return f"round {int(value)}" if value is not None and not pd.isna(value) else ""
    except (TypeError, ValueError):
        return ""


def _interview_event(row: Mapping[str, Any], stamp: dt.datetime) -> Event | None:
    day = as_date(row.get("date"))
    if day is None:
        return None
    details = [
        part
        for part in (
            _round_label(row.get("round")),
            _one_line(row.get("interview_type")),
        )
        if part
    ]
    summary = f"Interview: {_one_line(row.get('company'))}, {_one_line(row.get('role'))}"
    if details:
        summary += f" ({', '.join(details)})"
    lines = []
    if _calendar_text(row.get("interviewers")):
        lines.append(f"Interviewers: {_one_line(row.get('interviewers'))}")
    if _calendar_text(row.get("details")):
        lines.append(_calendar_text(row.get("details")))
    uid = stable_uid("interview", row.get("application_id"), row.get("id"))
    return _all_day_event(uid, day, summary, "\n".join(lines), stamp)


def actions_to_ics(
    actions: pd.DataFrame,
    interviews: pd.DataFrame | None,
    now: dt.datetime,
    today: dt.date | None = None,
) -> bytes:
    """The calendar file: one all-day event per action and per upcoming interview, overdue
    actions gathered into one entry today when there are several.

    ``actions`` is a ``followup.due_actions`` frame. ``interviews`` is an events frame with
    ``company`` and ``role`` added (``upcoming_interviews`` builds it); rows that are not
    interviews, or are dated before today, are left out. ``now`` stamps every event (a naive
    time is taken as local time); ``today`` defaults to the date of ``now``, and overdue actions
    are placed on it.
    """
    today = today or now.date()
    stamp = now.astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Next Round")

    rows = [row for row in actions.to_dict("records") if as_date(row.get("due")) is not None]
    overdue = [row for row in rows if as_date(row["due"]) < today]
    if len(overdue) > 1:
        calendar.add_component(_catch_up_event(overdue, today, stamp))
        rows = [row for row in rows if as_date(row["due"]) >= today]
    for row in rows:
        event = _action_event(row, today, stamp)
        if event is not None:
            calendar.add_component(event)

    if interviews is not None and not interviews.empty:
        rows = interviews
        if "kind" in rows:
            rows = rows[rows["kind"].eq("interview")]
        rows = rows[pd.to_datetime(rows["date"]) >= pd.Timestamp(today)]
        for row in rows.to_dict("records"):
            event = _interview_event(row, stamp)
            if event is not None:
                calendar.add_component(event)
    return calendar.to_ical()
