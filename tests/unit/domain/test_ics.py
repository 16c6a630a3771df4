"""Calendar export: a file calendars accept, that updates on re-import and keeps odd text intact."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from icalendar import Calendar

from nextround.domain.followup import due_actions
from nextround.domain.ics import actions_to_ics
from nextround.domain.interviews import upcoming_interviews
from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame

TODAY = dt.date(2026, 3, 9)
NOW = dt.datetime(2026, 3, 9, 8, 30, tzinfo=dt.UTC)
HOSTILE = 'Acme, Inc.; "R&D"\nSecond line\r\nThird; with, commas \\ back é 日本 😀\x00\x07'


def _frames(company: str = "Acme", details: str = "Bring the portfolio"):
    apps = typed_frame(
        "applications",
        [
            {"id": "A1", "company": company, "role": "Data analyst", "stage": "interviewing"},
            {"id": "A2", "company": "Beta", "role": "Engineer", "stage": "interviewing"},
        ],
    )
    events = typed_frame(
        "events",
        [
            {"id": "E1", "application_id": "A1", "date": "2026-03-06", "kind": "interview"},
            {"id": "E2", "application_id": "A2", "date": "2026-03-02", "kind": "interview"},
            {
                "id": "E3",
                "application_id": "A1",
                "date": "2026-03-16",
                "kind": "interview",
                "round": 2,
                "interview_type": "video",
                "interviewers": "Ann Lee; Bo Chen",
                "details": details,
            },
            {"id": "E4", "application_id": "A2", "date": "2026-03-01", "kind": "interview"},
        ],
    )
    return apps, events


def _export(apps, events, today=TODAY, now=NOW) -> Calendar:
    actions = due_actions(apps, events, RuleSettings(), today)
    data = actions_to_ics(actions, upcoming_interviews(apps, events, today), now)
    assert isinstance(data, bytes)
    return Calendar.from_ical(data)


def _by_summary(calendar: Calendar) -> dict[str, object]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_one_event_per_action_and_per_upcoming_interview():
    calendar = _export(*_frames())
    summaries = sorted(_by_summary(calendar))
    assert summaries == [
        "Interview: Acme, Data analyst (round 2, video)",
        "Send late thank-you: Beta, Engineer",
        "Send thank-you: Acme, Data analyst",
    ]  # past interviews E2 and E4 are not exported as interviews


def test_calendar_headers_and_required_event_properties():
    calendar = _export(*_frames())
    assert str(calendar["version"]) == "2.0"
    assert "Next Round" in str(calendar["prodid"])
    for event in calendar.walk("VEVENT"):
        assert event["uid"]
        stamp = event["dtstamp"].dt
        assert stamp.utcoffset() == dt.timedelta(0)
        assert isinstance(event["dtstart"].dt, dt.date)
        assert not isinstance(event["dtstart"].dt, dt.datetime)  # all-day


def test_reexport_keeps_the_same_uids():
    apps, events = _frames()
    first = _export(apps, events)
    again = _export(apps, events, now=NOW + dt.timedelta(hours=5))
    uids = sorted(str(e["uid"]) for e in first.walk("VEVENT"))
    assert uids == sorted(str(e["uid"]) for e in again.walk("VEVENT"))
    assert len(set(uids)) == len(uids)
    assert all(uid.endswith("@nextround.local") and " " not in uid for uid in uids)


def test_a_thank_you_that_turns_late_keeps_its_calendar_entry():
    apps, events = _frames()
    early = _by_summary(_export(apps, events, today=TODAY))
    late = _by_summary(_export(apps, events, today=dt.date(2026, 3, 11)))
    assert str(early["Send thank-you: Acme, Data analyst"]["uid"]) == str(
        late["Send late thank-you: Acme, Data analyst"]["uid"]
    )


def test_overdue_actions_show_up_today_with_their_due_date():
    event = _by_summary(_export(*_frames()))["Send late thank-you: Beta, Engineer"]
    assert event["dtstart"].dt == TODAY
    assert "Was due Tue 3 Mar." in str(event["description"])


def test_hostile_text_survives_the_round_trip():
    calendar = _export(*_frames(company=HOSTILE, details=HOSTILE))
    interview = next(e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("Inter"))
    summary = str(interview["summary"])
    assert 'Acme, Inc.; "R&D" Second line Third; with, commas \\ back é 日本 😀' in summary
    assert "\n" not in summary
    description = str(interview["description"])
    assert description.endswith(
        'Acme, Inc.; "R&D"\nSecond line\nThird; with, commas \\ back é 日本 😀'
    )
    assert "\x00" not in description and "\x07" not in description


def test_unicode_line_breaks_and_c1_controls_never_reach_the_file():
    """Before: U+2028 and U+0085 went into DESCRIPTION as they were."""
    odd = "one\u2028two\x85three\u2029four\x0cfive\x9bsix"
    apps, events = _frames(company=odd, details=odd)
    data = actions_to_ics(due_actions(apps, events, RuleSettings(), TODAY),
                          upcoming_interviews(apps, events, TODAY), NOW)
    for raw in ("\u2028", "\u2029", "\x85", "\x0c", "\x9b"):
        assert raw.encode("utf-8") not in data
    interview = next(e for e in Calendar.from_ical(data).walk("VEVENT")
                     if str(e["summary"]).startswith("Inter"))
    assert str(interview["description"]).endswith("one\ntwo\nthree\nfour\nfivesix")
    assert "one two three four fivesix" in str(interview["summary"])


def test_nothing_due_gives_a_valid_empty_calendar():
    apps = typed_frame(
        "applications", [{"id": "A1", "company": "Acme", "role": "x", "stage": "wishlist"}]
    )
    events = typed_frame("events", [])
    calendar = _export(apps, events)
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("interviews", [None, "empty"])
def test_interviews_are_optional(interviews):
    apps, events = _frames()
    actions = due_actions(apps, events, RuleSettings(), TODAY)
    frame = upcoming_interviews(apps, events, TODAY).iloc[0:0] if interviews else None
    calendar = Calendar.from_ical(actions_to_ics(actions, frame, NOW))
    assert len(calendar.walk("VEVENT")) == len(actions)


# --- overdue actions: one entry today, never a pile --------------------------------------------


def _backlog(n_overdue: int, company: str = "Firm"):
    """``n_overdue`` applications whose nudge is overdue (due 1..n days before TODAY), and one
    applied yesterday whose nudge is due in six days."""
    rows, events = [], []
    for i in range(n_overdue):
        # Due on the (i + 1)-th working day before TODAY (a due date never falls on a weekend).
        due = np.busday_offset(np.datetime64(TODAY), -(i + 1), roll="backward").astype(dt.date)
        applied = due - dt.timedelta(days=7)
        rows.append({"id": f"A{i}", "company": f"{company} {i}", "role": "Analyst",
                     "stage": "applied", "date_applied": applied})
        events.append({"id": f"E{i}", "application_id": f"A{i}", "date": applied,
                       "kind": "applied"})
    rows.append({"id": "F1", "company": "Fresh", "role": "Analyst", "stage": "applied",
                 "date_applied": TODAY - dt.timedelta(days=1)})
    return typed_frame("applications", rows), typed_frame("events", events)


def test_several_overdue_actions_are_one_catch_up_entry_today():
    calendar = _export(*_backlog(26))
    events = calendar.walk("VEVENT")
    on_today = [e for e in events if e["dtstart"].dt == TODAY]
    assert [str(e["summary"]) for e in on_today] == ["Catch up on 26 overdue follow-ups"]
    listed = str(on_today[0]["description"]).splitlines()
    assert len(listed) == 26
    # Oldest first, as Home lists them.
    assert listed[0] == "- Nudge about your application: Firm 25, Analyst (was due Fri 30 Jan)"
    assert listed[-1] == "- Nudge about your application: Firm 0, Analyst (was due Fri 6 Mar)"
    # Every action due ahead keeps its own date.
    ahead = {str(e["summary"]): e["dtstart"].dt for e in events if e["dtstart"].dt != TODAY}
    # Sun 15 Mar is no working day: Monday
    assert ahead == {"Nudge about your application: Fresh, Analyst": dt.date(2026, 3, 16)}


def test_the_catch_up_entry_keeps_its_uid_from_day_to_day():
    apps, events = _backlog(3)
    first = _by_summary(_export(apps, events))["Catch up on 3 overdue follow-ups"]
    later = _by_summary(_export(apps, events, today=TODAY + dt.timedelta(days=1),
                                now=NOW + dt.timedelta(days=1)))
    moved = later["Catch up on 3 overdue follow-ups"]
    assert str(first["uid"]) == str(moved["uid"])
    assert moved["dtstart"].dt == TODAY + dt.timedelta(days=1)


def test_a_long_backlog_lists_the_first_fifty_and_counts_the_rest():
    apps, events = _backlog(75, company=HOSTILE)
    entry = _by_summary(_export(apps, events))["Catch up on 75 overdue follow-ups"]
    lines = str(entry["description"]).splitlines()
    assert len(lines) == 51
    assert lines[-1] == "... and 25 more on Next Round's Home page."
    assert all(line.startswith("- Nudge") and "\x00" not in line for line in lines[:-1])


def test_a_single_overdue_action_is_its_own_entry_today():
    apps, events = _backlog(1)
    entry = _by_summary(_export(apps, events))["Nudge about your application: Firm 0, Analyst"]
    assert entry["dtstart"].dt == TODAY
    assert "Was due Fri 6 Mar." in str(entry["description"])


def test_a_rejected_applications_upcoming_interview_is_not_exported():
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "Analyst", "stage": "closed",
         "outcome": "rejected"},
        {"id": "A2", "company": "Beta", "role": "Analyst", "stage": "interviewing"},
    ])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": "2026-03-12", "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": "2026-03-06", "kind": "rejection"},
        {"id": "E3", "application_id": "A2", "date": "2026-03-12", "kind": "interview"},
    ])
    summaries = sorted(_by_summary(_export(apps, events)))
    assert summaries == ["Interview: Beta, Analyst"]


def test_a_panels_thank_yous_are_one_entry_per_person_and_sending_one_removes_only_it():
    apps = typed_frame("applications", [{"id": "A1", "company": "Lumen", "role": "Analyst",
                                         "stage": "interviewing"}])
    interview = {"id": "E1", "application_id": "A1", "date": dt.date(2026, 3, 6),
                 "kind": "interview", "interviewers": "Priya Raman; Anika Chen"}
    today = dt.date(2026, 3, 6)  # a Friday: the thank-yous are due on Monday
    entries = [e for e in _export(apps, typed_frame("events", [interview]), today).walk("VEVENT")
               if str(e["summary"]).startswith("Send thank-you")]
    assert sorted(str(e["summary"]) for e in entries) == [
        "Send thank-you to Anika Chen: Lumen, Analyst",
        "Send thank-you to Priya Raman: Lumen, Analyst"]
    assert {e["dtstart"].dt for e in entries} == {dt.date(2026, 3, 9)}
    assert len({str(e["uid"]) for e in entries}) == 2
    sent = {"id": "E2", "application_id": "A1", "date": today, "kind": "thank-you sent",
            "interviewers": "Priya Raman"}
    left = [str(e["summary"]) for e in
            _export(apps, typed_frame("events", [interview, sent]), today).walk("VEVENT")]
    assert [s for s in left if s.startswith("Send thank-you")] == [
        "Send thank-you to Anika Chen: Lumen, Analyst"]
