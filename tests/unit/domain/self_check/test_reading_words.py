"""The reading's words are as careful as its numbers (issue 24, items 8 to 10): an answer the app
worked out is shown as worked out and never blamed on the person, a missing decision date says
nothing about a recruiter screen, the words for how much it rests on fit the counts, a self-rating
with low items says plainly when it lifts the reading, and the first words fit the reading and
any rejection logged since."""

from __future__ import annotations

from nextround.domain.self_check import evidence as ev
from nextround.domain.self_check import scoring as sc
from nextround.domain.self_check.content import first_step

LIGHT_SEVEN = dict.fromkeys(
    ("sign-rapport", "sign-verbal-approval", "sign-open-body-language", "sign-growth-discussed",
     "sign-team-challenges-shared", "sign-lingering-goodbye", "sign-dug-deeper"), "yes")
WARNINGS = ("sign-cut-short", "sign-distracted", "sign-other-strong-candidates",
            "sign-fit-objections", "sign-surface-questions", "sign-closed-body-language",
            "sign-resume-unread", "sign-abrupt-answers", "sign-no-next-steps", "sign-no-selling",
            "sign-advice-or-stand-in")


def _said(result: sc.CheckResult) -> str:
    return " ".join(result.explanation)


# ---- Item 8: an inferred answer is shown as inferred ----------------------------------------


def test_an_inferred_answer_is_never_reported_as_the_users_own():
    """"No clear next steps" answered yes, and a decision date given: the app worked out "clear
    timeline" from the date; the person never answered it, so their answers cannot disagree."""
    result = sc.score_check({"sign-no-next-steps": "yes", "sign-rapport": "yes"}, {},
                            decision_date_given=True)
    said = _said(result)
    assert "your answers disagree" not in said
    assert "from the decision date" in said  # shown as worked out, not as an answer
    # The person's own answer is what counts for that fact.
    assert "sign-no-next-steps" in set(result.contributions["sign_id"])
    assert ev.CLEAR_TIMELINE not in set(result.contributions["sign_id"])


def test_two_answers_of_ones_own_that_disagree_are_still_named_as_such():
    result = sc.score_check({"sign-sold-the-job": "yes", "sign-no-selling": "yes",
                             "sign-rapport": "yes"}, {})
    assert "your answers disagree" in _said(result)


def test_the_reasons_show_which_answers_were_worked_out():
    result = sc.score_check({"sign-next-round-invite": "yes"}, {}, 60, 20)
    assert "\u201cCut short\u201d (yes, from the times you gave)" in _said(result)


# ---- Item 10: a recruiter screen and a missing decision date --------------------------------


def test_a_missing_decision_date_does_not_count_against_a_recruiter_screen():
    base = {"sign-rapport": "yes", "sign-fit-objections": "yes"}
    screen = sc.score_check(base, {}, decision_date_given=False, kind_of_interview="phone")
    assert screen.score == sc.score_check(base, {}, kind_of_interview="phone").score
    assert ev.CLEAR_TIMELINE in [e.sign_id for e in screen.set_aside]
    assert "no decision date" in _said(screen)
    # On a later round the same silence still counts a little.
    video = sc.score_check(base, {}, decision_date_given=False, kind_of_interview="video")
    assert video.score < sc.score_check(base, {}, kind_of_interview="video").score


# ---- Item 10: words for few, some and many that fit the counts ------------------------------


def test_seven_light_signs_are_not_called_few():
    result = sc.score_check(LIGHT_SEVEN, {}, kind_of_interview="onsite")
    words = sc.rests_on_sentence(result)
    assert "few signs (7)" not in words and "only 7" not in result.band_meaning
    assert words.startswith("7 signs") and "light" in words
    assert "rough" in words


def test_one_or_two_signs_are_counted_in_words():
    one = sc.score_check({"sign-distracted": "yes"}, {})
    two = sc.score_check({"sign-distracted": "yes", "sign-rapport": "yes"}, {})
    assert sc.rests_on_sentence(one).startswith("only one sign")
    assert sc.rests_on_sentence(two).startswith("only 2 signs")
    assert "a single sign" not in two.band_meaning


def test_many_signs_are_called_many_without_claiming_strong_ones():
    many = sc.score_check(dict.fromkeys([s for s in sc.signs_by_id() if s not in WARNINGS],
                                        "yes"), {})
    assert sc.rests_on_sentence(many).startswith("many signs (")


# ---- Item 10: the self-rating says plainly what it does --------------------------------------


def test_a_self_rating_with_low_items_says_so_plainly_when_it_lifts_the_reading():
    ratings = {"rating-weakness": 1, "rating-hard-questions": 2, "rating-opening": 4,
               "rating-clarity": 4}
    result = sc.score_check({"sign-rapport": "yes"}, ratings)
    said = _said(result)
    assert "at or above" not in said
    assert "Framing a weakness (1)" in said and "Hard questions (2)" in said
    assert "up a little" in said


def test_a_self_rating_at_the_threshold_is_said_to_be_at_it_and_to_change_nothing():
    result = sc.score_check({"sign-rapport": "yes"}, {"rating-weakness": 2, "rating-opening": 3})
    said = _said(result)
    assert "at the 2.5" in said and "leaves the reading where the signs put it" in said


def test_a_low_self_rating_says_it_nudges_the_reading_down():
    result = sc.score_check({"sign-rapport": "yes"}, {"rating-weakness": 1, "rating-opening": 2})
    assert "down a little" in _said(result)


# ---- Items 9 and 10: the first words ---------------------------------------------------------


def test_one_moderate_warning_sign_is_not_met_with_the_words_for_eleven():
    one = sc.score_check({"sign-other-strong-candidates": "yes"}, {}, kind_of_interview="phone")
    eleven = sc.score_check(dict.fromkeys(WARNINGS, "yes"), {})
    assert one.low and eleven.low
    assert sc.opening_words(eleven) == [first_step()["low_reading"]]
    light = sc.opening_words(one)
    assert light and light != sc.opening_words(eleven)
    assert "stings" not in light[0]


def test_an_encouraging_reading_has_no_opening_words():
    assert sc.opening_words(sc.score_check({"sign-next-round-invite": "yes"}, {})) == []


def test_a_reading_after_a_rejection_says_so_first_and_connects_it():
    good = sc.score_check({"sign-next-round-invite": "yes", "sign-sold-the-job": "yes",
                           "sign-rapport": "yes", "sign-answered-your-questions": "yes"}, {})
    words = sc.opening_words(good, rejected=True)
    assert "rejection" in words[0] and "better fit" in words[0]
    low = sc.opening_words(sc.score_check(dict.fromkeys(WARNINGS, "yes"), {}), rejected=True)
    assert "rejection" in low[0] and "better fit" in low[0]
    assert len(low) == 1  # one warm opening, not two
    nothing = sc.opening_words(sc.score_check({}, {}), rejected=True)
    assert "rejection" in nothing[0]


def test_the_reworded_warning_questions_still_count_against_when_answered_yes():
    """The questions are asked the plain way round, but a "yes" saved before the rewording still
    means the same warning sign, and a "no" is still a little in your favour."""
    for sign_id in ("sign-no-next-steps", "sign-no-selling", "sign-surface-questions",
                    "sign-closed-body-language"):
        assert sc.score_check({sign_id: "yes"}, {}).score < 50, sign_id
        assert sc.score_check({sign_id: "no"}, {}).score > 50, sign_id


def test_an_average_just_below_the_threshold_is_not_shown_as_equal_to_it():
    items = [i.id for i in sc.rating_items()][:11]
    ratings = dict.fromkeys(items[:9], 2) | {items[9]: 5, items[10]: 4}  # 27 over 11: 2.45
    result = sc.score_check({"sign-rapport": "yes"}, ratings)
    said = _said(result)
    assert "averages 2.45 of 5, below the 2.5" in said and "down a little" in said
