"""How sure the learning view can be: the intervals against published and scipy reference
values, and the words "too few to tell" whenever an interval spans no difference."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from nextround.domain.self_check import intervals
from nextround.domain.self_check import learning as sc
from nextround.domain.self_check.content import answers_to_json
from nextround.storage.frames import typed_frame


def test_wilson_against_the_published_example():
    """Newcombe (1998), single proportion, 81 of 263: Wilson 95% interval 0.2553 to 0.3662."""
    ci = intervals.wilson(81, 263, confidence=0.95)
    assert (round(ci.low, 4), round(ci.high, 4)) == (0.2553, 0.3662)


@pytest.mark.parametrize(("k", "n"), [(0, 3), (3, 3), (2, 5), (1, 10)])
def test_wilson_at_ninety_percent_by_the_formula(k, n):
    """The Wilson score interval worked from its formula, with z from scipy's normal."""
    z = stats.norm.ppf(0.95)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    ci = intervals.wilson(k, n)
    assert (ci.low, ci.high) == pytest.approx((centre - half, centre + half))
    assert 0 <= ci.low <= p <= ci.high <= 1


def test_a_difference_of_rates_against_newcombes_example():
    """Newcombe (1998), Table II example (a), 56/70 - 48/80 = 0.2; method 10 (hybrid score,
    no continuity correction): 95% interval 0.0524 to 0.3339."""
    d = intervals.rate_difference(56, 70, 48, 80, confidence=0.95)
    assert d.estimate == pytest.approx(0.2)
    assert (round(d.low, 4), round(d.high, 4)) == (0.0524, 0.3339)
    assert not d.spans_no_difference


def test_a_difference_of_means_is_welchs_interval():
    """Welch's interval from its formula: the Welch-Satterthwaite degrees of freedom."""
    a, b = [70.0, 62.0, 81.0, 55.0], [40.0, 52.0, 47.0]
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = stats.t.ppf(0.95, df) * math.sqrt(va + vb)
    d = intervals.mean_difference(a, b)
    diff = np.mean(a) - np.mean(b)
    assert (d.estimate, d.low, d.high) == pytest.approx((diff, diff - half, diff + half))


@given(n=st.integers(1, 400), data=st.data(),
       confidence=st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_is_scipys_wilson(n, data, confidence):
    k = data.draw(st.integers(0, n))
    ref = stats.binomtest(k, n).proportion_ci(confidence_level=confidence, method="wilson")
    ci = intervals.wilson(k, n, confidence)
    assert (ci.low, ci.high) == pytest.approx((ref.low, ref.high), abs=1e-12)


_SAMPLE = st.lists(st.integers(0, 1000).map(lambda v: v / 10), min_size=2, max_size=30)  # scores


# scipy warns when one side's values are all the same; its interval is still the reference.
@pytest.mark.filterwarnings("ignore:Precision loss occurred:RuntimeWarning")
@given(a=_SAMPLE, b=_SAMPLE)
def test_a_difference_of_means_is_scipys_welch_interval(a, b):
    d = intervals.mean_difference(a, b)
    if np.std(a) == 0 and np.std(b) == 0:
        assert d is None
        return
    ref = stats.ttest_ind(a, b, equal_var=False).confidence_interval(confidence_level=0.9)
    assert (d.low, d.high) == pytest.approx((ref.low, ref.high), rel=1e-9, abs=1e-9)


def test_one_value_on_a_side_has_no_interval():
    assert intervals.mean_difference([70.0], [40.0, 45.0]) is None
    assert intervals.rate_difference(1, 0, 2, 3) is None


def _checks(goods: list[bool], scores: list[float]) -> pd.DataFrame:
    rows = [{"id": f"S{i:04d}", "score": score, "label": f"Check {i}",
             "answers": answers_to_json({"sign-next-round-invite": "yes" if good else "no"})}
            for i, (good, score) in enumerate(zip(goods, scores, strict=True))]
    return typed_frame("self_checks", rows)


def _outcomes(goods: list[bool]) -> pd.DataFrame:
    return pd.DataFrame({"check_id": [f"S{i:04d}" for i in range(len(goods))],
                         "good_outcome": pd.array(goods, dtype="boolean")})


def test_five_outcomes_with_a_small_gap_say_too_few_to_tell():
    goods = [True, False, True, False, False]
    result = sc.learn(_checks(goods, [60, 50, 52, 58, 49]), _outcomes(goods))
    assert result.score_difference.spans_no_difference
    assert result.score_words.endswith(": too few to tell")
    assert "90% interval" in result.score_words


def test_a_clear_gap_is_said_as_a_difference_with_its_interval():
    goods = [True, True, True, False, False, False]
    result = sc.learn(_checks(goods, [80, 82, 79, 30, 33, 31]), _outcomes(goods))
    assert result.score_words.startswith("+49 points (90% interval +")
    assert result.score_words.endswith("higher before good outcomes")
    sign = result.sign_rates.set_index("sign_id").loc["sign-next-round-invite"]
    assert (sign["seen_good"], sign["seen_not_good"]) == ("3 of 3", "0 of 3")
    # Newcombe at 90% for 3/3 - 0/3: the interval excludes 0, so it is said as a difference.
    assert sign["low"] > 0 and sign["says"].endswith("higher before good outcomes")


def test_the_calibration_frame_waits_for_ten_outcomes():
    goods = [i % 2 == 0 for i in range(9)]
    scores = [50.0 + i for i in range(9)]
    assert sc.calibration_frame(_checks(goods, scores), _outcomes(goods)).empty
    goods, scores = [*goods, True], [*scores, 90.0]
    frame = sc.calibration_frame(_checks(goods, scores), _outcomes(goods))
    assert len(frame) == 10 and frame["good"].sum() == 6
    assert set(frame["outcome"]) == {"Moved forward", "Rejected or no response"}


def test_rates_by_source_with_wilson_intervals():
    """Referrals 3 of 4 answered and 2 interviewed; job boards 1 of 6 answered; one with no
    source. Each rate's interval is scipy's Wilson at 90%."""
    apps, events = [], []
    plan = ([("Referral", "screening")] * 2 + [("referral ", "interviewing")] * 2
            + [("Job board", "applied")] * 5 + [("Job board", "screening")] + [(None, "applied")])
    plan[0] = ("Referral", "applied")
    for i, (source, stage) in enumerate(plan):
        apps.append({"id": f"A{i}", "company": f"Co {i}", "role": "Dev", "stage": stage,
                     "source": source, "date_applied": date(2026, 1, 5)})
    frame = sc.source_rates(typed_frame("applications", apps), typed_frame("events", events),
                            date(2026, 3, 9)).set_index("source")
    assert list(frame.index) == ["Job board", "Referral", "not recorded"]
    referral = frame.loc["Referral"]
    assert (referral["applications"], referral["answered"], referral["interviewed"]) == (4, 3, 2)
    ref = stats.binomtest(3, 4).proportion_ci(confidence_level=0.9, method="wilson")
    assert (referral["answer_low"], referral["answer_high"]) == pytest.approx((ref.low, ref.high))
    board = frame.loc["Job board"]
    assert (board["applications"], board["answered"]) == (6, 1)
    assert board["says"].endswith("too few to tell") or "lower" in board["says"]
    assert frame.loc["not recorded", "says"] == ""


def test_one_source_alone_has_nothing_to_compare():
    apps = typed_frame("applications", [{"id": "A1", "company": "Co", "role": "Dev",
                                         "stage": "applied", "source": "referral",
                                         "date_applied": date(2026, 1, 5)}])
    assert sc.source_rates(apps, typed_frame("events", []), date(2026, 3, 9)).empty
