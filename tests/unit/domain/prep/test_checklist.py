"""The dated prep checklist: items dated back from the interview, their progress, and ticking
one (kept one row per item, through a CSV round trip and the stale-tab check)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.commands import prep as prep_commands
from nextround.domain.prep import checklist
from nextround.storage.errors import StaleDataError
from nextround.storage.frames import convert_columns, to_csv_text, typed_frame
from nextround.storage.schema import get_table
from nextround.storage.store import Store

INTERVIEW = date(2026, 3, 9)
NOW = datetime(2026, 3, 5, 18, 30)


# --- The dated checklist --------------------------------------------------------------------


def _plan_row(plan: pd.DataFrame, item_id: str) -> pd.Series:
    return plan.set_index("item_id").loc[item_id]


def test_plan_counts_dates_back_from_the_interview():
    plan = checklist.checklist_plan(INTERVIEW, today=date(2026, 3, 1))
    assert list(plan.columns) == list(checklist.PLAN_COLUMNS)
    assert _plan_row(plan, "prep-research-company")["due"] == pd.Timestamp(2026, 3, 2)
    assert _plan_row(plan, "prep-plan-route")["due"] == pd.Timestamp(2026, 3, 8)
    assert _plan_row(plan, "prep-arrive-early")["due"] == pd.Timestamp(2026, 3, 9)
    assert _plan_row(plan, "prep-thank-you")["due"] == pd.Timestamp(2026, 3, 10)
    assert set(plan["status"]) == {"upcoming"}
    assert plan["due"].dtype == "datetime64[us]"


def test_plan_statuses_on_the_day_before():
    progress = checklist.set_item_done(None, "E00007", "prep-study-posting", True, NOW)
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 8), progress, interview_id="E00007")
    assert _plan_row(plan, "prep-research-company")["status"] == "catch up"
    assert _plan_row(plan, "prep-research-company")["due"] == pd.Timestamp(2026, 3, 8)
    assert _plan_row(plan, "prep-study-posting")["status"] == "done"
    assert _plan_row(plan, "prep-plan-route")["status"] == "due today"
    assert _plan_row(plan, "prep-arrive-early")["status"] == "upcoming"
    assert checklist.progress_summary(plan) == (1, len(plan), 1 / len(plan))


def test_a_short_notice_interview_fits_the_week_before_into_the_days_left():
    """Issue 13, 6: an interview booked three days ahead showed eight "Overdue" badges."""
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 6))  # Friday for a Monday
    week_before = plan[plan["slot"] == "week-before"]
    assert len(week_before) == 8
    assert set(week_before["status"]) == {"catch up"}
    assert "overdue" not in set(plan["status"])
    # Spread in order over Friday and Saturday; Sunday stays for the day-before steps.
    assert list(week_before["due"].dt.day) == [6, 6, 6, 6, 7, 7, 7, 7]
    day_before = plan[plan["slot"] == "day-before"]
    assert set(day_before["due"]) == {pd.Timestamp(2026, 3, 8)}
    assert set(day_before["status"]) == {"upcoming"}
    assert (plan["due"] >= pd.Timestamp(2026, 3, 6)).all()


def test_an_interview_today_puts_every_step_before_it_on_today():
    plan = checklist.checklist_plan(INTERVIEW, INTERVIEW)
    before = plan[plan["slot"].isin(["week-before", "day-before"])]
    assert set(before["status"]) == {"catch up"}
    assert set(before["due"]) == {pd.Timestamp(INTERVIEW)}
    assert set(plan.loc[plan["slot"] == "day-of", "status"]) == {"due today"}


def test_ticked_steps_keep_their_own_date_when_catching_up():
    progress = checklist.set_item_done(None, "E1", "prep-research-company", True, NOW)
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 6), progress, interview_id="E1")
    row = _plan_row(plan, "prep-research-company")
    assert row["status"] == "done" and row["due"] == pd.Timestamp(2026, 3, 2)
    open_steps = plan[(plan["slot"] == "week-before") & ~plan["done"].astype(bool)]
    assert set(open_steps["status"]) == {"catch up"}


@given(today=st.dates(date(2026, 2, 20), date(2026, 3, 14)),
       ticked=st.sets(st.sampled_from([i.id for i in checklist.checklist()])),
       step=st.sampled_from([i.id for i in checklist.checklist()]))
def test_ticking_a_step_never_moves_another(today: date, ticked: set[str], step: str):
    """Prep redraws only the box a tick changes: on short notice too, every other step keeps
    its day and its status (the steps left were once spread again over the days left)."""
    progress = None
    for item in sorted(ticked):
        progress = checklist.set_item_done(progress, "E1", item, True, NOW)
    before = checklist.checklist_plan(INTERVIEW, today, progress, interview_id="E1")
    after = checklist.checklist_plan(
        INTERVIEW, today, checklist.set_item_done(progress, "E1", step, step not in ticked, NOW),
        interview_id="E1")
    others = before["item_id"] != step
    pd.testing.assert_frame_equal(before[others], after[others])
    assert _plan_row(after, step)["done"] == (step not in ticked)


def test_after_the_interview_a_missed_step_is_overdue_not_catch_up():
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 12))
    assert "catch up" not in set(plan["status"])
    assert _plan_row(plan, "prep-thank-you")["status"] == "overdue"


def test_general_plan_has_no_due_dates():
    progress = checklist.set_item_done(None, checklist.GENERAL, "prep-know-resume", True, NOW)
    plan = checklist.checklist_plan(None, date(2026, 3, 8), progress,
                                    interview_id=checklist.GENERAL)
    assert plan["due"].isna().all()
    assert set(plan["status"]) == {"upcoming", "done"}
    assert _plan_row(plan, "prep-know-resume")["done"]


def test_progress_of_another_interview_does_not_tick_this_one():
    progress = checklist.set_item_done(None, "E00001", "prep-research-company", True, NOW)
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 1), progress, interview_id="E00002")
    assert not plan["done"].any()


def test_progress_with_missing_done_cells_counts_as_not_done():
    progress = typed_frame(
        "prep_progress",
        [{"id": "E1:prep-print", "interview_id": "E1", "item_id": "prep-print", "done": None}],
    )
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 1), progress, interview_id="E1")
    assert checklist.progress_summary(plan)[0] == 0


def test_empty_plan_summary():
    empty = checklist.checklist_plan(INTERVIEW, date(2026, 3, 1)).iloc[0:0]
    assert checklist.progress_summary(empty) == (0, 0, 0.0)


# --- Progress storage -----------------------------------------------------------------------


def test_progress_key_joins_interview_and_item():
    assert checklist.progress_key("E00012", "prep-print") == "E00012:prep-print"
    with pytest.raises(ValueError):
        checklist.progress_key("", "prep-print")


def test_ticking_and_unticking_keeps_one_row_per_item():
    first = checklist.set_item_done(None, "E1", "prep-print", True, NOW)
    second = checklist.set_item_done(first, "E1", "prep-clothes", True, NOW)
    untick = checklist.set_item_done(second, "E1", "prep-print", False, datetime(2026, 3, 6, 9))
    assert list(untick["id"]) == ["E1:prep-print", "E1:prep-clothes"]
    print_row = untick.set_index("id").loc["E1:prep-print"]
    assert not print_row["done"]
    assert pd.isna(print_row["done_at"])
    assert untick.set_index("id").loc["E1:prep-clothes", "done_at"] == pd.Timestamp(NOW)
    expected = {
        c.name: str(dt)
        for c, dt in zip(
            get_table("prep_progress").columns,
            ["str", "str", "str", "boolean", "datetime64[us]"],
            strict=True,
        )
    }
    assert {k: str(v) for k, v in untick.dtypes.items()} == expected


def test_progress_survives_a_csv_round_trip():
    progress = checklist.set_item_done(None, "E1", "prep-print", True, NOW)
    progress = checklist.set_item_done(progress, checklist.GENERAL, "prep-reread", False, NOW)
    table = get_table("prep_progress")
    text = to_csv_text(table, progress)
    reloaded, problems = convert_columns(table, text)
    assert problems == []
    pd.testing.assert_frame_equal(reloaded, progress)
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 1), reloaded, interview_id="E1")
    assert list(plan.loc[plan["done"], "item_id"]) == ["prep-print"]


def test_user_columns_in_progress_survive_an_update():
    progress = checklist.set_item_done(None, "E1", "prep-print", True, NOW)
    progress["my_note"] = pd.Series(["printed twice"], dtype="str")
    updated = checklist.set_item_done(progress, "E1", "prep-clothes", True, NOW)
    assert updated["my_note"].dtype == "str"
    assert updated["my_note"].iloc[0] == "printed twice"
    assert pd.isna(updated["my_note"].iloc[1])


def test_tick_saves_one_item_and_refuses_a_stale_tab(store: Store):
    prep_commands.tick(store, "E1", "prep-print", True, NOW)
    _, version = store.load_with_version("prep_progress")
    prep_commands.tick(store, "E1", "prep-print", False, datetime(2026, 3, 6, 9),
                   expected_version=version)
    saved = store.load("prep_progress")
    assert saved["id"].tolist() == ["E1:prep-print"]
    assert not saved["done"].iloc[0] and pd.isna(saved["done_at"].iloc[0])
    with pytest.raises(StaleDataError):  # the same item, changed since that version
        prep_commands.tick(store, "E1", "prep-print", True, NOW, expected_version=version)
    plan = checklist.checklist_plan(INTERVIEW, date(2026, 3, 1), store.load("prep_progress"),
                                    interview_id="E1")
    assert not plan["done"].any()


def test_a_friday_interviews_thank_you_is_due_on_monday_as_on_home():
    """Prep and Home agree: the thank-you after a Friday interview is due Monday (not Saturday),
    and after the Wednesday before Thanksgiving, on the Friday."""
    from nextround.domain.next_note import next_note
    from nextround.storage.frames import typed_frame

    friday = date(2026, 3, 6)
    plan = checklist.checklist_plan(friday, friday)
    due = plan.set_index("item_id")["due"]
    assert due["prep-thank-you"].date() == date(2026, 3, 9)
    apps = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "Analyst",
                                         "stage": "interviewing"}])
    events = typed_frame("events", [{"id": "E1", "application_id": "A1", "date": friday,
                                     "kind": "interview"}])
    assert next_note(apps, events, None, friday, "A1").due == date(2026, 3, 9)
    wednesday = date(2026, 11, 25)
    thanks = checklist.checklist_plan(wednesday, wednesday).set_index("item_id")["due"][
        "prep-thank-you"]
    assert thanks.date() == date(2026, 11, 27)
    assert checklist.checklist_plan(wednesday, wednesday, country="GB").set_index("item_id")[
        "due"]["prep-thank-you"].date() == date(2026, 11, 26)
