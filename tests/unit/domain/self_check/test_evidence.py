"""Which answered signs count and how much: the kind of interview scales or sets aside a sign,
a mirrored pair of signs counts once, and the times answer the signs left open."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.self_check import evidence as ev
from nextround.domain.self_check.content import interview_types, sign_pairs, signs, signs_by_id
from nextround.domain.self_check.scoring import score_check
from nextround.storage.schema import ANSWERS, INTERVIEW_TYPES
from tests.examples import more_examples

SIGN_IDS = [s.id for s in signs()]
#: What a recruiter screen asks everyone (issue 13, 1).
ROUTINE_ON_A_SCREEN = {
    "sign-salary-raised": "yes",
    "sign-asked-your-timeline": "yes",
    "sign-start-date-discussed": "yes",
    "sign-asked-your-interest": "yes",
}


# ---- The kind of interview -------------------------------------------------------------------


def test_a_phone_screen_sets_aside_what_a_screen_asks_everyone():
    """Issue 13, 1: salary, other offers, start date and interest on a 30-minute screen that
    ran 30 minutes read 84, "Mostly encouraging"."""
    general = score_check(ROUTINE_ON_A_SCREEN, {}, 30, 30)
    screen = score_check(ROUTINE_ON_A_SCREEN, {}, 30, 30, kind_of_interview="phone")
    assert general.band == "Mostly encouraging signs"
    assert screen.score < 55 and "encouraging signs" not in screen.band
    assert {e.sign_id for e in screen.set_aside} == set(ROUTINE_ON_A_SCREEN)
    text = " ".join(screen.explanation)
    assert "Read as a phone screen." in text
    assert "Set aside as they say little on a phone screen" in text
    assert "\u201cThey raised salary\u201d (yes)" in text


def test_a_screen_ending_early_is_not_the_strongest_warning_there():
    """Issue 13, 1: the same screen ending at 20 of 30 minutes counted "cut short" in full."""
    general = score_check({}, {}, 30, 20)
    screen = score_check({}, {}, 30, 20, kind_of_interview="phone")
    cut_short = lambda r: r.contributions.set_index("sign_id").loc[ev.CUT_SHORT, "contribution"]  # noqa: E731
    assert cut_short(general) == -3
    assert -1.1 < cut_short(screen) < 0
    assert screen.score > general.score
    assert any("Counting for less on a phone screen" in line for line in screen.explanation)


def test_the_reading_says_when_no_kind_of_interview_was_given():
    result = score_check({"sign-rapport": "yes"}, {})
    assert result.interview_type is None
    assert any("No kind of interview was given" in line for line in result.explanation)


@pytest.mark.parametrize("given_type", ["Phone", " phone ", "PHONE"])
def test_the_kind_is_read_whatever_its_case(given_type):
    assert score_check({"sign-rapport": "yes"}, {}, kind_of_interview=given_type)\
        .interview_type == "phone"


@pytest.mark.parametrize("given_type", ["phone screen", "coffee chat", "", None, 3])
def test_an_unknown_kind_reads_as_a_general_interview(given_type):
    result = score_check(ROUTINE_ON_A_SCREEN, {}, kind_of_interview=given_type)
    assert result.interview_type is None
    assert result.score == score_check(ROUTINE_ON_A_SCREEN, {}).score


def test_a_tour_on_a_video_call_is_set_aside_not_counted():
    result = score_check({"sign-given-tour": "yes", "sign-rapport": "yes"}, {},
                         kind_of_interview="video")
    assert "sign-given-tour" not in set(result.contributions["sign_id"])
    assert [e.sign_id for e in result.set_aside] == ["sign-given-tour"]


def test_a_final_round_has_no_next_round_to_invite_you_to():
    assert not signs_by_id()["sign-next-round-invite"].applies_to("final")
    assert score_check({"sign-next-round-invite": "yes"}, {}, kind_of_interview="final").score \
        is None


def test_every_sign_applies_to_an_onsite_interview_in_full():
    assert all(s.counts_on("onsite") == 1 for s in signs())


def test_the_known_kinds_are_the_events_file_interview_types():
    assert sorted(t.id for t in interview_types()) == sorted(INTERVIEW_TYPES)


# ---- Mirrored pairs count once (issue 13, 2) ------------------------------------------------


def test_answering_both_framings_of_one_fact_counts_it_once():
    """"Sold the job" yes and "made no effort to sell" no raised 72 to 76 and "how sure" from
    Low to Medium."""
    base = {"sign-sold-the-job": "yes", "sign-rapport": "yes", "sign-when-you-join": "yes",
            "sign-distracted": "yes"}
    once = score_check(base, {})
    twice = score_check(base | {"sign-no-selling": "no"}, {})
    assert twice.score == once.score
    assert twice.rests_on == once.rests_on and twice.answered == once.answered
    assert any("describe one fact, so it counts once" in line for line in twice.explanation)


def test_the_stronger_side_of_a_pair_stands_whichever_was_answered():
    strong = score_check({"sign-no-next-steps": "yes"}, {})
    both = score_check({"sign-no-next-steps": "yes", "sign-clear-timeline": "no"}, {})
    assert both.score == strong.score
    assert list(both.contributions["sign_id"]) == ["sign-no-next-steps"]


def test_answers_that_contradict_each_other_count_for_nothing():
    result = score_check({"sign-sold-the-job": "yes", "sign-no-selling": "yes",
                          "sign-rapport": "yes"}, {})
    assert set(result.contributions["sign_id"]) == {"sign-rapport"}
    assert any("your answers disagree" in line for line in result.explanation)


def test_a_decision_date_and_no_next_steps_are_one_fact_too():
    """The decision date stands in for "clear timeline", the mirror of "no next steps"."""
    result = score_check({"sign-no-next-steps": "no", "sign-rapport": "yes"}, {},
                         decision_date_given=True)
    counted = set(result.contributions["sign_id"])
    assert len(counted & {"sign-no-next-steps", ev.CLEAR_TIMELINE}) == 1


def test_every_pair_is_an_encouraging_and_a_warning_sign():
    by_id = signs_by_id()
    for first, second in sign_pairs().items():
        assert by_id[first].direction == -by_id[second].direction
        assert sign_pairs()[second] == first


@more_examples(2)
@given(st.dictionaries(st.sampled_from(SIGN_IDS), st.sampled_from(ANSWERS)),
       st.sampled_from([None, *INTERVIEW_TYPES]))
def test_no_fact_ever_counts_twice(answers, kind):
    result = score_check(answers, {}, kind_of_interview=kind)
    counted = set(result.contributions["sign_id"])
    for first, second in sign_pairs().items():
        assert not {first, second} <= counted
    for sign_id in counted - {"self-rating"}:
        assert signs_by_id()[sign_id].applies_to(kind)


# ---- The times ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheduled", "actual", "expected"),
    [
        (60, 60, {"sign-cut-short": "no", "sign-ran-over": "no"}),
        (60, 40, {"sign-cut-short": "yes", "sign-ran-over": "no"}),
        (60, 52, {"sign-cut-short": "no", "sign-ran-over": "no"}),
        (20, 14, {"sign-cut-short": "no", "sign-ran-over": "no"}),  # only 6 minutes early
        (60, 75, {"sign-cut-short": "no", "sign-ran-over": "yes"}),
        (60, 65, {"sign-cut-short": "no", "sign-ran-over": "no"}),
        (None, 30, {}),
        (0, 30, {}),
        (60, float("nan"), {}),
        ("sixty", 30, {}),
    ],
)
def test_what_the_times_say(scheduled, actual, expected):
    assert ev.infer_from_times(scheduled, actual) == expected


def test_the_explanation_counts_signs_from_the_details_alone():
    result = score_check({}, {}, 30, 20)
    assert result.explanation[0] == "It rests on one sign taken from the details you gave."
