"""The reading: an honest, explained score from the answered signs, the times and the
self-rating, with the properties that make it trustworthy (bounded, monotone, order-free)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.self_check import evidence as ev
from nextround.domain.self_check import scoring as sc
from nextround.domain.self_check.content import Caveat, rating_items, sign_pairs, signs
from nextround.storage.schema import ANSWERS
from tests.examples import more_examples

SIGN_IDS = [s.id for s in signs()]
POSITIVE_IDS = [s.id for s in signs() if s.direction > 0]
NEGATIVE_IDS = [s.id for s in signs() if s.direction < 0]
ITEM_IDS = [i.id for i in rating_items()]
STRONG_POSITIVE = "sign-next-round-invite"
STRONG_NEGATIVE = "sign-cut-short"

answers_strategy = st.dictionaries(st.sampled_from(SIGN_IDS), st.sampled_from(ANSWERS))
ratings_strategy = st.dictionaries(st.sampled_from(ITEM_IDS), st.integers(1, 5))
minutes_strategy = st.one_of(st.none(), st.integers(0, 240))


def _score(answers, ratings=None, scheduled=None, actual=None):
    return sc.score_check(answers, ratings or {}, scheduled, actual).score


def _contradicts(answers, sign_id) -> bool:
    """The sign's mirror is answered so that the two disagree about their one fact."""
    other = sign_pairs().get(sign_id)
    return other is not None and answers.get(other) in ("yes", "no")


# ---- The reading -----------------------------------------------------------------------------


@pytest.mark.parametrize("answers", [{}, {sid: "not sure" for sid in SIGN_IDS}])
def test_nothing_answered_gives_no_number(answers):
    result = sc.score_check(answers, {"rating-opening": 5})
    assert result.score is None
    assert result.band == "Not enough to tell"
    assert result.answered == 0
    assert not any(re.search(r"\d+ of 100", line) for line in result.explanation)
    assert result.contributions.empty


def test_a_no_that_tells_nothing_still_gives_no_number():
    result = sc.score_check({"sign-ran-over": "no", "sign-given-tour": "no"}, {})
    assert result.score is None


def test_one_strong_sign_alone_leans_and_says_it_rests_on_one_sign():
    """Issue 13, 3: "invited to another round" alone read "Mixed signs: some point each way"
    beside "nothing you answered points down"."""
    result = sc.score_check({STRONG_POSITIVE: "yes"}, {})
    assert 50 < result.score < 65
    assert result.band == "Leaning encouraging"
    assert "Mixed" not in result.band and "each way" not in result.band_meaning
    assert "only one sign" in result.band_meaning
    assert result.rests_on == "few" and result.lean == 1


def test_one_warning_sign_alone_leans_the_other_way_and_says_so():
    result = sc.score_check({STRONG_NEGATIVE: "yes"}, {})
    assert result.score < 50
    assert result.band == "Leaning towards the warning signs"
    assert "only one sign" in result.band_meaning and "not a verdict" in result.band_meaning
    assert result.low


def test_a_few_signs_pointing_both_ways_are_mixed_not_a_lean():
    result = sc.score_check({STRONG_POSITIVE: "yes", STRONG_NEGATIVE: "yes"}, {})
    assert result.band == "Mixed signs" and result.lean == 0
    assert any("rough" in line for line in result.explanation)


def test_many_one_sided_signs_read_in_the_usual_band():
    result = sc.score_check(dict.fromkeys(POSITIVE_IDS, "yes"), {})
    assert result.band == "Mostly encouraging signs" and result.lean == 1
    assert not result.low


def test_a_glowing_self_rating_cannot_lift_one_sign_into_the_top_band():
    result = sc.score_check({STRONG_POSITIVE: "yes"}, dict.fromkeys(ITEM_IDS, 5))
    assert result.band == "Leaning encouraging"
    assert result.score < 65
    assert result.score > _score({STRONG_POSITIVE: "yes"})


def test_many_good_signs_read_as_encouraging_but_never_certain():
    result = sc.score_check(
        dict.fromkeys(POSITIVE_IDS, "yes") | dict.fromkeys(NEGATIVE_IDS, "no"), {}
    )
    assert result.band == "Mostly encouraging signs"
    assert result.rests_on == "many"
    assert result.score < 100


def test_many_warning_signs_read_as_several_warning_signs():
    answers = dict.fromkeys(NEGATIVE_IDS, "yes") | dict.fromkeys(POSITIVE_IDS[:8], "no")
    result = sc.score_check(answers, {})
    assert result.band == "Several warning signs"
    assert result.score > 0
    assert result.low
    assert [e.sign_id for e in result.top_down][:2] == [STRONG_NEGATIVE, "sign-no-next-steps"]


def test_a_no_to_a_good_sign_counts_less_than_a_yes():
    yes = _score({"sign-sold-the-job": "yes"})
    no = _score({"sign-sold-the-job": "no"})
    assert no < 50 < yes
    assert (50 - no) < (yes - 50)


def test_not_sure_counts_for_nothing():
    base = {STRONG_POSITIVE: "yes"}
    assert _score(base) == _score(base | {"sign-distracted": "not sure"})


def test_unknown_signs_and_answers_are_ignored():
    base = {STRONG_POSITIVE: "yes"}
    noisy = base | {"sign-removed-long-ago": "yes", "sign-distracted": "maybe"}
    assert _score(noisy) == _score(base)


def test_short_interview_counts_as_cut_short_when_not_answered():
    with_times = sc.score_check({STRONG_POSITIVE: "yes"}, {}, 60, 25)
    assert with_times.score < _score({STRONG_POSITIVE: "yes"})
    row = with_times.contributions.set_index("sign_id").loc[STRONG_NEGATIVE]
    assert row["basis"] == "from the times you gave"
    assert any("counts as cut short" in line for line in with_times.explanation)


def test_times_do_not_double_count_a_sign_answered_directly():
    answered = {STRONG_POSITIVE: "yes", STRONG_NEGATIVE: "no"}
    assert _score(answered, scheduled=60, actual=20) == _score(answered)
    answered_yes = {STRONG_POSITIVE: "yes", STRONG_NEGATIVE: "yes"}
    assert _score(answered_yes, scheduled=60, actual=20) == _score(answered_yes)


def test_not_sure_about_cut_short_lets_the_times_decide():
    answers = {STRONG_POSITIVE: "yes", STRONG_NEGATIVE: "not sure"}
    assert _score(answers, scheduled=60, actual=20) == _score(
        {STRONG_POSITIVE: "yes", STRONG_NEGATIVE: "yes"}
    )


def test_running_over_counts_and_ending_on_time_means_nothing_about_it():
    assert _score({STRONG_POSITIVE: "yes"}, scheduled=45, actual=70) > _score(
        {STRONG_POSITIVE: "yes"}
    )
    on_time = sc.score_check({STRONG_POSITIVE: "yes"}, {}, 60, 60)
    assert ev.RAN_OVER not in set(on_time.contributions["sign_id"])


def test_a_decision_date_counts_as_a_clear_timeline_unless_answered():
    base = {STRONG_POSITIVE: "yes"}
    given_date = sc.score_check(base, {}, decision_date_given=True)
    no_date = sc.score_check(base, {}, decision_date_given=False).score
    assert no_date < _score(base) < given_date.score
    assert given_date.contributions.set_index("sign_id").loc[ev.CLEAR_TIMELINE, "basis"] == (
        "from the decision date given")
    answered = base | {ev.CLEAR_TIMELINE: "no"}
    assert sc.score_check(answered, {}, decision_date_given=True).score == _score(answered)


def test_self_rating_nudges_but_cannot_outweigh_one_strong_warning_sign():
    answers = {STRONG_NEGATIVE: "yes"}
    top = dict.fromkeys(ITEM_IDS, 5)
    bottom = dict.fromkeys(ITEM_IDS, 1)
    assert _score(answers, bottom) < _score(answers) < _score(answers, top) < 50


def test_self_rating_at_the_threshold_changes_nothing():
    answers = {STRONG_POSITIVE: "yes"}
    assert _score(answers, {ITEM_IDS[0]: 2, ITEM_IDS[1]: 3}) == _score(answers)


def test_top_signs_and_contributions_explain_the_score():
    answers = {
        STRONG_POSITIVE: "yes",
        "sign-rapport": "yes",
        "sign-salary-raised": "yes",
        "sign-met-the-team": "yes",
        "sign-distracted": "yes",
        "sign-sold-the-job": "no",
    }
    result = sc.score_check(answers, {ITEM_IDS[0]: 4})
    assert [e.sign_id for e in result.top_up] == [
        STRONG_POSITIVE,
        "sign-salary-raised",
        "sign-met-the-team",
    ]
    assert [e.sign_id for e in result.top_down] == ["sign-distracted", "sign-sold-the-job"]
    frame = result.contributions
    assert list(frame.columns) == sc.CONTRIBUTION_COLUMNS
    assert frame["contribution"].is_monotonic_decreasing
    assert sc.RATING_ROW_ID in set(frame["sign_id"])
    assert frame.loc[frame["sign_id"] == "sign-sold-the-job", "answer"].item() == "no"
    text = " ".join(result.explanation)
    assert "Invited to another round" in text and "Interviewer distracted" in text
    assert "self-rating averages 4.0" in text
    assert result.caveats and all(isinstance(c, Caveat) for c in result.caveats)


def test_what_it_rests_on_grows_with_the_weight_of_what_was_answered():
    few = sc.score_check({STRONG_POSITIVE: "yes", "sign-distracted": "yes"}, {})
    some = sc.score_check(dict.fromkeys(POSITIVE_IDS[:6], "yes"), {})
    many = sc.score_check(dict.fromkeys(POSITIVE_IDS, "yes")
                          | dict.fromkeys(NEGATIVE_IDS[:3], "yes"), {})
    assert (few.rests_on, some.rests_on, many.rests_on) == ("few", "some", "many")
    assert any("rough" in line for line in few.explanation)


# ---- Wording that must not overclaim (issue 13, 4) -----------------------------------------


def test_the_explanations_never_frame_the_score_as_an_outcome_likelihood():
    """The reading shows how the signs balance; "no set of signs makes an outcome certain" set
    the score next to outcomes as if it were a chance of one."""
    import inspect

    assert "outcome certain" not in inspect.getsource(sc)
    results = [sc.score_check(dict.fromkeys(NEGATIVE_IDS, "yes"), {}),
               sc.score_check({STRONG_POSITIVE: "yes"}, {}),
               sc.score_check(dict.fromkeys(POSITIVE_IDS, "yes"), {})]
    for result in results:
        text = " ".join([result.band, result.band_meaning, *result.explanation]).lower()
        assert "chance" not in text and "likely" not in text and "% " not in text
        assert "often come before a no" not in text


def test_the_lowest_band_says_no_study_links_the_signs_to_a_no():
    result = sc.score_check(dict.fromkeys(NEGATIVE_IDS, "yes"), {})
    assert "no study" in result.band_meaning.lower()
    assert "not a verdict" in result.band_meaning


# ---- Properties (hypothesis, three times the profile's examples each) ---------------------


@more_examples(3)
@given(answers_strategy, ratings_strategy, minutes_strategy, minutes_strategy)
def test_score_is_bounded_or_absent(answers, ratings, scheduled, actual):
    result = sc.score_check(answers, ratings, scheduled, actual)
    if result.score is None:
        assert result.band == "Not enough to tell"
    else:
        assert 0 <= result.score <= 100
        assert result.band != "Not enough to tell"


@more_examples(3)
@given(
    answers_strategy,
    ratings_strategy,
    minutes_strategy,
    minutes_strategy,
    st.sampled_from([(sid, 1) for sid in POSITIVE_IDS] + [(sid, -1) for sid in NEGATIVE_IDS]),
)
def test_a_sign_turned_to_yes_moves_the_score_only_its_own_way(
    answers, ratings, scheduled, actual, sign
):
    """A good sign turned to yes never lowers the score; a warning sign never raises it."""
    sign_id, direction = sign
    before = _score(answers, ratings, scheduled, actual)
    after = _score(answers | {sign_id: "yes"}, ratings, scheduled, actual)
    if after is None:
        # Only answers that contradict each other about one fact can leave nothing to read.
        assert _contradicts(answers | {sign_id: "yes"}, sign_id)
    elif before is not None:
        assert (after - before) * direction >= 0


@more_examples(3)
@given(answers_strategy, ratings_strategy, st.randoms(use_true_random=False))
def test_order_of_answers_does_not_matter(answers, ratings, rnd):
    items = list(answers.items())
    rnd.shuffle(items)
    shuffled = dict(items)
    a, b = sc.score_check(answers, ratings), sc.score_check(shuffled, ratings)
    assert a.score == b.score
    assert a.explanation == b.explanation
    pd.testing.assert_frame_equal(a.contributions, b.contributions)


@more_examples(3)
@given(answers_strategy, ratings_strategy, minutes_strategy, minutes_strategy)
def test_same_answers_give_the_same_result(answers, ratings, scheduled, actual):
    a = sc.score_check(answers, ratings, scheduled, actual)
    b = sc.score_check(dict(answers), dict(ratings), scheduled, actual)
    key = ("score", "band", "rests_on", "answered", "rating_average")
    assert [getattr(a, k) for k in key] == [getattr(b, k) for k in key]
    assert a.top_up == b.top_up and a.top_down == b.top_down
    assert a.explanation == b.explanation


@more_examples(3)
@given(st.lists(st.sampled_from(SIGN_IDS), unique=True), ratings_strategy)
def test_all_not_sure_never_gives_a_number(sign_ids, ratings):
    result = sc.score_check(dict.fromkeys(sign_ids, "not sure"), ratings)
    assert result.score is None
