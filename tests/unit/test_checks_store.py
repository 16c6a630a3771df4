"""Saved self-checks: choosing the interview, saving and reopening, the plan's facts, history."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from nextround import demo
from nextround.domain.selfcheck import saved as cs
from nextround.domain.selfcheck import scoring as sc
from nextround.storage.errors import NextRoundError, StaleDataError
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

TODAY = date(2026, 11, 25)  # a Wednesday
NOW = datetime(2026, 11, 25, 14, 2, 30, 123456)
STRONG_POSITIVE = "sign-next-round-invite"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    return demo.write(tmp_path / "sample", TODAY)


def _acme_round_two(store: Store) -> pd.Series:
    choices = cs.interview_choices(store.load("applications"), store.load("events"), TODAY)
    return choices[choices["company"].eq("Acme Analytics") & choices["round"].eq(2)].iloc[0]


# ---- Choosing what to check -------------------------------------------------------------------


def test_interview_label_reads_like_a_sentence():
    assert (
        cs.interview_label("Acme Analytics", "Data analyst", 2, date(2026, 11, 23), TODAY)
        == "Acme Analytics · Data analyst · round 2, Mon 23 Nov"
    )
    assert cs.interview_label("Acme", None, pd.NA, date(2025, 1, 6), TODAY) == (
        "Acme · interview, Mon 6 Jan 2025"
    )


def test_choices_are_past_interviews_most_recent_first(sample: Store):
    choices = cs.interview_choices(sample.load("applications"), sample.load("events"), TODAY)
    assert list(choices.columns) == cs.CHOICE_COLUMNS
    assert (choices["date"] <= pd.Timestamp(TODAY)).all()
    assert choices["date"].is_monotonic_decreasing
    first = choices.iloc[0]
    assert first["label"] == "Acme Analytics · Data analyst · round 2, Mon 23 Nov"
    assert first["decision_date"] == pd.Timestamp(TODAY + timedelta(days=8))
    assert "Cobalt Robotics" not in set(choices["company"])  # its interview is still to come


def test_choices_on_empty_data_are_empty(store: Store):
    choices = cs.interview_choices(store.load("applications"), store.load("events"), TODAY)
    assert choices.empty and list(choices.columns) == cs.CHOICE_COLUMNS


def test_a_request_picks_the_event_or_the_applications_latest(sample: Store):
    choices = cs.interview_choices(sample.load("applications"), sample.load("events"), TODAY)
    acme = choices[choices["company"] == "Acme Analytics"]
    round_one = acme[acme["round"] == 1]["event_id"].iloc[0]
    app_id = acme["application_id"].iloc[0]
    assert cs.requested_interview(choices, app_id, round_one) == round_one
    assert cs.requested_interview(choices, app_id, None) == acme["event_id"].iloc[0]
    assert cs.requested_interview(choices, "A99999", "E999999") is None
    assert cs.requested_interview(choices) is None


# ---- Saving and reopening ---------------------------------------------------------------------


def _values(**overrides):
    values = {
        "application_id": "A00001",
        "event_id": "E000005",
        "interview_date": date(2026, 11, 23),
        "answers": {STRONG_POSITIVE: "yes", "sign-distracted": "no", "sign-rapport": "not sure"},
        "decision": "yes",
        "ratings": {"rating-opening": 4, "rating-weakness": 2},
        "scheduled_minutes": 45,
        "actual_minutes": 60,
        "went_well": "  The case study  ",
        "to_change": "",
        "prepare_better": "Why this company?",
    }
    return values | overrides


def test_a_new_check_is_saved_with_its_reading(store: Store):
    check_id = cs.save_check(store, _values(), NOW)
    assert check_id == "S00001"
    row = store.load("self_checks").iloc[0]
    expected = cs.reading_of(_values())
    assert row["score"] == pytest.approx(round(expected.score, 1))
    assert row["band"] == expected.band
    assert json.loads(row["answers"]) == {
        STRONG_POSITIVE: "yes",
        "sign-distracted": "no",
        cs.DECISION_KEY: "yes",
    }
    assert json.loads(row["ratings"]) == {"rating-opening": 4, "rating-weakness": 2}
    assert (row["scheduled_minutes"], row["actual_minutes"]) == (45, 60)
    assert row["went_well"] == "The case study" and pd.isna(row["to_change"])
    assert row["created_at"] == row["updated_at"] == pd.Timestamp(2026, 11, 25, 14, 2, 30)
    assert row["interview_date"] == pd.Timestamp(2026, 11, 23)


def test_the_reading_is_worked_out_on_save_not_taken_from_the_caller(store: Store):
    cs.save_check(store, _values(score=99.0, band="Made up"), NOW)
    row = store.load("self_checks").iloc[0]
    assert row["band"] != "Made up" and row["score"] != 99.0


def test_all_not_sure_saves_no_number(store: Store):
    values = _values(answers=dict.fromkeys([s.id for s in sc.signs()], "not sure"),
                     decision="not sure", scheduled_minutes=None, actual_minutes=None)
    cs.save_check(store, values, NOW)
    row = store.load("self_checks").iloc[0]
    assert pd.isna(row["score"]) and row["band"] == "Not enough to tell"
    assert row["answers"] == "{}"


def test_a_quick_check_gets_a_label_even_when_left_blank(store: Store):
    cs.save_check(store, _values(application_id=None, event_id="", label="  "), NOW)
    row = store.load("self_checks").iloc[0]
    assert pd.isna(row["application_id"]) and pd.isna(row["event_id"])
    assert row["label"] == cs.QUICK_CHECK_LABEL


def test_reopening_gives_back_the_same_values_and_reading(store: Store):
    values = _values()
    cs.save_check(store, values, NOW)
    reopened = cs.form_values(store.load("self_checks").iloc[0].to_dict())
    assert reopened["answers"] == {STRONG_POSITIVE: "yes", "sign-distracted": "no"}
    assert reopened["decision"] == "yes"
    assert reopened["ratings"] == values["ratings"]
    assert reopened["interview_date"] == date(2026, 11, 23)
    assert reopened["went_well"] == "The case study" and reopened["to_change"] == ""
    assert cs.reading_of(reopened).score == pytest.approx(cs.reading_of(values).score)


def test_form_values_of_nothing_or_a_hand_broken_row_are_empty():
    empty = cs.form_values(None)
    assert empty["answers"] == {} and empty["decision"] == "not sure"
    assert empty["scheduled_minutes"] is None and empty["interview_date"] is None
    broken = cs.form_values(
        {"answers": "{oops", "ratings": '{"rating-opening": 9}', "scheduled_minutes": pd.NA,
         "interview_date": pd.NaT, "label": float("nan")}
    )
    assert broken["answers"] == {} and broken["ratings"] == {} and broken["label"] == ""


def test_an_edit_keeps_the_id_and_created_time(store: Store):
    check_id = cs.save_check(store, _values(), NOW)
    later = NOW + timedelta(hours=2)
    _, version = store.load_with_version("self_checks")
    again = cs.save_check(
        store, _values(answers={"sign-cut-short": "yes"}, went_well="Rapport"), later,
        check_id=check_id, expected_version=version,
    )
    frame = store.load("self_checks")
    assert again == check_id and len(frame) == 1
    row = frame.iloc[0]
    assert row["went_well"] == "Rapport"
    assert row["created_at"] == pd.Timestamp(2026, 11, 25, 14, 2, 30)
    assert row["updated_at"] == pd.Timestamp(2026, 11, 25, 16, 2, 30)
    assert json.loads(row["answers"])["sign-cut-short"] == "yes"


def test_an_edit_from_a_stale_tab_is_refused(store: Store):
    check_id = cs.save_check(store, _values(), NOW)
    _, version = store.load_with_version("self_checks")
    cs.save_check(store, _values(application_id=None, event_id=None), NOW)  # another tab
    before = store.load("self_checks")
    with pytest.raises(StaleDataError):
        cs.save_check(store, _values(went_well="x"), NOW, check_id, expected_version=version)
    pd.testing.assert_frame_equal(store.load("self_checks"), before)


def test_editing_a_deleted_check_is_refused(store: Store):
    check_id = cs.save_check(store, _values(), NOW)
    cs.delete_check(store, check_id)
    with pytest.raises(NextRoundError, match="no longer exists"):
        cs.save_check(store, _values(), NOW, check_id=check_id)
    assert store.load("self_checks").empty


def test_checks_for_an_interview_newest_first_and_quick_checks_apart(store: Store):
    first = cs.save_check(store, _values(), NOW)
    quick = cs.save_check(store, _values(application_id=None, event_id=None), NOW)
    second = cs.save_check(store, _values(), NOW + timedelta(minutes=5))
    checks = store.load("self_checks")
    assert list(cs.checks_for(checks, "E000005")["id"]) == [second, first]
    assert list(cs.checks_for(checks, None)["id"]) == [quick]
    assert cs.checks_for(checks, "E999999").empty
    # Editing the older one makes it the newest.
    cs.save_check(store, _values(), NOW + timedelta(minutes=9), check_id=first)
    assert cs.checks_for(store.load("self_checks"), "E000005")["id"].iloc[0] == first


def test_a_saved_check_is_named_by_when_and_its_reading(store: Store):
    cs.save_check(store, _values(), NOW)
    cs.save_check(store, _values(application_id=None, event_id=None, label="Coffee chat",
                                 answers={}, decision=None, actual_minutes=None), NOW)
    rows = store.load("self_checks").to_dict("records")
    first = cs.check_option_label(rows[0], TODAY)
    assert first.startswith("Interview of Mon 23 Nov · saved Wed 25 Nov 14:02 · ")
    assert first.endswith(" of 100)")
    assert cs.check_option_label(rows[1], TODAY) == (
        "Coffee chat · saved Wed 25 Nov 14:02 · Not enough to tell"
    )
    assert cs.reading_words(float("nan"), None) == "Not enough to tell"
    assert cs.reading_words(52.4, "Mixed signs") == "Mixed signs (52 of 100)"


def test_decision_answer_stands_in_for_a_clear_timeline():
    without = cs.reading_of({"answers": {"sign-rapport": "yes"}})
    with_date = cs.reading_of({"answers": {"sign-rapport": "yes"}, "decision": "yes"})
    assert with_date.score > without.score
    assert cs.decision_given("not sure") is None and cs.decision_given(None) is None
    assert cs.decision_given("no") is False


# ---- The facts the plan needs -----------------------------------------------------------------


def test_acme_round_two_needs_a_thank_you(sample: Store):
    apps, events = sample.load("applications"), sample.load("events")
    acme = _acme_round_two(sample)
    state = cs.application_state(apps, events, TODAY, acme["application_id"], acme["event_id"])
    assert state.interview_date == TODAY - timedelta(days=2)
    assert not state.thank_you_logged and not state.rejected
    assert state.company == "Acme Analytics" and state.role == "Data analyst"
    assert state.active_applications == cs.active_count(apps) - 1
    assert state.follow_up_due is None
    steps = sc.plan(sc.score_check({STRONG_POSITIVE: "yes"}, {}), state)
    assert [s.note_kind for s in steps if s.note_kind] == ["thank-you"]


def test_acme_round_one_had_its_thank_you(sample: Store):
    apps, events = sample.load("applications"), sample.load("events")
    choices = cs.interview_choices(apps, events, TODAY)
    round_one = choices[choices["company"].eq("Acme Analytics") & choices["round"].eq(1)].iloc[0]
    state = cs.application_state(
        apps, events, TODAY, round_one["application_id"], round_one["event_id"]
    )
    assert state.thank_you_logged


def test_a_rejection_is_seen(sample: Store):
    apps, events = sample.load("applications"), sample.load("events")
    choices = cs.interview_choices(apps, events, TODAY)
    drift = choices[choices["company"] == "Driftwood Games"].iloc[0]
    state = cs.application_state(apps, events, TODAY, drift["application_id"], drift["event_id"])
    assert state.rejected and state.thank_you_logged


def test_follow_up_date_comes_from_the_rules(sample: Store):
    apps, events = sample.load("applications"), sample.load("events")
    choices = cs.interview_choices(apps, events, TODAY)
    ever = choices[choices["company"] == "Evergreen Energy"].iloc[0]
    state = cs.application_state(apps, events, TODAY, ever["application_id"], ever["event_id"])
    assert state.thank_you_logged
    assert state.follow_up_due is not None and state.follow_up_due <= TODAY


def test_a_weeks_late_thank_you_with_follow_up_due_is_one_combined_note():
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Acme", "role": "R", "stage": "interviewing",
         "date_applied": date(2026, 10, 1)},
    ])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": date(2026, 10, 20), "kind": "interview"},
    ])
    state = cs.application_state(apps, events, TODAY, "A1", "E1")
    assert state.follow_up_due is not None and state.follow_up_due <= TODAY
    steps = sc.plan(sc.score_check({}, {}), state)
    assert [s.note_kind for s in steps if s.note_kind] == ["late thank-you and follow-up"]


def test_a_quick_check_counts_every_active_application(sample: Store):
    apps, events = sample.load("applications"), sample.load("events")
    state = cs.application_state(apps, events, TODAY, interview_date=TODAY)
    assert state.active_applications == cs.active_count(apps) > 0
    assert state.company == "" and not state.thank_you_logged
    empty = Store(sample.data_dir.parent / "none")
    state = cs.application_state(empty.load("applications"), empty.load("events"), TODAY)
    assert state.active_applications == 0


def test_active_count_leaves_out_closed_wishlist_and_the_one_named():
    apps = typed_frame("applications", [
        {"id": "A1", "company": "a", "role": "r", "stage": "applied"},
        {"id": "A2", "company": "b", "role": "r", "stage": "offer"},
        {"id": "A3", "company": "c", "role": "r", "stage": "closed", "outcome": "rejected"},
        {"id": "A4", "company": "d", "role": "r", "stage": "wishlist"},
    ])
    assert cs.active_count(apps) == 2
    assert cs.active_count(apps, excluding="A1") == 1


# ---- History ----------------------------------------------------------------------------------


def test_history_names_applications_and_charts_the_scores(store: Store):
    apps = typed_frame("applications", [
        {"id": "A00001", "company": "Acme Analytics", "role": "R", "stage": "interviewing"},
    ])
    cs.save_check(store, _values(), NOW)
    cs.save_check(store, _values(application_id=None, event_id=None, label="Coffee chat"), NOW)
    history = cs.history_with_names(sc.history_frame(store.load("self_checks")), apps)
    assert sorted(history["label"]) == ["Acme Analytics", "Coffee chat"]
    spec = sc.history_chart(history, "All your checks").to_dict()
    assert spec["title"] == "All your checks"
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"]]
    assert marks == ["rect", "text", "line"]
    rows = [r for data in spec["datasets"].values() for r in data]
    assert {r["label"] for r in rows if "label" in r} == {"Acme Analytics", "Coffee chat"}


def test_history_chart_without_scores_says_so():
    spec = sc.history_chart(sc.history_frame(typed_frame("self_checks", [])), "t").to_dict()
    assert spec["mark"]["type"] == "text"


def test_interview_choices_are_bounded_but_keep_what_was_asked_for():
    from datetime import date as _date

    apps = typed_frame("applications", [
        {"id": f"A{i:05d}", "company": f"C{i}", "role": "R", "stage": "interviewing"}
        for i in range(300)])
    events = typed_frame("events", [
        {"id": f"E{i:05d}", "application_id": f"A{i:05d}",
         "date": _date(2026, 1, 1) + pd.Timedelta(days=i), "kind": "interview"}
        for i in range(300)])
    today = _date(2027, 1, 1)
    choices = cs.interview_choices(apps, events, today, limit=100)
    assert len(choices) == 100 and choices["event_id"].iloc[0] == "E00299"
    kept = cs.interview_choices(apps, events, today, limit=100, keep_events=["E00003"],
                                keep_applications=["A00007"])
    assert {"E00003", "E00007"} <= set(kept["event_id"]) and len(kept) == 102
