"""Looking back: the readings over time, and what this person's own outcomes say about them."""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd
import pytest

from nextround.domain.self_check import learning as sc
from nextround.domain.self_check.content import answers_to_json
from nextround.storage.frames import typed_frame

STRONG_POSITIVE = "sign-next-round-invite"


# ---- History and learning --------------------------------------------------------------------


def _checks(rows: list[dict]) -> pd.DataFrame:
    return typed_frame("self_checks", rows)


def test_history_lists_scored_checks_in_date_order():
    checks = _checks(
        [
            {
                "id": "S0002",
                "application_id": "A0001",
                "interview_date": date(2026, 3, 5),
                "score": 62.0,
                "band": "Mixed signs",
            },
            {
                "id": "S0001",
                "label": "Coffee chat",
                "interview_date": None,
                "score": 40.0,
                "created_at": datetime(2026, 3, 1, 9, 30),
            },
            {"id": "S0003", "interview_date": date(2026, 3, 8), "score": None},
        ]
    )
    frame = sc.history_frame(checks)
    assert list(frame.columns) == sc.HISTORY_COLUMNS
    assert list(frame["check_id"]) == ["S0001", "S0002"]
    assert list(frame["label"]) == ["Coffee chat", "A0001"]
    assert frame["date"].iloc[0] == pd.Timestamp(2026, 3, 1)
    assert sc.history_frame(_checks([])).empty


def _learning_checks(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        good = i % 2 == 0
        answers = {"sign-rapport": "yes", STRONG_POSITIVE: "yes" if good else "no"}
        rows.append(
            {
                "id": f"S{i:04d}",
                "answers": answers_to_json(answers),
                "score": 70.0 if good else 40.0,
            }
        )
    return _checks(rows)


def _outcomes(values: list[bool | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check_id": [f"S{i:04d}" for i in range(len(values))],
            "good_outcome": pd.array(values, dtype="boolean"),
        }
    )


def test_learning_waits_for_five_known_outcomes_and_shows_no_numbers():
    result = sc.learn(_learning_checks(4), _outcomes([True, False, None, None]))
    assert not result.ready
    assert result.progress == "2 of 5 outcomes known"
    assert result.mean_score_good is None and result.mean_score_not_good is None
    assert result.sign_rates.empty


def test_learning_compares_scores_and_signs_before_good_outcomes():
    outcomes = [i % 2 == 0 for i in range(6)]
    result = sc.learn(_learning_checks(6), _outcomes(outcomes))
    assert result.ready and (result.n_good, result.n_not_good) == (3, 3)
    assert (result.mean_score_good, result.mean_score_not_good) == (70.0, 40.0)
    top = result.sign_rates.iloc[0]
    assert top["sign_id"] == STRONG_POSITIVE
    assert (top["yes_rate_good"], top["yes_rate_not_good"]) == (1.0, 0.0)
    rapport = result.sign_rates.set_index("sign_id").loc["sign-rapport"]
    assert rapport["difference"] == 0.0
    assert "tiny sample" in result.caveat


def test_learning_survives_broken_answers_and_missing_scores():
    checks = _learning_checks(5)
    checks.loc[0, "answers"] = "{not json"
    checks.loc[1, "score"] = math.nan
    result = sc.learn(checks, _outcomes([True] * 5))
    assert result.ready and result.mean_score_not_good is None
    assert result.mean_score_good == pytest.approx((70 + 70 + 40 + 70) / 4)


def test_outcomes_are_derived_from_what_happened_after_the_interview():
    apps = typed_frame(
        "applications",
        [
            {"id": "A1", "company": "Acme", "role": "R", "stage": "interviewing"},
            {"id": "A2", "company": "Birch", "role": "R", "stage": "closed", "outcome": "rejected"},
            {"id": "A3", "company": "Cobalt", "role": "R", "stage": "offer"},
            {"id": "A4", "company": "Drift", "role": "R", "stage": "interviewing"},
            {"id": "A5", "company": "Elm", "role": "R", "stage": "closed", "outcome": "withdrew"},
        ],
    )
    events = typed_frame(
        "events",
        [
            {"id": "E1", "application_id": "A1", "date": date(2026, 3, 1), "kind": "interview"},
            {"id": "E2", "application_id": "A1", "date": date(2026, 3, 9), "kind": "interview"},
            {"id": "E3", "application_id": "A1", "date": date(2026, 3, 20), "kind": "rejection"},
            {"id": "E4", "application_id": "A2", "date": date(2026, 3, 2), "kind": "interview"},
            {"id": "E5", "application_id": "A4", "date": date(2026, 3, 4), "kind": "interview"},
        ],
    )
    checks = _checks(
        [
            {"id": "S1", "application_id": "A1", "event_id": "E1"},  # date from its event
            {"id": "S2", "application_id": "A1", "interview_date": date(2026, 3, 9)},
            {"id": "S3", "application_id": "A2", "interview_date": date(2026, 3, 2)},
            {"id": "S4", "application_id": "A3", "interview_date": date(2026, 3, 3)},
            {"id": "S5", "application_id": "A4", "interview_date": date(2026, 3, 4)},
            {"id": "S6", "label": "Quick check", "interview_date": date(2026, 3, 4)},
            {"id": "S7", "application_id": "A5", "interview_date": date(2026, 3, 4)},
        ]
    )
    out = sc.derive_outcomes(checks, apps, events).set_index("check_id")
    assert str(out["good_outcome"].dtype) == "boolean"
    got = {cid: (None if pd.isna(v) else bool(v)) for cid, v in out["good_outcome"].items()}
    assert got == {
        "S1": True,  # a later round followed, even though the application ended in a rejection
        "S2": False,
        "S3": False,
        "S4": True,
        "S5": None,
        "S6": None,
        "S7": None,
    }
    assert out.loc["S7", "reason"] == "withdrew"
    assert out.loc["S6", "reason"] == "no application"
