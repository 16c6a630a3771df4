"""What the Self-check page shows: the interviews to choose from, how saved checks are named,
and the readings over time with company names."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from nextround.commands.sample import write_sample
from nextround.domain.self_check.learning import history_frame
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store
from nextround.views import self_check as cs

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def sample(tmp_path: Path) -> Store:
    return write_sample(tmp_path / "sample", TODAY)


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
    assert first["interview_type"] == "video"  # the reading starts from the type logged
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


def test_a_saved_check_is_named_by_when_and_its_reading():
    saved = datetime(2026, 11, 25, 14, 2, 30)
    rows = typed_frame("self_checks", [
        {"id": "S1", "application_id": "A00001", "interview_date": date(2026, 11, 23),
         "score": 61.6, "band": "Mixed signs", "created_at": saved, "updated_at": saved},
        {"id": "S2", "label": "Coffee chat", "band": "Not enough to tell",
         "created_at": saved},
        {"id": "S3", "label": "  ", "created_at": datetime(2025, 12, 1, 9, 5)},
    ]).to_dict("records")
    assert cs.check_option_label(rows[0], TODAY) == (
        "Interview of Mon 23 Nov · saved Wed 25 Nov 14:02 · Mixed signs (62 of 100)")
    assert cs.check_option_label(rows[1], TODAY) == (
        "Coffee chat · saved Wed 25 Nov 14:02 · Not enough to tell"
    )
    assert cs.check_option_label(rows[2], TODAY) == (
        "Saved Mon 1 Dec 2025 09:05 · Not enough to tell")
    assert cs.reading_words(float("nan"), None) == "Not enough to tell"
    assert cs.reading_words(52.4, "Mixed signs") == "Mixed signs (52 of 100)"


def _acme_and_two_checks(*more: dict) -> tuple:
    """Acme's application, a check of its interview and one of a coffee chat (and ``more``)."""
    apps = typed_frame("applications", [
        {"id": "A00001", "company": "Acme Analytics", "role": "R", "stage": "interviewing"},
    ])
    checks = typed_frame("self_checks", [
        {"id": "S1", "application_id": "A00001", "interview_date": date(2026, 11, 23),
         "score": 60.0},
        {"id": "S2", "label": "Coffee chat", "interview_date": date(2026, 11, 20),
         "score": 40.0},
        *more,
    ])
    return apps, checks


def test_history_names_applications_by_company():
    apps, checks = _acme_and_two_checks(
        {"id": "S3", "application_id": "A00404", "interview_date": date(2026, 11, 2),
         "score": 50.0},  # its application was deleted: the id stays
    )
    history = cs.history_with_names(history_frame(checks), apps)
    assert history.set_index("check_id")["label"].to_dict() == {
        "S1": "Acme Analytics", "S2": "Coffee chat", "S3": "A00404"}
    assert history["label"].dtype == "str"


def test_readings_over_time_are_drawn_for_the_chosen_application_then_for_all():
    apps, checks = _acme_and_two_checks()
    mine_and_all = cs.readings_over_time(checks, apps, "A00001", "Acme Analytics")
    assert [d.summary.split(":")[0] for d in mine_and_all] == ["Acme Analytics",
                                                              "All your checks"]
    assert all(isinstance(v, bytes) for d in mine_and_all for v in d.spec["datasets"].values())
    assert len(cs.readings_over_time(checks, apps, None, "")) == 1  # a quick check: all only
    assert cs.readings_over_time(checks.iloc[:0], apps, "A00001", "Acme") == ()


def test_outcomes_draw_no_calibration_chart_before_there_are_enough(sample: Store):
    view = cs.outcomes_view(sample.load("self_checks"), sample.load("applications"),
                            sample.load("events"), TODAY)
    assert view.calibration is None and view.said.calibration.empty


def test_interview_choices_are_bounded_but_keep_what_was_asked_for(one_interview_each):
    apps, events = one_interview_each(300, "interviewing")
    today = date(2027, 1, 1)
    choices = cs.interview_choices(apps, events, today, limit=100)
    assert len(choices) == 100 and choices["event_id"].iloc[0] == "E00299"
    kept = cs.interview_choices(apps, events, today, limit=100, keep_events=["E00003"],
                                keep_applications=["A00007"])
    assert {"E00003", "E00007"} <= set(kept["event_id"]) and len(kept) == 102
