"""When will I hear back: the Kaplan-Meier estimator checked against hand-worked and published
tables (censoring and ties), its properties, the person's waits read from the events, and the
dated expectation with the follow-up date from the one rule engine."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain import waiting
from nextround.domain.next_note import next_note
from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame
from tests.examples import more_examples

TODAY = dt.date(2026, 12, 1)  # a Tuesday


def _km(days, answered) -> list[tuple]:
    table = waiting.kaplan_meier(days, answered)
    return [(int(r.days), int(r.at_risk), int(r.answered), int(r.censored),
             round(float(r.still_waiting), 3)) for r in table.itertuples(index=False)]


# ---- The estimator against tables worked by hand -----------------------------------------------


def test_a_hand_worked_table_with_censoring_and_ties():
    """Eight waits; day 2 has an answer and a censored wait, day 4 two answers (a tie).
    S(1) = 7/8; S(2) = 7/8 * 6/7; S(3) = .75 * 4/5; S(4) = .6 * 2/4; S(6) = .3 * 0/1."""
    days = [1, 2, 2, 3, 4, 4, 5, 6]
    answered = [True, True, False, True, True, True, False, True]
    assert _km(days, answered) == [
        (1, 8, 1, 0, 0.875),
        (2, 7, 1, 1, 0.75),
        (3, 5, 1, 0, 0.6),
        (4, 4, 2, 0, 0.3),
        (5, 2, 0, 1, 0.3),
        (6, 1, 1, 0, 0.0),
    ]
    table = waiting.kaplan_meier(days, answered)
    assert waiting.days_until_answered(table, 0.5) == 4
    assert waiting.share_still_waiting(table, 3.5) == pytest.approx(0.6)
    assert waiting.share_still_waiting(table, 0) == 1.0


def test_a_wait_censored_on_the_day_of_an_answer_is_still_at_risk_that_day():
    # Day 3: four at risk (the two censored ones included), one answer: S = 3/4.
    assert _km([3, 3, 3, 7], [True, False, False, True]) == [
        (3, 4, 1, 2, 0.75),
        (7, 1, 1, 0, 0.0),
    ]


def test_the_published_six_mp_table():
    """Gehan (1965), the 6-MP group of the leukaemia trial, as every survival textbook prints
    it: 21 times, 12 censored (marked False)."""
    days = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
    answered = [True, True, True, False, True, False, True, False, False, True, True, False,
                False, False, True, True, False, False, False, False, False]
    table = waiting.kaplan_meier(days, answered)
    events = table[table["answered"] > 0]
    assert list(events["days"]) == [6, 7, 10, 13, 16, 22, 23]
    assert list(events["still_waiting"].round(3)) == [0.857, 0.807, 0.753, 0.690, 0.627,
                                                      0.538, 0.448]
    assert waiting.days_until_answered(table, 0.5) == 23


def test_nothing_answered_leaves_everyone_waiting():
    table = waiting.kaplan_meier([4, 9, 9], [False, False, False])
    assert list(table["still_waiting"]) == [1.0, 1.0]
    assert waiting.days_until_answered(table, 0.5) is None


def test_no_waits_give_an_empty_table():
    table = waiting.kaplan_meier([], [])
    assert table.empty and list(table.columns) == list(waiting.KM_COLUMNS)
    assert waiting.share_still_waiting(table, 10) == 1.0


def test_missing_or_negative_lengths_are_left_out():
    assert _km([np.nan, -2, 5, "x"], [True, True, True, True]) == [(5, 1, 1, 0, 0.0)]


# ---- Properties ----------------------------------------------------------------------------------

waits_strategy = st.lists(st.tuples(st.integers(0, 120), st.booleans()), min_size=1, max_size=60)


@more_examples(3)
@given(waits_strategy)
def test_the_curve_falls_stays_between_0_and_1_and_counts_every_wait(waits):
    days, answered = zip(*waits, strict=True)
    table = waiting.kaplan_meier(days, answered)
    still = table["still_waiting"].to_numpy()
    assert ((still >= 0) & (still <= 1)).all()
    assert (np.diff(still) <= 1e-12).all()
    assert table["answered"].sum() + table["censored"].sum() == len(waits)
    assert table["at_risk"].iloc[0] == len(waits)
    assert table["days"].is_monotonic_increasing and table["days"].is_unique


@more_examples(3)
@given(waits_strategy, st.randoms(use_true_random=False))
def test_the_order_of_the_rows_does_not_matter(waits, rnd):
    shuffled = list(waits)
    rnd.shuffle(shuffled)
    a = waiting.kaplan_meier(*zip(*waits, strict=True))
    b = waiting.kaplan_meier(*zip(*shuffled, strict=True))
    pd.testing.assert_frame_equal(a, b)


@more_examples(2)
@given(st.lists(st.integers(0, 120), min_size=1, max_size=60))
def test_with_no_censoring_it_is_the_plain_share_still_waiting(days):
    table = waiting.kaplan_meier(days, [True] * len(days))
    for row in table.itertuples(index=False):
        expected = sum(d > row.days for d in days) / len(days)
        assert row.still_waiting == pytest.approx(expected)


# ---- The person's waits, read from the events ---------------------------------------------


@pytest.fixture
def search():
    """``search(apps, events)``: typed frames from plain rows (ids filled in)."""

    def build(apps: list[dict], events: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
        app_rows = [{"company": f"Company {a['id']}", "role": "Analyst", **a} for a in apps]
        event_rows = [{"id": f"E{i:04d}", **e} for i, e in enumerate(events, 1)]
        return typed_frame("applications", app_rows), typed_frame("events", event_rows)

    return build


def _day(offset: int) -> dt.date:
    return TODAY - dt.timedelta(days=offset)


def test_each_interview_waits_until_the_first_answer_after_it(search):
    apps, events = search(
        [{"id": "A1", "stage": "interviewing"}, {"id": "A2", "stage": "interviewing"}],
        [
            {"application_id": "A1", "date": _day(40), "kind": "interview"},
            {"application_id": "A1", "date": _day(40), "kind": "heard back"},  # same day: it is
            {"application_id": "A1", "date": _day(33), "kind": "heard back"},
            {"application_id": "A1", "date": _day(20), "kind": "interview"},  # no reply logged
            {"application_id": "A1", "date": _day(10), "kind": "interview"},
            {"application_id": "A2", "date": _day(6), "kind": "interview"},
            {"application_id": "A2", "date": _day(-5), "kind": "interview",  # booked ahead
             "created_at": dt.datetime.combine(_day(2), dt.time(9))},  # ... two days ago
        ])
    waits = waiting.interview_waits(apps, events, TODAY)
    rows = list(zip(waits["application_id"], waits["days"], waits["answered"],
                    waits["waiting_now"], strict=True))
    assert rows == [
        ("A1", 0, True, False),  # heard back the same day
        ("A1", 10, True, False),  # the next round says they answered by then
        ("A1", 10, False, True),  # still waiting today
        ("A2", 4, True, False),  # a round booked ahead: answered the day it was logged
    ]


def test_a_wait_that_closed_unanswered_is_censored_where_it_closed(search):
    apps, events = search(
        [{"id": "A1", "stage": "closed", "outcome": "no response"},
         {"id": "A2", "stage": "closed", "outcome": "withdrew"},
         {"id": "A3", "stage": "closed", "outcome": "rejected"},
         {"id": "A4", "stage": "wishlist"}],
        [
            {"application_id": "A1", "date": _day(50), "kind": "interview"},
            {"application_id": "A1", "date": _day(20), "kind": "no response"},
            {"application_id": "A2", "date": _day(30), "kind": "interview"},
            {"application_id": "A2", "date": _day(25), "kind": "withdrew"},
            {"application_id": "A2", "date": _day(24), "kind": "rejection"},  # after withdrawing
            {"application_id": "A3", "date": _day(30), "kind": "interview"},  # no dated ending
            {"application_id": "A4", "date": _day(9), "kind": "interview"},
            {"application_id": "GONE", "date": _day(9), "kind": "interview"},
        ])
    waits = waiting.interview_waits(apps, events, TODAY)
    assert list(zip(waits["application_id"], waits["days"], waits["answered"], strict=True)) \
        == [("A1", 30, False), ("A2", 5, False)]
    assert not waits["waiting_now"].any()


def test_an_answer_dated_after_today_is_not_an_answer_yet(search):
    apps, events = search([{"id": "A1", "stage": "interviewing"}], [
        {"application_id": "A1", "date": _day(4), "kind": "interview"},
        {"application_id": "A1", "date": _day(-3), "kind": "heard back"},
    ])
    waits = waiting.interview_waits(apps, events, TODAY)
    assert waits["waiting_now"].tolist() == [True] and waits["days"].tolist() == [4]


def _history_rows(answers: int, start: int = 100) -> tuple[list[dict], list[dict]]:
    """``answers`` closed applications, each answered 3, 6, 9... days after its interview."""
    apps, events = [], []
    for i in range(answers):
        app_id = f"H{i:02d}"
        apps.append({"id": app_id, "stage": "closed", "outcome": "rejected"})
        events.append({"application_id": app_id, "date": _day(start - i), "kind": "interview"})
        events.append({"application_id": app_id, "date": _day(start - i - 3 * (i + 1)),
                       "kind": "rejection"})
    return apps, events


# ---- The expectation ---------------------------------------------------------------------------


def _expect(apps, events, app_id="A1", settings=None, actions=None):
    waits = waiting.interview_waits(apps, events, TODAY)
    return waiting.expectation(apps, events, settings or RuleSettings(), TODAY, app_id, waits,
                               waiting.history(waits), actions)


def test_a_dated_expectation_from_what_they_said_the_history_and_the_rules(search):
    past_apps, past_events = _history_rows(6)  # answered after 3, 6, 9, 12, 15, 18 days
    apps, events = search(
        [{"id": "A1", "stage": "interviewing"}, *past_apps],
        [{"application_id": "A1", "date": dt.date(2026, 11, 30), "kind": "interview",
          "decision_date": dt.date(2026, 12, 4)},
         {"application_id": "A1", "date": dt.date(2026, 11, 30), "kind": "thank-you sent"},
         *past_events])
    expected = _expect(apps, events)
    assert expected.days_waited == 1 and expected.decision_date == dt.date(2026, 12, 4)
    assert expected.said == (
        "They said they would decide by Fri 4 Dec.",
        "Dates like theirs often slip, and silence after one usually has reasons unrelated to "
        "you (someone away, other interviews still running, budget talks).")
    # Half of the six were answered within 9 days: for this one, by Wed 9 Dec.
    assert expected.own[0] == ("Your own history: about half of your interviews had an answer "
                               "within 9 days; for this one that would be by about Wed 9 Dec.")
    assert expected.own[1] == ("From 6 answers after 7 interviews; the 1 still waiting or closed "
                               "without an answer are counted for as long as they waited.")
    assert "after an interview" in expected.public and "55%" in expected.public
    rule = next_note(apps, events, RuleSettings(), TODAY, "A1")
    assert expected.follow_up_due == rule.due == dt.date(2026, 12, 8)
    assert expected.follow_up == ("If nothing by Tue 8 Dec, follow up once.",)
    assert "Robert Half, 2018" in expected.sources[-1]


def test_below_five_answers_it_says_so_instead_of_a_number(search):
    past_apps, past_events = _history_rows(4)
    apps, events = search([{"id": "A1", "stage": "interviewing"}, *past_apps],
                          [{"application_id": "A1", "date": _day(3), "kind": "interview"},
                           *past_events])
    expected = _expect(apps, events)
    assert expected.own == ("Your own history: 4 answers logged after an interview so far. An "
                            "estimate needs at least 5, so there is no number yet.",)
    assert not expected.history.enough and expected.history.median_days is None
    assert expected.said == ("They gave no date for their decision.",)


def test_with_no_history_at_all_it_says_no_answers(search):
    apps, events = search([{"id": "A1", "stage": "interviewing"}],
                          [{"application_id": "A1", "date": _day(3), "kind": "interview"}])
    assert "no answers logged after an interview so far" in _expect(apps, events).own[0]


def test_a_wait_past_the_usual_says_how_many_waited_longer(search):
    past_apps, past_events = _history_rows(6)
    apps, events = search([{"id": "A1", "stage": "interviewing"}, *past_apps],
                          [{"application_id": "A1", "date": _day(13), "kind": "interview"},
                           {"application_id": "A1", "date": _day(13), "kind": "thank-you sent"},
                           *past_events])
    own = _expect(apps, events).own[0]
    # Six answered after 3..18 days and this one at 13 so far (at risk until day 13):
    # S(3) = 6/7, S(6) = 5/7, S(9) = 4/7, S(12) = 3/7 <= 1/2, so the median is 12 days. Of the
    # ones that waited 13 days (S(13) = 3/7), S(15) = 3/14 is half of that: 2 more days.
    assert own == ("Your own history: about half of your interviews had an answer within 12 "
                   "days, and this one has waited longer than that. Of yours that waited this "
                   "long, about half heard within another 2 days, so by about Thu 3 Dec.")
    text = " ".join(_expect(apps, events).lines)
    assert "Kaplan" not in text and "at least this long" not in text


def test_a_wait_exactly_at_the_usual_is_said_as_equal_and_dated(search):
    past_apps, past_events = _history_rows(6)
    apps, events = search([{"id": "A1", "stage": "interviewing"}, *past_apps],
                          [{"application_id": "A1", "date": _day(12), "kind": "interview"},
                           {"application_id": "A1", "date": _day(12), "kind": "thank-you sent"},
                           *past_events])
    own = _expect(apps, events).own[0]
    # At day 12 four are at risk (12, 15, 18 and this one): S(12) = 4/7 * 3/4 = 3/7, the median.
    # Given no answer after 12 days: S(15) / S(12) = 1/2, so 3 more days, Fri 4 Dec.
    assert own == ("Your own history: about half of your interviews had an answer within 12 "
                   "days, and this one has waited just that long. Of yours that waited this "
                   "long, about half heard within another 3 days, so by about Fri 4 Dec.")


def test_an_estimate_is_said_beside_the_count_when_few_of_the_long_waits_heard(search):
    """Six answered within 3..18 days; three more closed with no response after 40 days: of the
    ones that waited 20 days, none heard. An estimated share, and what actually happened."""
    past_apps, past_events = _history_rows(6)
    for i in range(3):
        past_apps.append({"id": f"N{i}", "stage": "closed", "outcome": "no response"})
        past_events += [{"application_id": f"N{i}", "date": _day(90), "kind": "interview"},
                        {"application_id": f"N{i}", "date": _day(50), "kind": "no response"}]
    apps, events = search([{"id": "A1", "stage": "interviewing"}, *past_apps],
                          [{"application_id": "A1", "date": _day(20), "kind": "interview"},
                           {"application_id": "A1", "date": _day(20), "kind": "thank-you sent"},
                           *past_events])
    own = _expect(apps, events).own[0]
    # S(18) = 9/10 * 8/9 * 7/8 * 6/7 * 5/6 * 4/5 = 4/10: the median is 15 days (S(15) = 5/10).
    assert own == ("Your own history: about half of your interviews had an answer within 15 "
                   "days, and this one has waited longer than that. Of yours that waited this "
                   "long, fewer than half heard at all: an estimated 40% of all yours waited "
                   "longer still (3 of 9 actually did).")


def test_fewer_than_half_answered_is_an_estimate_beside_the_count():
    """Five answered within 3..15 days, six closed unanswered after 30: S never reaches 1/2.
    S(3) = 11/12 ... S(15) = 7/12 = 58%; of the 11 waits besides this one (at 20 days so far),
    the six closed ones lasted longer: 6 of 11."""
    waits = pd.DataFrame({"days": [3, 6, 9, 12, 15, 30, 30, 30, 30, 30, 30, 20],
                          "answered": [True] * 5 + [False] * 7})
    past = waiting.history(waits)
    own = waiting.own_history_lines(past, TODAY - dt.timedelta(days=20), 20, TODAY)
    assert own[0] == ("Your own history: fewer than half of your interviews got an answer you "
                      "logged; an estimated 58% were still without one after 20 days (6 of 11 "
                      "actually waited longer).")


def test_the_conditional_estimate_against_a_hand_table():
    """The eight waits of the hand-worked table: S(1)=.875, S(2)=.75, S(3)=.6, S(4)=.3, S(5)=.3,
    S(6)=0. Given no answer after w days, the first t with S(t)/S(w) <= 1/2, minus w:
    w=0: S<=.5 at 4 -> 4; w=2: S<=.375 at 4 -> 2; w=3: S<=.3 at 4 -> 1; w=4: S<=.15 at 6 -> 2;
    w=5: same -> 1; w=6: nobody left -> None."""
    table = waiting.kaplan_meier([1, 2, 2, 3, 4, 4, 5, 6],
                                 [True, True, False, True, True, True, False, True])
    got = {w: waiting.days_more_until_answered(table, w) for w in range(7)}
    assert got == {0: 4, 1: 3, 2: 2, 3: 1, 4: 2, 5: 1, 6: None}
    assert got[0] == waiting.days_until_answered(table, 0.5)


def test_the_method_is_behind_its_own_title_not_in_the_lines():
    title, text = waiting.method()
    assert title == "How is this worked out?"
    assert "Kaplan-Meier" in text and "fewer than 5 answers" in text


def test_a_decision_date_passed_and_a_follow_up_due(search):
    apps, events = search([{"id": "A1", "stage": "interviewing"}], [
        {"application_id": "A1", "date": _day(14), "kind": "interview",
         "decision_date": _day(7)},
        {"application_id": "A1", "date": _day(13), "kind": "thank-you sent"}])
    expected = _expect(apps, events)
    assert expected.said[0] == "They said they would decide by Tue 24 Nov; that date has passed."
    rule = next_note(apps, events, RuleSettings(), TODAY, "A1")
    assert expected.follow_up_due == rule.due < TODAY
    # Two business days after Tue 24 Nov: Wed 25, then Fri 27 (Thanksgiving is a US holiday)
    assert expected.follow_up == (f"A follow-up has been due since {'Fri 27 Nov'}.",)


def test_before_the_thank_you_the_follow_up_date_is_the_one_after_it(search):
    apps, events = search([{"id": "A1", "stage": "interviewing"}],
                          [{"application_id": "A1", "date": _day(1), "kind": "interview"}])
    expected = _expect(apps, events)
    rule = next_note(apps, events, RuleSettings(), TODAY, "A1")
    assert rule.kind == "thank-you"
    assert expected.follow_up_due == rule.follow_up_due


def test_follow_ups_used_up_say_let_it_rest(search):
    apps, events = search([{"id": "A1", "stage": "interviewing"}], [
        {"application_id": "A1", "date": _day(40), "kind": "interview"},
        {"application_id": "A1", "date": _day(39), "kind": "thank-you sent"},
        {"application_id": "A1", "date": _day(30), "kind": "follow-up sent"},
        {"application_id": "A1", "date": _day(22), "kind": "follow-up sent"}])
    expected = _expect(apps, events)
    assert expected.follow_up_due is None
    assert expected.follow_up == ("You have sent the follow-ups your settings allow: let it rest.",)


@pytest.mark.parametrize("extra", [
    {"date": _day(2), "kind": "heard back"},
    {"date": _day(-4), "kind": "interview"},
    {"date": _day(2), "kind": "rejection"},
])
def test_no_expectation_once_they_answered_or_another_round_is_booked(search, extra):
    apps, events = search([{"id": "A1", "stage": "interviewing"}],
                          [{"application_id": "A1", "date": _day(9), "kind": "interview"},
                           {"application_id": "A1", **extra}])
    assert _expect(apps, events) is None


def test_no_expectation_without_an_interview_or_for_an_offer(search):
    apps, events = search([{"id": "A1", "stage": "applied"}, {"id": "A2", "stage": "offer"}],
                          [{"application_id": "A1", "date": _day(9), "kind": "applied"},
                           {"application_id": "A2", "date": _day(9), "kind": "interview"}])
    assert _expect(apps, events) is None and _expect(apps, events, "A2") is None
    assert _expect(apps, events, "NOPE") is None


def test_the_application_to_answer_figure_is_never_offered_as_the_wait(search):
    past_apps, past_events = _history_rows(6)
    apps, events = search([{"id": "A1", "stage": "interviewing"}, *past_apps],
                          [{"application_id": "A1", "date": _day(3), "kind": "interview"},
                           *past_events])
    text = json.dumps([*_expect(apps, events).lines, *_expect(apps, events).sources])
    assert "Glassdoor" not in text and "23.8" not in text and "24 days" not in text


def test_expectations_list_the_most_recent_interview_first_and_count_them_all(search):
    apps, events = search(
        [{"id": f"A{i}", "stage": "interviewing", "company": f"Co {i}"} for i in range(1, 6)],
        [{"application_id": f"A{i}", "date": _day(10 - i), "kind": "interview"}
         for i in range(1, 6)])
    shown, total = waiting.expectations(apps, events, RuleSettings(), TODAY, limit=3)
    assert total == 5
    assert [e.company for e in shown] == ["Co 5", "Co 4", "Co 3"]
    assert [e.days_waited for e in shown] == [5, 6, 7]


def test_the_summary_of_the_history_has_no_number_below_the_minimum(search):
    past_apps, past_events = _history_rows(6)
    apps, events = search(past_apps, past_events)
    summary = waiting.history_summary(waiting.history(waiting.interview_waits(apps, events,
                                                                              TODAY)))
    assert summary[0] == ("Your own history: about half of your interviews had an answer within "
                          "9 days.")
    few_apps, few_events = search(*_history_rows(2))
    few = waiting.history_summary(waiting.history(waiting.interview_waits(few_apps, few_events,
                                                                          TODAY)))
    assert few == ["Your own history: 2 answers logged after an interview so far. An estimate "
                   "needs at least 5, so there is no number yet."]


def test_waiting_now_names_each_application_once(search):
    apps, events = search([{"id": "A1", "stage": "interviewing", "company": "Ünïcode & Co"}],
                          [{"application_id": "A1", "date": _day(9), "kind": "interview"},
                           {"application_id": "A1", "date": _day(9), "kind": "interview"}])
    now = waiting.waiting_now(waiting.interview_waits(apps, events, TODAY), apps)
    assert now.to_dict("records") == [{"application_id": "A1", "name": "Ünïcode & Co", "days": 9}]


def test_a_long_search_is_read_in_one_pass(large_search):
    apps, events = large_search(20_000)
    waits = waiting.interview_waits(apps, events, dt.date(2026, 3, 9))
    past = waiting.history(waits)
    assert past.waits == len(waits) > 1_000
    assert (past.table["still_waiting"].diff().dropna() <= 0).all()
