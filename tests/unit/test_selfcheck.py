"""The interview self-check: content, the reading, its properties, charts, plan and learning."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nextround.domain.catalog import load_catalog
from nextround.domain.selfcheck import scoring as sc
from nextround.storage.frames import typed_frame
from nextround.storage.schema import ANSWERS

SIGN_IDS = [s.id for s in sc.signs()]
POSITIVE_IDS = [s.id for s in sc.signs() if s.direction > 0]
NEGATIVE_IDS = [s.id for s in sc.signs() if s.direction < 0]
ITEM_IDS = [i.id for i in sc.rating_items()]
STRONG_POSITIVE = "sign-next-round-invite"
STRONG_NEGATIVE = "sign-cut-short"
TODAY = date(2026, 3, 10)
PROPERTY_EXAMPLES = 300

answers_strategy = st.dictionaries(st.sampled_from(SIGN_IDS), st.sampled_from(ANSWERS))
ratings_strategy = st.dictionaries(st.sampled_from(ITEM_IDS), st.integers(1, 5))
minutes_strategy = st.one_of(st.none(), st.integers(0, 240))


def _score(answers, ratings=None, scheduled=None, actual=None):
    return sc.score_check(answers, ratings or {}, scheduled, actual).score


# ---- Content ---------------------------------------------------------------------------------


def test_content_files_pass_their_own_validation():
    assert sc.content_problems() == []


def test_about_twenty_encouraging_and_ten_warning_signs():
    assert 18 <= len(POSITIVE_IDS) <= 22
    assert 9 <= len(NEGATIVE_IDS) <= 12


def test_sign_ids_are_unique_and_every_sign_explains_itself():
    assert len(SIGN_IDS) == len(set(SIGN_IDS))
    for sign in sc.signs():
        assert sign.weight in (1, 2, 3), sign.id
        assert sign.direction in (1, -1), sign.id
        assert sign.why.strip() and sign.source.strip(), sign.id
        assert sign.text.endswith("?"), f"{sign.id} should read as a yes/no question"


def test_signs_fall_into_the_five_groups_and_warning_signs_sit_together():
    groups = {g["id"]: g["label"] for g in sc.sign_groups()}
    assert set(groups.values()) == {
        "Interest in you",
        "Talk of the future",
        "Next steps",
        "Time and attention",
        "Warning signs",
    }
    for sign in sc.signs():
        assert (sign.group_label == "Warning signs") == (sign.direction < 0), sign.id


def test_weights_follow_the_domain_notes_for_the_strongest_signs():
    by_id = sc.signs_by_id()
    for sid in (STRONG_POSITIVE, "sign-references-asked", "sign-start-date-discussed"):
        assert by_id[sid].weight == 3
    assert by_id[STRONG_NEGATIVE].weight == 3
    assert by_id["sign-no-next-steps"].weight == 3
    assert by_id["sign-verbal-approval"].weight == 1


def test_rating_items_each_have_a_tip_and_prep_tags():
    items = sc.rating_items()
    assert 10 <= len(items) <= 12
    assert len(ITEM_IDS) == len(set(ITEM_IDS))
    for item in items:
        assert item.tip.strip() and item.label.strip() and item.text.strip()
        assert item.prep_tags, item.id


def test_rating_tags_reach_the_prep_questions():
    """A low rating should always pull at least one practice question on the prep page."""
    try:
        questions = load_catalog("questions").get("questions", [])
    except FileNotFoundError:
        pytest.skip("questions.toml is not there yet")
    question_tags = {tag for q in questions for tag in q.get("tags", [])}
    unmatched = [i.id for i in sc.rating_items() if not set(i.prep_tags) & question_tags]
    assert unmatched == []


def test_rubric_threshold_is_about_two_and_a_half_with_a_source():
    scale = sc.rating_scale()
    assert (scale["min"], scale["max"]) == (1, 5)
    assert scale["threshold"] == 2.5
    assert "outplacementnextsteps" in scale["source"]


def test_caveats_cover_the_five_warnings_and_each_names_a_source():
    caveats = sc.caveats()
    text = " ".join(c.text.lower() for c in caveats)
    for idea in ("predict", "friendly to every", "harshly", "often missed", "written offer"):
        assert idea in text
    assert all(c.source.strip() for c in caveats)


def test_the_survey_figure_and_weights_note_are_stated_with_their_basis():
    figure = sc.survey_figure()
    assert "63%" in figure["text"] and "47%" in figure["text"]
    assert "SmartRecruiters" in figure["source"] and "2017" in figure["source"]
    assert "no study" in sc.weights_note().lower()


def test_context_items_ask_round_times_and_decision_date():
    ids = {c["id"] for c in sc.context_items()}
    assert ids == {
        "context-round",
        "context-scheduled-minutes",
        "context-actual-minutes",
        "context-decision-date",
    }


def test_validation_catches_a_broken_sign(monkeypatch):
    broken = json.loads(json.dumps(load_catalog("signs")))
    broken["signs"][0]["weight"] = 5
    broken["signs"][1]["source"] = ""
    broken["signs"][2]["id"] = broken["signs"][3]["id"]
    monkeypatch.setattr(sc, "_signs_catalog", lambda: broken)
    problems = " | ".join(sc.content_problems())
    assert "weight must be 1, 2 or 3" in problems
    assert "missing source" in problems
    assert "duplicate ids" in problems


def test_figures_in_the_plan_text_carry_a_source():
    for key, entry in load_catalog("signs")["plan"].items():
        if "%" in entry["detail"]:
            assert entry.get("source"), key


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


def test_one_strong_sign_alone_never_reads_as_mostly_encouraging():
    result = sc.score_check({STRONG_POSITIVE: "yes"}, {})
    assert 50 < result.score < 65
    assert result.band == "Mixed signs"
    assert result.confidence == "low"


def test_a_glowing_self_rating_cannot_lift_one_sign_into_the_top_band():
    result = sc.score_check({STRONG_POSITIVE: "yes"}, dict.fromkeys(ITEM_IDS, 5))
    assert result.band == "Mixed signs"
    assert result.score > _score({STRONG_POSITIVE: "yes"})


def test_many_good_signs_read_as_encouraging_but_never_certain():
    result = sc.score_check(
        dict.fromkeys(POSITIVE_IDS, "yes") | dict.fromkeys(NEGATIVE_IDS, "no"), {}
    )
    assert result.band == "Mostly encouraging signs"
    assert result.confidence == "high"
    assert result.score < 100


def test_many_warning_signs_read_as_several_warning_signs():
    answers = dict.fromkeys(NEGATIVE_IDS, "yes") | dict.fromkeys(POSITIVE_IDS[:8], "no")
    result = sc.score_check(answers, {})
    assert result.band == "Several warning signs"
    assert result.score > 0
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
    assert sc.RAN_OVER not in set(on_time.contributions["sign_id"])


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
    ],
)
def test_what_the_times_say(scheduled, actual, expected):
    assert sc.infer_from_times(scheduled, actual) == expected


def test_a_decision_date_counts_as_a_clear_timeline_unless_answered():
    base = {STRONG_POSITIVE: "yes"}
    given_date = sc.score_check(base, {}, decision_date_given=True).score
    no_date = sc.score_check(base, {}, decision_date_given=False).score
    assert no_date < _score(base) < given_date
    answered = base | {sc.CLEAR_TIMELINE: "no"}
    assert sc.score_check(answered, {}, decision_date_given=True).score == _score(answered)


def test_self_rating_nudges_but_cannot_outweigh_one_strong_warning_sign():
    answers = {STRONG_NEGATIVE: "yes"}
    top = dict.fromkeys(ITEM_IDS, 5)
    bottom = dict.fromkeys(ITEM_IDS, 1)
    assert _score(answers, bottom) < _score(answers) < _score(answers, top) < 50


def test_self_rating_at_the_threshold_changes_nothing():
    answers = {STRONG_POSITIVE: "yes"}
    assert _score(answers, {ITEM_IDS[0]: 2, ITEM_IDS[1]: 3}) == _score(answers)


def test_out_of_range_ratings_are_dropped_not_guessed():
    assert sc.clean_ratings({ITEM_IDS[0]: 7, ITEM_IDS[1]: "4", ITEM_IDS[2]: True}) == {
        ITEM_IDS[1]: 4
    }
    assert sc.rating_average({"rating-unknown": 1}) is None


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
    assert result.caveats and all(isinstance(c, sc.Caveat) for c in result.caveats)


def test_confidence_grows_with_the_weight_of_what_was_answered():
    few = sc.score_check({STRONG_POSITIVE: "yes", "sign-rapport": "yes"}, {})
    some = sc.score_check(dict.fromkeys(POSITIVE_IDS[:6], "yes"), {})
    many = sc.score_check(dict.fromkeys(SIGN_IDS, "yes"), {})
    assert (few.confidence, some.confidence, many.confidence) == ("low", "medium", "high")
    assert any("rough" in line for line in few.explanation)


def test_weak_spots_are_the_lowest_rated_items_with_their_tips():
    ratings = {ITEM_IDS[0]: 2, ITEM_IDS[1]: 1, ITEM_IDS[2]: 4, ITEM_IDS[3]: 2}
    spots = sc.score_check({}, ratings).weak_spots
    assert [s.item_id for s in spots] == [ITEM_IDS[1], ITEM_IDS[0], ITEM_IDS[3]]
    assert all(s.tip and s.prep_tags for s in spots)
    assert sc.weak_spots({ITEM_IDS[0]: 3}) == []


# ---- Properties (hypothesis, PROPERTY_EXAMPLES examples each) ------------------------------


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(answers_strategy, ratings_strategy, minutes_strategy, minutes_strategy)
def test_score_is_bounded_or_absent(answers, ratings, scheduled, actual):
    result = sc.score_check(answers, ratings, scheduled, actual)
    if result.score is None:
        assert result.band == "Not enough to tell"
    else:
        assert 0 <= result.score <= 100
        assert result.band != "Not enough to tell"


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(
    answers_strategy,
    ratings_strategy,
    minutes_strategy,
    minutes_strategy,
    st.sampled_from(POSITIVE_IDS),
)
def test_a_good_sign_turned_to_yes_never_lowers_the_score(
    answers, ratings, scheduled, actual, sign_id
):
    before = _score(answers, ratings, scheduled, actual)
    after = _score(answers | {sign_id: "yes"}, ratings, scheduled, actual)
    assert after is not None
    if before is not None:
        assert after >= before


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(
    answers_strategy,
    ratings_strategy,
    minutes_strategy,
    minutes_strategy,
    st.sampled_from(NEGATIVE_IDS),
)
def test_a_warning_sign_turned_to_yes_never_raises_the_score(
    answers, ratings, scheduled, actual, sign_id
):
    before = _score(answers, ratings, scheduled, actual)
    after = _score(answers | {sign_id: "yes"}, ratings, scheduled, actual)
    assert after is not None
    if before is not None:
        assert after <= before


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(answers_strategy, ratings_strategy, st.randoms(use_true_random=False))
def test_order_of_answers_does_not_matter(answers, ratings, rnd):
    items = list(answers.items())
    rnd.shuffle(items)
    shuffled = dict(items)
    a, b = sc.score_check(answers, ratings), sc.score_check(shuffled, ratings)
    assert a.score == b.score
    assert a.explanation == b.explanation
    pd.testing.assert_frame_equal(a.contributions, b.contributions)


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(answers_strategy, ratings_strategy, minutes_strategy, minutes_strategy)
def test_same_answers_give_the_same_result(answers, ratings, scheduled, actual):
    a = sc.score_check(answers, ratings, scheduled, actual)
    b = sc.score_check(dict(answers), dict(ratings), scheduled, actual)
    key = ("score", "band", "confidence", "answered", "rating_average")
    assert [getattr(a, k) for k in key] == [getattr(b, k) for k in key]
    assert a.top_up == b.top_up and a.top_down == b.top_down
    assert a.explanation == b.explanation


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(st.lists(st.sampled_from(SIGN_IDS), unique=True), ratings_strategy)
def test_all_not_sure_never_gives_a_number(sign_ids, ratings):
    result = sc.score_check(dict.fromkeys(sign_ids, "not sure"), ratings)
    assert result.score is None


# ---- Charts ----------------------------------------------------------------------------------


def _datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def test_gauge_marks_the_bands_and_the_score():
    result = sc.score_check({STRONG_POSITIVE: "yes", "sign-rapport": "yes"}, {})
    spec = sc.score_gauge(result).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert "rect" in marks and "rule" in marks
    rows = [row for data in spec["datasets"].values() for row in data]
    assert {r.get("band") for r in rows if "band" in r} == {b.label for b in sc.bands()}
    assert any(r.get("score") == round(result.score) for r in rows)
    assert f"{result.score:.0f} of 100" in spec["title"]


def test_gauge_without_a_score_shows_no_marker():
    spec = sc.score_gauge(sc.score_check({}, {})).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    assert spec["title"] == "Not enough to tell"


def test_contributions_chart_is_green_for_up_and_red_for_down():
    result = sc.score_check({STRONG_POSITIVE: "yes", "sign-distracted": "yes"}, {})
    spec = sc.contributions_chart(result).to_dict()
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    scale = bar["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        "Points up": sc.UP_COLOUR,
        "Points down": sc.DOWN_COLOUR,
    }
    rows = next(data for data in _datasets(sc.contributions_chart(result)) if len(data) == 2)
    assert {r["direction"] for r in rows} == {"Points up", "Points down"}


def test_contributions_chart_without_answers_says_so():
    spec = sc.contributions_chart(sc.score_check({}, {})).to_dict()
    assert spec["mark"]["type"] == "text"


def test_score_chart_stacks_gauge_and_bars():
    spec = sc.score_chart(sc.score_check({STRONG_POSITIVE: "yes"}, {})).to_dict()
    assert len(spec["vconcat"]) == 2


# ---- Plan ------------------------------------------------------------------------------------


def _state(**overrides) -> sc.ApplicationState:
    values = {
        "today": TODAY,
        "interview_date": date(2026, 3, 9),
        "company": "Acme",
        "role": "Data analyst",
        "active_applications": 4,
    }
    return sc.ApplicationState(**(values | overrides))


def _plan(result=None, **overrides) -> list[sc.PlanStep]:
    return sc.plan(result or sc.score_check({STRONG_POSITIVE: "yes"}, {}), _state(**overrides))


def test_plan_starts_with_a_reflection_and_sends_the_thank_you():
    steps = _plan()
    assert steps[0].action == "reflect" and steps[0].due == TODAY
    note = steps[1]
    assert (note.action, note.note_kind, note.due) == ("write_note", "thank-you", TODAY)
    assert "Acme" in note.title and note.source


def test_thank_you_after_three_days_is_a_late_one():
    steps = _plan(interview_date=date(2026, 3, 6))
    kinds = [s.note_kind for s in steps if s.note_kind]
    assert kinds == ["late thank-you"]
    assert "4 days" in next(s.detail for s in steps if s.note_kind == "late thank-you")
    assert [s.note_kind for s in _plan(interview_date=date(2026, 3, 7)) if s.note_kind] == [
        "thank-you"
    ]


def test_no_thank_you_step_once_one_is_logged():
    steps = _plan(thank_you_logged=True, follow_up_due=date(2026, 3, 17))
    assert [s.note_kind for s in steps if s.note_kind] == ["follow-up"]
    follow_up = next(s for s in steps if s.note_kind == "follow-up")
    assert follow_up.due == date(2026, 3, 17)
    assert "17 March" in follow_up.title


def test_a_follow_up_date_that_has_come_asks_for_it_now():
    step = next(
        s
        for s in _plan(thank_you_logged=True, follow_up_due=date(2026, 3, 6))
        if s.note_kind == "follow-up"
    )
    assert step.due == TODAY
    assert "has come" in step.detail and "Not before" not in step.detail


def test_weeks_late_with_follow_up_due_gives_one_combined_note():
    steps = _plan(interview_date=date(2026, 2, 20), follow_up_due=date(2026, 3, 2))
    assert [s.note_kind for s in steps if s.note_kind] == ["late thank-you and follow-up"]


def test_few_active_applications_suggests_adding_one():
    add = next(s for s in _plan(active_applications=1) if s.action == "add_application")
    assert "1 other active application." in add.detail
    assert add.due == date(2026, 3, 17)
    assert not any(s.action == "add_application" for s in _plan(active_applications=3))
    keep = next(s for s in _plan(active_applications=3) if s.action == "review_applications")
    assert "3" in keep.title


def test_rejection_gives_a_reply_and_a_reminder_to_keep_watching():
    steps = _plan(rejected=True, follow_up_due=date(2026, 3, 17))
    actions = [(s.action, s.note_kind) for s in steps]
    assert ("write_note", "rejection reply") in actions
    assert ("watch_company", None) in actions
    assert not any(k in ("thank-you", "follow-up") for _, k in actions)


def test_low_self_rating_adds_a_preparation_step_naming_the_weak_spots():
    result = sc.score_check({STRONG_POSITIVE: "yes"}, {"rating-weakness": 1})
    prepare = next(s for s in sc.plan(result, _state()) if s.action == "prepare")
    assert "framing a weakness" in prepare.detail
    assert not any(s.action == "prepare" for s in _plan())


@pytest.mark.parametrize("company", ["", "Brace {Co}"])
def test_every_plan_step_is_filled_in(company):
    result = sc.score_check({}, dict.fromkeys(ITEM_IDS, 1))
    for state in (
        _state(company=company, follow_up_due=date(2026, 3, 17)),
        _state(company=company, rejected=True, active_applications=0),
        _state(company=company, interview_date=None),
    ):
        for step in sc.plan(result, state):
            assert step.title and step.detail
            text = step.title + step.detail
            assert "{" not in text.replace("{Co}", "")


# ---- JSON columns ----------------------------------------------------------------------------


def test_answers_round_trip_through_json():
    answers = {"sign-rapport": "yes", STRONG_POSITIVE: "not sure"}
    text = sc.answers_to_json(answers)
    assert sc.answers_from_json(text) == answers
    assert text == sc.answers_to_json(dict(reversed(list(answers.items()))))


@pytest.mark.parametrize("text", ["", "   ", "{broken", "[1, 2]", "null", None, math.nan, "3"])
def test_broken_json_reads_as_no_answers(text):
    assert sc.answers_from_json(text) == {}
    assert sc.ratings_from_json(text) == {}


def test_ratings_json_keeps_whole_numbers_only():
    text = '{"a": 3, "b": 4.0, "c": 2.5, "d": "5", "e": true}'
    assert sc.ratings_from_json(text) == {"a": 3, "b": 4}
    assert sc.ratings_from_json(sc.ratings_to_json({"a": 2})) == {"a": 2}


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
                "answers": sc.answers_to_json(answers),
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
