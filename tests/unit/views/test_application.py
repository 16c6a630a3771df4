"""One application on the Pipeline page: its history, its next interview, and the records its
forms save, with only plain web addresses ever made into links."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from nextround.storage.frames import typed_frame
from nextround.storage.validation import application_errors, event_errors
from nextround.views import application as vm

D = dt.date


# --- text made safe ------------------------------------------------------------------------------


@pytest.mark.parametrize("url,expected", [
    ("https://jobs.example.com/1", "https://jobs.example.com/1"),
    ("HTTP://x.example", "HTTP://x.example"),
    ("javascript:alert(1)", None),
    ("data:text/html,hi", None),
    ("https://x.example/\"onmouseover=1", None),
    ("", None),
    (None, None),
])
def test_only_plain_web_addresses_become_links(url, expected) -> None:
    assert vm.safe_link(url) == expected


# --- one application ---------------------------------------------------------------------------


def test_history_newest_first_with_ids(demo_search) -> None:
    events = demo_search.events
    own = vm.events_of(events, "A00001")
    history = vm.history(own)
    assert history["id"].tolist()[0] == own.sort_values("date")["id"].iloc[-1]
    assert history["Date"].is_monotonic_decreasing
    interview = history[history["What"] == "interview"].iloc[0]
    assert interview["Round"] == 2 and interview["With"]
    assert history[history["What"] != "interview"]["With"].isna().all()


def test_rounds_and_interviews_of_an_application(demo_search) -> None:
    events, today = demo_search.events, demo_search.today
    acme = vm.events_of(events, "A00001")
    assert vm.next_round(acme) == 3
    latest = vm.latest_interview(acme, today)
    assert acme.set_index("id").loc[latest, "date"].date() == today - dt.timedelta(days=2)
    apps = demo_search.applications
    assert vm.upcoming_interview(apps[apps["id"].eq("A00001")], acme, today) is None
    cobalt = vm.events_of(events, "A00003")  # an interview in three days
    assert vm.latest_interview(cobalt, today) is None
    cobalt_app = apps[apps["id"].eq("A00003")]
    coming = vm.upcoming_interview(cobalt_app, cobalt, today)
    assert coming["date"].date() == today + dt.timedelta(days=3)
    assert vm.interview_words(coming).startswith("round 1, panel, with ")
    # Rejected before it: its booked round is no longer coming up, here as on Home.
    rejected = cobalt_app.assign(stage="closed", outcome="rejected")
    assert vm.upcoming_interview(rejected, cobalt, today) is None
    nothing = vm.events_of(events, "NOPE")
    assert vm.next_round(nothing) == 1 and vm.latest_interview(nothing, today) is None


def test_unnumbered_interviews_still_count_towards_the_next_round() -> None:
    own = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": D(2026, 3, 2), "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": D(2026, 3, 7), "kind": "interview"},
    ])
    assert vm.next_round(own) == 3


def test_interview_words() -> None:
    assert vm.interview_words({"round": 2, "interview_type": "video",
                               "interviewers": "Ana Lee; Bo Chen; Cy Diaz"}) == (
        "round 2, video, with Ana Lee, Bo Chen and Cy Diaz")
    assert vm.interview_words({}) == "interview"


def test_form_values_round_trip_through_the_record(demo_search) -> None:
    apps = demo_search.applications
    row = apps.iloc[0]
    values = vm.form_values(row)
    assert values["date_applied"] == row["date_applied"].date()
    assert values["outcome"] == "" and values["stage"] == row["stage"]
    record = vm.application_record(values)
    assert application_errors(record, demo_search.today) == {}
    for name in ("company", "role", "stage", "contact_email", "priority"):
        assert record[name] == row[name]
    blank = vm.form_values(None)
    assert blank["stage"] == "applied" and blank["date_applied"] is None


def test_notes_keep_their_line_breaks() -> None:
    record = vm.application_record({"company": " Acme ", "notes": "  one\ntwo  \n"})
    assert record["company"] == "Acme"
    assert record["notes"] == "one\ntwo"


def test_event_record_keeps_only_the_fields_of_its_kind() -> None:
    values = {"date": D(2026, 3, 10), "round": 2, "interview_type": "video",
              "interviewers": "Ana Lee;Bo Chen", "interviewer_emails": "a@x.io b@x.io",
              "decision_date": D(2026, 3, 18), "channel": "email", "details": " Talked. "}
    interview = vm.event_record("A1", "interview", values)
    assert interview == {"application_id": "A1", "kind": "interview", "date": D(2026, 3, 10),
                         "details": "Talked.", "round": 2, "interview_type": "video",
                         "interviewers": "Ana Lee; Bo Chen",
                         "interviewer_emails": "a@x.io; b@x.io", "decision_date": D(2026, 3, 18)}
    assert event_errors(interview, D(2026, 2, 9), D(2026, 3, 11)) == ({}, {})
    thanks = vm.event_record("A1", "thank-you sent", values)
    assert thanks["channel"] == "email" and "round" not in thanks
    note = vm.event_record("A1", "note", values)
    assert set(note) == {"application_id", "kind", "date", "details"}


def test_event_label() -> None:
    assert vm.event_label("interview", pd.Timestamp(2026, 11, 3), 2) == (
        "interview, round 2, on 3 Nov 2026")
    assert vm.event_label("note", dt.date(2026, 1, 9), pd.NA) == "note, on 9 Jan 2026"
