"""Interviews joined with their application: the one join every list of interviews starts from."""

from __future__ import annotations

from datetime import date

from nextround.domain.interviews import interview_events, upcoming_interviews
from nextround.storage.frames import typed_frame

TODAY = date(2026, 3, 11)


def frames(app, ev):
    apps = typed_frame("applications", [
        app("A1"),
        app("A2", stage="interviewing", outcome="rejected"),  # an import left the stage behind
        app("A3", stage="offer", company="Cobalt"),
        app("A4", stage="offer", company="Acme"),
    ])
    events = typed_frame("events", [
        ev("A1", date(2026, 3, 9), "interview", "E1"),
        ev("A1", date(2026, 3, 16), "interview", "E2"),
        ev("A2", date(2026, 3, 12), "interview", "E3"),
        ev("A3", date(2026, 3, 11), "interview", "E4"),
        ev("A4", date(2026, 3, 11), "interview", "E5"),
        ev("A1", date(2026, 3, 10), "thank-you sent", "E6"),
        ev("GONE", date(2026, 3, 12), "interview", "E7"),  # its application was deleted
        ev("A1", None, "interview", "E8"),  # no date: not an interview anyone can attend
    ])
    return apps, events


def test_interview_events_join_their_application_and_say_if_it_is_open(app, ev):
    joined = interview_events(*frames(app, ev)).set_index("id")
    assert sorted(joined.index) == ["E1", "E2", "E3", "E4", "E5"]
    assert joined.loc["E1", "company"] == "Company A1" and joined.loc["E1", "role"]
    assert joined["open"].to_dict() == {"E1": True, "E2": True, "E3": False, "E4": True,
                                        "E5": True}


def test_upcoming_interviews_are_today_or_later_of_open_applications_soonest_first(app, ev):
    upcoming = upcoming_interviews(*frames(app, ev), TODAY)
    assert upcoming["id"].tolist() == ["E5", "E4", "E2"]  # same day: by company
    assert {"company", "role", "interviewers"} <= set(upcoming.columns)
    assert "open" not in upcoming.columns and "stage" not in upcoming.columns
    assert list(upcoming.index) == [0, 1, 2]
