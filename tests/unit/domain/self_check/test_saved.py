"""Saved self-checks: saving, reopening, editing and deleting them, with the reading always
worked out again from the answers."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from nextround.commands import self_check as commands
from nextround.domain.self_check import saved as cs
from nextround.domain.self_check.content import signs
from nextround.storage.errors import NextRoundError, StaleDataError
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

NOW = datetime(2026, 11, 25, 14, 2, 30, 123456)
STRONG_POSITIVE = "sign-next-round-invite"


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
    check_id = commands.save_check(store, _values(), NOW)
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
    commands.save_check(store, _values(score=99.0, band="Made up"), NOW)
    row = store.load("self_checks").iloc[0]
    assert row["band"] != "Made up" and row["score"] != 99.0


def test_all_not_sure_saves_no_number(store: Store):
    values = _values(answers=dict.fromkeys([s.id for s in signs()], "not sure"),
                     decision="not sure", scheduled_minutes=None, actual_minutes=None)
    commands.save_check(store, values, NOW)
    row = store.load("self_checks").iloc[0]
    assert pd.isna(row["score"]) and row["band"] == "Not enough to tell"
    assert row["answers"] == "{}"


def test_a_quick_check_gets_a_label_even_when_left_blank(store: Store):
    commands.save_check(store, _values(application_id=None, event_id="", label="  "), NOW)
    row = store.load("self_checks").iloc[0]
    assert pd.isna(row["application_id"]) and pd.isna(row["event_id"])
    assert row["label"] == cs.QUICK_CHECK_LABEL


def test_reopening_gives_back_the_same_values_and_reading(store: Store):
    values = _values()
    commands.save_check(store, values, NOW)
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
    check_id = commands.save_check(store, _values(), NOW)
    later = NOW + timedelta(hours=2)
    _, version = store.load_with_version("self_checks")
    again = commands.save_check(
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
    check_id = commands.save_check(store, _values(), NOW)
    _, version = store.load_with_version("self_checks")
    commands.save_check(store, _values(went_well="another tab"), NOW, check_id)  # another tab
    before = store.load("self_checks")
    with pytest.raises(StaleDataError):
        commands.save_check(store, _values(went_well="x"), NOW, check_id, expected_version=version)
    pd.testing.assert_frame_equal(store.load("self_checks"), before)


def test_editing_a_deleted_check_is_refused(store: Store):
    check_id = commands.save_check(store, _values(), NOW)
    commands.delete_check(store, check_id)
    with pytest.raises(NextRoundError, match="no longer exists"):
        commands.save_check(store, _values(), NOW, check_id=check_id)
    assert store.load("self_checks").empty


def test_checks_for_an_interview_newest_first_and_quick_checks_apart(store: Store):
    first = commands.save_check(store, _values(), NOW)
    quick = commands.save_check(store, _values(application_id=None, event_id=None), NOW)
    second = commands.save_check(store, _values(), NOW + timedelta(minutes=5))
    checks = store.load("self_checks")
    assert list(cs.checks_for(checks, "E000005")["id"]) == [second, first]
    assert list(cs.checks_for(checks, None)["id"]) == [quick]
    assert cs.checks_for(checks, "E999999").empty
    # Editing the older one makes it the newest.
    commands.save_check(store, _values(), NOW + timedelta(minutes=9), check_id=first)
    assert cs.checks_for(store.load("self_checks"), "E000005")["id"].iloc[0] == first


def test_decision_answer_stands_in_for_a_clear_timeline():
    without = cs.reading_of({"answers": {"sign-rapport": "yes"}})
    with_date = cs.reading_of({"answers": {"sign-rapport": "yes"}, "decision": "yes"})
    assert with_date.score > without.score
    assert cs.decision_given("not sure") is None and cs.decision_given(None) is None
    assert cs.decision_given("no") is False


def test_deleting_from_a_stale_tab_is_refused(store: Store):
    check_id = commands.save_check(store, _values(), NOW)
    _, version = store.load_with_version("self_checks")
    commands.save_check(store, _values(went_well="edited in another tab"), NOW, check_id)
    with pytest.raises(StaleDataError):
        commands.delete_check(store, check_id, expected_version=version)
    assert store.load("self_checks")["id"].tolist() == [check_id]


def test_newest_first_orders_by_the_last_change_then_the_id():
    checks = typed_frame("self_checks", [
        {"id": "S1", "created_at": datetime(2026, 3, 1, 9), "updated_at": datetime(2026, 3, 4, 9)},
        {"id": "S2", "created_at": datetime(2026, 3, 2, 9)},
        {"id": "S3", "created_at": datetime(2026, 3, 2, 9)},
    ])
    assert cs.newest_first(checks)["id"].tolist() == ["S1", "S3", "S2"]


# ---- The kind of interview ----------------------------------------------------------------------


def test_the_kind_of_interview_is_saved_and_read_back_with_its_reading(store: Store):
    values = _values(answers={"sign-salary-raised": "yes", STRONG_POSITIVE: "yes"},
                     interview_type="phone")
    commands.save_check(store, values, NOW)
    row = store.load("self_checks").iloc[0]
    assert json.loads(row["answers"])[cs.TYPE_KEY] == "phone"
    reopened = cs.form_values(row.to_dict())
    assert reopened["interview_type"] == "phone"
    assert reopened["answers"]["sign-salary-raised"] == "yes"  # kept, though set aside now
    assert cs.reading_of(reopened).score == pytest.approx(row["score"], abs=0.05)
    assert row["score"] < cs.reading_of(reopened | {"interview_type": None}).score


@pytest.mark.parametrize("typed", ["coffee chat", "", None, 7, {"x": 1}])
def test_an_unknown_kind_is_not_saved(store: Store, typed):
    commands.save_check(store, _values(interview_type=typed), NOW)
    row = store.load("self_checks").iloc[0]
    assert cs.TYPE_KEY not in json.loads(row["answers"])
    assert cs.form_values(row.to_dict())["interview_type"] is None


def test_a_hand_edited_kind_reads_whatever_its_case():
    row = {"answers": json.dumps({cs.TYPE_KEY: " Panel "})}
    assert cs.form_values(row)["interview_type"] == "panel"


# ---- The questions to prepare better, for Prep ---------------------------------------------------


def _checks(*rows: dict) -> pd.DataFrame:
    return typed_frame("self_checks", [
        {"id": f"S{i:05d}", "created_at": datetime(2026, 11, 1) + timedelta(days=i), **row}
        for i, row in enumerate(rows, 1)])


def test_the_latest_questions_to_prepare_come_first_whatever_the_company():
    checks = _checks(
        {"application_id": "A1", "interview_date": date(2026, 11, 2),
         "prepare_better": "Why did you leave your last job?"},
        {"application_id": "A2", "interview_date": date(2026, 11, 20),
         "prepare_better": "  Tell me about a conflict  "},
        {"label": "Coffee chat", "interview_date": date(2026, 11, 10), "prepare_better": ""},
        {"application_id": "A3", "interview_date": date(2026, 11, 15),
         "prepare_better": "why did you leave your LAST job?"},
    )
    asked = cs.questions_to_prepare(checks)
    assert list(asked["text"]) == ["Tell me about a conflict", "why did you leave your LAST job?"]
    assert list(asked["application_id"]) == ["A2", "A3"]


def test_no_questions_when_no_check_names_one():
    assert cs.questions_to_prepare(_checks({"prepare_better": "   "})).empty
    assert cs.questions_to_prepare(typed_frame("self_checks", [])).empty


def test_at_most_three_questions_are_brought_forward():
    checks = _checks(*({"prepare_better": f"Question {i}", "interview_date": date(2026, 11, i)}
                       for i in range(1, 6)))
    assert list(cs.questions_to_prepare(checks)["text"]) == [
        "Question 5", "Question 4", "Question 3"]
