"""Pipeline derivations: waiting and quiet days, filters, funnel, reply times, weekly pace and
the "too few eggs" warning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from nextround.domain import pipeline
from nextround.storage.frames import empty_frame, typed_frame
from nextround.storage.schema import STAGES

TODAY = dt.date(2026, 3, 9)  # a Monday


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def app(app_id: str, stage: str = "applied", applied: int | None = 30, **extra: Any) -> dict:
    record = {
        "id": app_id,
        "company": extra.pop("company", f"Company {app_id}"),
        "role": extra.pop("role", "Engineer"),
        "stage": stage,
        "date_applied": days_ago(applied) if applied is not None else None,
        "created_at": dt.datetime.combine(
            days_ago(applied if applied is not None else 40), dt.time(9)
        ),
    }
    record.update(extra)
    return record


def event(app_id: str, kind: str, ago: int, **extra: Any) -> dict:
    event.counter += 1
    record = {
        "id": f"E{event.counter:05d}",
        "application_id": app_id,
        "kind": kind,
        "date": days_ago(ago),
        "created_at": dt.datetime.combine(days_ago(ago), dt.time(12)),
    }
    record.update(extra)
    return record


event.counter = 0


def frames(apps: list[dict], events: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return typed_frame("applications", apps), typed_frame("events", events)


def row(table: pd.DataFrame, app_id: str) -> pd.Series:
    return table.set_index("id").loc[app_id]


# --- application_table ---------------------------------------------------------------------


def test_waiting_days_count_from_the_event_that_set_the_current_stage():
    apps, events = frames(
        [app("A1", "interviewing", applied=40), app("A2", "applied", applied=12)],
        [
            event("A1", "applied", 40),
            event("A1", "heard back", 30),
            event("A1", "interview", 20),
            event("A1", "interview", 9),
            event("A1", "thank-you sent", 8),
        ],
    )
    table = pipeline.application_table(apps, events, TODAY)
    assert row(table, "A1")["waiting_days"] == 9  # since the latest interview, not the note
    assert row(table, "A2")["waiting_days"] == 12  # no event: since date_applied


def test_waiting_days_fall_back_when_the_stage_was_set_by_hand():
    apps, events = frames(
        [app("A1", "offer", applied=50)], [event("A1", "applied", 50), event("A1", "heard back", 5)]
    )
    table = pipeline.application_table(apps, events, TODAY)
    assert row(table, "A1")["waiting_days"] == 50


def test_quiet_days_track_the_last_contact_either_way_but_not_private_notes():
    apps, events = frames(
        [app("A1", "interviewing", applied=40), app("A2", "applied", applied=20)],
        [
            event("A1", "applied", 40),
            event("A1", "interview", 15),
            event("A1", "follow-up sent", 6),
            event("A1", "note", 1),
        ],
    )
    table = pipeline.application_table(apps, events, TODAY)
    assert row(table, "A1")["quiet_days"] == 6
    assert row(table, "A2")["quiet_days"] == 20  # applying is contact too
    assert row(table, "A1")["last_activity"] == pd.Timestamp(days_ago(1))  # notes are activity


def test_a_scheduled_interview_means_nobody_is_waiting():
    apps, events = frames(
        [app("A1", "interviewing", applied=20)],
        [event("A1", "applied", 20), event("A1", "interview", -3, round=1)],
    )
    table = pipeline.application_table(apps, events, TODAY)
    assert row(table, "A1")["waiting_days"] == 0
    assert row(table, "A1")["quiet_days"] == 0


def test_interview_count_and_latest_interview():
    apps, events = frames(
        [app("A1", "interviewing"), app("A2", "applied")],
        [
            event("A1", "interview", 20, round=1),
            event("A1", "interview", 10, round=2),
            event("A1", "thank-you sent", 9),
        ],
    )
    latest_id = events.loc[events["date"] == pd.Timestamp(days_ago(10)), "id"].item()
    table = pipeline.application_table(apps, events, TODAY)
    assert row(table, "A1")["interviews"] == 2
    assert row(table, "A1")["latest_interview_id"] == latest_id
    assert row(table, "A1")["latest_interview_date"] == pd.Timestamp(days_ago(10))
    assert row(table, "A2")["interviews"] == 0
    assert pd.isna(row(table, "A2")["latest_interview_id"])


def test_wishlist_rows_use_the_day_they_were_added():
    apps, events = frames([app("W1", "wishlist", applied=None)], [])
    table = pipeline.application_table(apps, events, TODAY)
    assert row(table, "W1")["last_activity"] == pd.Timestamp(days_ago(40))
    assert row(table, "W1")["waiting_days"] == 40
    assert pd.isna(row(table, "W1")["quiet_days"])


def test_table_keeps_rows_index_and_ignores_orphan_events():
    apps, events = frames(
        [app("A1"), app("A2")], [event("A1", "applied", 30), event("GONE", "interview", 1)]
    )
    apps.index = [7, 3]
    table = pipeline.application_table(apps, events, TODAY)
    assert list(table.index) == [7, 3]
    assert list(table["id"]) == ["A1", "A2"]
    assert table["interviews"].sum() == 0


def test_empty_frames_give_an_empty_table_with_the_new_columns():
    table = pipeline.application_table(empty_frame("applications"), empty_frame("events"), TODAY)
    assert table.empty
    for column in ("last_activity", "waiting_days", "quiet_days", "interviews"):
        assert column in table.columns


# --- filter_applications -------------------------------------------------------------------


@pytest.fixture
def table() -> pd.DataFrame:
    apps, events = frames(
        [
            app("A1", role="C++ (dev)", company="Initech", applied=10),
            app("A2", role="C dev", company="Globex", applied=20, notes="Met at the C++ meetup"),
            app("A3", "closed", role="Data engineer", company="Acme", outcome="rejected"),
            app("A4", "wishlist", role="Analyst", company="a.b corp", applied=None),
        ],
        [],
    )
    return pipeline.application_table(apps, events, TODAY)


def test_text_filter_is_literal_and_case_insensitive(table):
    assert list(pipeline.filter_applications(table, text="c++ (DEV)")["id"]) == ["A1"]
    assert list(pipeline.filter_applications(table, text="C++")["id"]) == ["A1", "A2"]
    assert list(pipeline.filter_applications(table, text="a.b")["id"]) == ["A4"]
    assert pipeline.filter_applications(table, text="[").empty


def test_stage_outcome_and_date_filters(table):
    closed = pipeline.filter_applications(table, stages=["closed"], outcomes=["rejected"])
    assert list(closed["id"]) == ["A3"]
    recent = pipeline.filter_applications(table, start=days_ago(20), end=days_ago(10))
    assert list(recent["id"]) == ["A1", "A2"]  # both ends inclusive
    assert len(pipeline.filter_applications(table)) == len(table)


# --- funnel --------------------------------------------------------------------------------


def test_funnel_counts_rounds_and_conversion():
    apps, events = frames(
        [
            app("A1", "offer"),
            app("A2", "closed", outcome="rejected"),
            app("A3", "screening"),
            app("A4", "applied"),
            app("A5", "offer"),
            app("A6", "interviewing"),
            app("W1", "wishlist", applied=None),
        ],
        [
            event("A1", "interview", 20, round=1),
            event("A1", "interview", 15, round=2),
            event("A1", "interview", 10, round=3),
            event("A1", "offer", 2),
            event("A2", "interview", 20, round=1),
            event("A2", "rejection", 10),
            event("A3", "heard back", 5),
            event("A5", "interview", 9),  # an offer after a single round
            event("A5", "offer", 3),
            event("A6", "interview", 12),  # two unnumbered interviews: rounds 1 and 2
            event("A6", "interview", 4),
        ],
    )
    result = pipeline.funnel(apps, events).set_index("step")
    assert list(result.index) == list(pipeline.FUNNEL_STEPS)
    assert result["count"].to_dict() == {
        "Applied": 6,
        "Replied": 5,
        "Interview round 1": 4,
        "Round 2": 2,
        "Round 3+": 1,
        "Offer": 2,
    }
    assert np.isnan(result.loc["Applied", "rate"])
    assert result.loc["Replied", "rate"] == pytest.approx(5 / 6)
    assert result.loc["Round 3+", "rate"] == pytest.approx(1 / 2)
    # Offers are measured against everyone interviewed, so 2 offers after 1 "Round 3+" is 50%.
    assert result.loc["Offer", "rate"] == pytest.approx(2 / 4)
    assert result.loc["Offer", "rate_from"] == "Interview round 1"
    assert result["rate"].dropna().between(0, 1).all()


def test_an_imported_search_is_counted_as_far_as_each_application_got():
    """Imported rows carry stages and outcomes, and no events but "applied". Hand count:
    applied 36 (all but the 2 wishlist), replied 19 (6 screening, 8 interviewing, the offer,
    3 rejected, the declined offer), interviewed 10 (8 interviewing and both offers), offer 2."""
    plan = (
        [("applied", None)] * 14 + [("screening", None)] * 6 + [("interviewing", None)] * 8
        + [("offer", None)] + [("closed", "rejected")] * 3 + [("closed", "no response")] * 2
        + [("closed", "withdrew"), ("closed", "offer declined")]
    )
    rows = [app(f"A{i:02d}", stage, applied=40, outcome=outcome)
            for i, (stage, outcome) in enumerate(plan)]
    rows += [app("W1", "wishlist", applied=None), app("W2", "wishlist", applied=None)]
    apps, events = frames(rows, [event(r["id"], "applied", 40) for r in rows[:36]])
    result = pipeline.funnel(apps, events).set_index("step")
    assert result["count"].to_dict() == {
        "Applied": 36, "Replied": 19, "Interview round 1": 10, "Round 2": 0, "Round 3+": 0,
        "Offer": 2,
    }
    assert result.loc["Replied", "rate"] == pytest.approx(19 / 36)
    assert result.loc["Interview round 1", "rate"] == pytest.approx(10 / 19)
    assert result.loc["Round 2", "rate"] == 0
    assert np.isnan(result.loc["Round 3+", "rate"])  # nobody reached round 2 to go on from
    assert result.loc["Offer", "rate"] == pytest.approx(2 / 10)


def test_every_step_is_within_the_one_before_it(large_search):
    apps, events = large_search(2_000)
    counts = pipeline.funnel(apps, events).set_index("step")["count"]
    steps = list(pipeline.FUNNEL_STEPS)
    for later, earlier in [(s, steps[i]) for i, s in enumerate(steps[1:-1])]:
        assert counts[later] <= counts[earlier]
    assert counts["Offer"] <= counts["Interview round 1"]


def test_funnel_of_nothing_has_every_step_at_zero():
    result = pipeline.funnel(empty_frame("applications"), empty_frame("events"))
    assert list(result["count"]) == [0] * 6
    assert result["rate"].isna().all()


# --- reply_days ----------------------------------------------------------------------------


def test_reply_days_use_the_first_answer_after_applying():
    apps, events = frames(
        [app("A1", applied=30), app("A2", applied=20), app("A3", applied=10)],
        [
            event("A1", "follow-up sent", 25),
            event("A1", "heard back", 18),
            event("A1", "interview", 10),
            event("A2", "heard back", 25),  # a recruiter who wrote before the application
            event("A2", "rejection", 5),
        ],
    )
    days = pipeline.reply_days(apps, events)
    assert days.to_dict() == {"A1": 12, "A2": 15}
    assert days.name == "reply_days"


# --- weekly_activity -----------------------------------------------------------------------


def test_weekly_activity_groups_by_monday_and_keeps_quiet_weeks():
    _, events = frames(
        [],
        [
            event("A1", "applied", 14),  # Monday two weeks ago
            event("A2", "applied", 8),  # the Sunday that ends the same week
            event("A1", "thank-you sent", 8),
            event("A1", "follow-up sent", 1),
            event("A1", "interview", 0),
            event("A1", "note", 0),
        ],
    )
    weekly = pipeline.weekly_activity(events)
    assert list(weekly.columns) == ["week", "applications", "follow_ups", "interviews"]
    assert list(weekly["week"].dt.day_of_week.unique()) == [0]
    assert weekly.to_dict("list") == {
        "week": [pd.Timestamp(days_ago(14)), pd.Timestamp(days_ago(7)), pd.Timestamp(TODAY)],
        "applications": [2, 0, 0],
        "follow_ups": [1, 1, 0],
        "interviews": [0, 0, 1],
    }


def test_weekly_activity_of_nothing_is_empty():
    weekly = pipeline.weekly_activity(empty_frame("events"))
    assert weekly.empty
    assert list(weekly.columns) == ["week", "applications", "follow_ups", "interviews"]


# --- health --------------------------------------------------------------------------------


def test_too_few_active_applications_warns():
    apps, events = frames(
        [app("A1", "interviewing", applied=12), app("A2", "closed"), app("W", "wishlist", None)],
        [event("A1", "applied", 12)],
    )
    result = pipeline.health(apps, events, TODAY)
    assert result["active"] == 1
    assert result["too_few_active"] is True
    assert "1 application" in result["warning"]
    assert result["days_since_last_application"] == 12
    assert result["by_stage"]["closed"] == 1
    assert set(result["by_stage"]) == set(STAGES)


def test_enough_active_applications_give_no_warning():
    apps, events = frames([app(f"A{i}", "applied", applied=i) for i in range(3)], [])
    result = pipeline.health(apps, events, TODAY)
    assert result["too_few_active"] is False
    assert result["warning"] is None


def test_an_accepted_offer_ends_the_search_and_the_warning():
    apps, events = frames([app("A1", "closed", outcome="offer accepted")], [])
    assert pipeline.health(apps, events, TODAY)["warning"] is None


def test_no_applications_at_all():
    result = pipeline.health(empty_frame("applications"), empty_frame("events"), TODAY)
    assert result["active"] == 0
    assert result["days_since_last_application"] is None
    assert result["warning"]


# --- scale ---------------------------------------------------------------------------------


def test_fifty_thousand_applications(large_search):
    apps, events = large_search(50_000)
    table = pipeline.application_table(apps, events, TODAY)
    assert len(table) == 50_000
    assert table["last_activity"].notna().all()
    assert (table["waiting_days"] >= 0).all()
    assert table["interviews"].sum() == (events["kind"] == "interview").sum()
    assert len(pipeline.filter_applications(table, text="company a00001")) == 10
    assert len(pipeline.funnel(apps, events)) == 6
    assert pipeline.reply_days(apps, events).between(0, 700).all()
    assert pipeline.weekly_activity(events, apps)["applications"].sum() == 50_000
    assert pipeline.health(apps, events, TODAY)["active"] > 0
