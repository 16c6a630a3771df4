"""One meaning per event in every figure: what counts as a reply, what is only booked, what
closes a wait. Each case is one the issue saw go wrong (issue 24, items 1-3): the nudge, the
wait estimate, the funnel and the days to a reply must all read an event the same way.

Calendar (2026): Mon 16 Feb, Fri 20 Feb, Mon 9 Mar (today).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from nextround.domain import pipeline, waiting
from nextround.domain.next_note import next_note
from nextround.storage.frames import typed_frame

D = dt.date
TODAY = D(2026, 3, 9)


def _frames(apps: list[dict], events: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    app_rows = [{"company": f"Company {a['id']}", "role": "Analyst", "stage": "interviewing",
                 "date_applied": D(2026, 1, 5), **a} for a in apps]
    rows = []
    for i, e in enumerate(events, 1):
        logged = e.pop("logged", e["date"] if e["date"] <= TODAY else TODAY)
        rows.append({"id": f"E{i:03d}", "created_at": dt.datetime.combine(logged, dt.time(10)),
                     **e})
    return typed_frame("applications", app_rows), typed_frame("events", rows)


def _ev(app_id: str, day: dt.date, kind: str, **extra) -> dict:
    return {"application_id": app_id, "date": day, "kind": kind, **extra}


# --- item 1: "heard back" is a reply everywhere ------------------------------------------------


def test_heard_back_ends_the_ask_for_news_nudge():
    """Invited to a second round (heard back, no round logged yet): the late note thanks them,
    it does not ask for news they already gave."""
    apps, events = _frames([{"id": "A1"}], [
        _ev("A1", D(2026, 2, 16), "interview"),
        _ev("A1", D(2026, 2, 20), "heard back", details="Invited to a second round."),
    ])
    note = next_note(apps, events, None, TODAY, "A1")
    assert "ask for news" not in note.reason
    assert note.kind == "late thank-you"


def test_the_same_heard_back_is_an_answer_in_the_wait_history():
    apps, events = _frames([{"id": "A1"}], [
        _ev("A1", D(2026, 2, 16), "interview"),
        _ev("A1", D(2026, 2, 20), "heard back"),
    ])
    waits = waiting.interview_waits(apps, events, TODAY)
    assert waits[["days", "answered", "waiting_now"]].values.tolist() == [[4, True, False]]


# --- item 2: a round booked ahead is an answer from the day it was logged -------------------


def test_a_round_booked_ahead_is_an_answer_dated_when_it_was_logged():
    """Round 1 on 16 Feb; round 2 logged on 20 Feb for a day 92 days from now. The answer came
    on 20 Feb (4 days), not today (21 days) and not on the round's own day."""
    apps, events = _frames([{"id": "A1"}], [
        _ev("A1", D(2026, 2, 16), "interview", round=1),
        _ev("A1", TODAY + dt.timedelta(days=92), "interview", round=2, logged=D(2026, 2, 20)),
    ])
    waits = waiting.interview_waits(apps, events, TODAY)
    assert waits[["days", "answered", "waiting_now"]].values.tolist() == [[4, True, False]]


def test_a_round_booked_ahead_is_reached_in_the_funnel_only_once_its_day_has_come():
    apps, events = _frames([{"id": "A1"}], [
        _ev("A1", D(2026, 2, 16), "interview", round=1),
        _ev("A1", D(2026, 3, 20), "interview", round=2, logged=D(2026, 2, 20)),
    ])
    before = pipeline.funnel(apps, events, TODAY).set_index("step")["count"]
    assert (before["Interview round 1"], before["Round 2"]) == (1, 0)
    after = pipeline.funnel(apps, events, D(2026, 3, 20)).set_index("step")["count"]
    assert after["Round 2"] == 1


def test_a_first_interview_booked_ahead_is_a_reply_but_not_yet_a_round():
    apps, events = _frames([{"id": "A1", "stage": "interviewing"}], [
        _ev("A1", D(2026, 1, 5), "applied"),
        _ev("A1", D(2026, 3, 20), "interview", logged=D(2026, 1, 25)),
    ])
    counts = pipeline.funnel(apps, events, TODAY).set_index("step")["count"]
    assert (counts["Replied"], counts["Interview round 1"]) == (1, 0)
    # The reply came when the interview was booked: 20 days after applying, not 74.
    assert pipeline.reply_days(apps, events).to_dict() == {"A1": 20}


# --- item 3: an answer logged on the interview day -----------------------------------------


def test_an_answer_on_the_interview_day_is_a_wait_of_no_days_not_a_missing_one():
    apps, events = _frames([{"id": "A1", "stage": "closed", "outcome": "rejected"},
                            {"id": "A2"}], [
        _ev("A1", D(2026, 2, 16), "interview"),
        _ev("A1", D(2026, 2, 16), "rejection"),
        _ev("A2", D(2026, 2, 20), "interview"),
    ])
    waits = waiting.interview_waits(apps, events, TODAY)
    assert len(waits) == 2  # both interviews count: "after 2 interviews"
    assert waits.set_index("application_id").loc["A1", ["days", "answered"]].tolist() == [0, True]
