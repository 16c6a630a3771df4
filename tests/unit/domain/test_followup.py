"""Follow-up rules: which note is due when, for every open application, and remembering what
the person did about one.

Calendar used throughout (2026): Fri 6 Mar, Mon 9 Mar, Mon 2 Mar, Mon 2 Feb.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround import demo
from nextround.domain.followup import ACTION_COLUMNS, due_actions, follow_up_due
from nextround.domain.kinds import RULE_ACTIONS, action_kind
from nextround.domain.settings import RuleSettings
from nextround.domain.urgency import CATCH_UP_DAYS, catch_up, due_now, summarise_urgency
from nextround.storage.frames import typed_frame

D = dt.date


def run(apps, events, today, settings=None, state=None) -> pd.DataFrame:
    actions = due_actions(
        typed_frame("applications", apps),
        typed_frame("events", events),
        settings or RuleSettings(),
        today,
        action_state=typed_frame("actions", state) if state is not None else None,
    )
    return actions


def only(actions: pd.DataFrame) -> pd.Series:
    assert len(actions) == 1, actions[["key", "due", "reason"]].to_string()
    return actions.iloc[0]


def kinds(actions: pd.DataFrame) -> list[str]:
    return sorted(actions["kind"])


def due_of(row: pd.Series) -> dt.date:
    return row["due"].date()


# --- thank-you -------------------------------------------------------------------------------


def test_friday_interview_thank_you_is_due_next_monday(app, ev):
    actions = run([app("A1")], [ev("A1", D(2026, 3, 6), "interview", "E1")], D(2026, 3, 6))
    row = only(actions)
    assert row["kind"] == "thank-you"
    assert row["note_kind"] == "thank-you"
    assert due_of(row) == D(2026, 3, 9)
    assert row["urgency"] == "soon"
    assert row["key"] == "A1:thank-you:E1"
    assert row["anchor_event_id"] == "E1"
    assert row["reason"] == "Interview on Fri 6 Mar, no thank-you logged yet"


def test_logged_thank_you_removes_the_thank_you_and_starts_the_follow_up_clock(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview", "E1"),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
    ]
    row = only(run([app("A1")], events, D(2026, 3, 3)))
    assert row["kind"] == "follow-up"
    assert due_of(row) == D(2026, 3, 11)  # Mon 2 Mar + 7 business days
    assert row["urgency"] == "later"


def test_a_follow_up_also_counts_as_the_thank_you(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A1", D(2026, 3, 3), "follow-up sent"),
    ]
    assert "thank-you" not in kinds(run([app("A1")], events, D(2026, 3, 4)))


def test_thank_you_becomes_late_after_three_days(app, ev):
    events = [ev("A1", D(2026, 3, 2), "interview")]
    assert only(run([app("A1")], events, D(2026, 3, 5)))["kind"] == "thank-you"
    late = only(run([app("A1")], events, D(2026, 3, 6)))
    assert late["kind"] == "late thank-you"
    assert late["note_kind"] == "late thank-you"
    assert late["urgency"] == "overdue"
    assert "4 days ago" in late["reason"]


def test_the_users_late_thank_you_setting_decides_when_it_turns_late(app, ev):
    events = [ev("A1", D(2026, 3, 2), "interview")]
    patient = RuleSettings(late_thank_you_after_days=5)
    assert only(run([app("A1")], events, D(2026, 3, 6), patient))["kind"] == "thank-you"
    assert only(run([app("A1")], events, D(2026, 3, 6)))["kind"] == "late thank-you"
    assert only(run([app("A1")], events, D(2026, 3, 8), patient))["kind"] == "late thank-you"


def test_twenty_days_with_nothing_sent_asks_for_one_combined_note(app, ev):
    events = [ev("A1", D(2026, 2, 16), "interview")]
    row = only(run([app("A1")], events, D(2026, 3, 8)))  # no separate follow-up row
    assert row["kind"] == "late thank-you"
    assert row["note_kind"] == "late thank-you and follow-up"
    assert "20 days ago" in row["reason"]


def test_combined_note_waits_for_a_decision_date_still_ahead(app, ev):
    events = [ev("A1", D(2026, 2, 16), "interview", decision_date=D(2026, 3, 20))]
    row = only(run([app("A1")], events, D(2026, 3, 8)))
    assert row["note_kind"] == "late thank-you"


def test_late_thank_you_sent_after_the_follow_up_date_counts_as_the_follow_up(app, ev):
    events = [
        ev("A1", D(2026, 2, 16), "interview"),
        ev("A1", D(2026, 3, 6), "thank-you sent"),  # the combined note, logged as a thank-you
    ]
    row = only(run([app("A1")], events, D(2026, 3, 9)))
    assert row["kind"] == "second follow-up"
    assert due_of(row) == D(2026, 3, 13)  # Fri 6 Mar + 5 business days


# --- follow-ups ------------------------------------------------------------------------------


def test_friday_interview_follow_up_skips_two_weekends(app, ev):
    events = [
        ev("A1", D(2026, 3, 6), "interview"),
        ev("A1", D(2026, 3, 6), "thank-you sent"),
    ]
    row = only(run([app("A1")], events, D(2026, 3, 9)))
    assert due_of(row) == D(2026, 3, 17)  # Fri 6 Mar + 7 business days = Tue 17 Mar


def test_decision_date_already_past_makes_the_follow_up_overdue(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview", decision_date=D(2026, 3, 5)),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
    ]
    row = only(run([app("A1")], events, D(2026, 3, 11)))
    assert row["kind"] == "follow-up"
    assert due_of(row) == D(2026, 3, 9)  # Thu 5 Mar + 2 business days
    assert row["urgency"] == "overdue"
    assert "Thu 5 Mar" in row["reason"]


def test_no_follow_up_before_a_later_decision_date(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview", decision_date=D(2026, 3, 27)),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
    ]
    row = only(run([app("A1")], events, D(2026, 3, 12)))
    assert due_of(row) == D(2026, 3, 31)  # Fri 27 Mar + 2 business days, not a week after


def test_shorter_follow_up_setting_brings_the_date_forward(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
    ]
    # Never within the note gap of the thank-you (5 business days by default): Mon 9 Mar ...
    quick = RuleSettings(follow_up_after_interview_business_days=3)
    assert due_of(only(run([app("A1")], events, D(2026, 3, 3), quick))) == D(2026, 3, 9)
    # ... and with a shorter gap, three business days after the interview.
    quicker = RuleSettings(follow_up_after_interview_business_days=3, note_gap_business_days=2)
    assert due_of(only(run([app("A1")], events, D(2026, 3, 3), quicker))) == D(2026, 3, 5)
    assert due_of(only(run([app("A1")], events, D(2026, 3, 3)))) == D(2026, 3, 11)


def test_second_follow_up_comes_a_week_after_the_first(app, ev):
    events = [
        ev("A1", D(2026, 2, 2), "interview", "E1"),
        ev("A1", D(2026, 2, 2), "thank-you sent"),
        ev("A1", D(2026, 2, 11), "follow-up sent"),
    ]
    row = only(run([app("A1")], events, D(2026, 2, 16)))
    assert row["kind"] == "second follow-up"
    assert row["note_kind"] == "second follow-up"  # its own note: refers to the first
    assert row["key"] == "A1:second follow-up:E1"
    # Wed 11 Feb + 5 business days, without Presidents' Day (Mon 16 Feb, a US holiday)
    assert due_of(row) == D(2026, 2, 19)
    assert "Wed 11 Feb" in row["reason"]


def test_max_one_follow_up_skips_the_second(app, ev):
    events = [
        ev("A1", D(2026, 2, 2), "interview"),
        ev("A1", D(2026, 2, 2), "thank-you sent"),
        ev("A1", D(2026, 2, 11), "follow-up sent"),
    ]
    row = only(run([app("A1")], events, D(2026, 2, 16), RuleSettings(max_follow_ups=1)))
    assert row["kind"] == "mark no response"
    assert due_of(row) == D(2026, 3, 13)  # 30 days after the only follow-up


def test_mark_no_response_after_thirty_quiet_days(app, ev):
    events = [
        ev("A1", D(2026, 1, 5), "interview"),
        ev("A1", D(2026, 1, 5), "thank-you sent"),
        ev("A1", D(2026, 1, 14), "follow-up sent"),
        ev("A1", D(2026, 1, 21), "follow-up sent", "E9"),
        ev("A1", D(2026, 2, 10), "note"),  # the user's own note is not a reply
    ]
    row = only(run([app("A1")], events, D(2026, 2, 25)))
    assert row["kind"] == "mark no response"
    assert row["note_kind"] == ""
    assert due_of(row) == D(2026, 2, 20)
    assert row["urgency"] == "overdue"
    assert row["anchor_event_id"] == "E9"


def test_hearing_back_restarts_the_quiet_clock(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
        ev("A1", D(2026, 3, 12), "heard back"),  # "still deciding"
    ]
    row = only(run([app("A1")], events, D(2026, 3, 13)))
    assert due_of(row) == D(2026, 3, 23)  # Thu 12 Mar + 7 business days
    assert "Last heard from them on Thu 12 Mar" in row["reason"]


def test_several_rounds_only_the_latest_counts(app, ev):
    events = [
        ev("A1", D(2026, 2, 2), "interview", "E1", round=1),
        ev("A1", D(2026, 2, 2), "thank-you sent"),
        ev("A1", D(2026, 2, 9), "follow-up sent"),
        ev("A1", D(2026, 3, 2), "interview", "E2", round=2),
    ]
    row = only(run([app("A1")], events, D(2026, 3, 3)))
    assert row["kind"] == "thank-you"  # round 1's notes do not cover round 2
    assert row["anchor_event_id"] == "E2"


def test_an_upcoming_round_holds_back_follow_ups(app, ev):
    events = [
        ev("A1", D(2026, 2, 2), "interview", round=1),
        ev("A1", D(2026, 2, 2), "thank-you sent"),
        ev("A1", D(2026, 3, 16), "interview", round=2),
    ]
    assert run([app("A1")], events, D(2026, 3, 9)).empty


# --- applications with no interview ----------------------------------------------------------


def test_nudge_a_week_after_applying_with_no_reply(app, ev):
    apps = [app("A1", stage="applied", date_applied=D(2026, 3, 2))]
    events = [ev("A1", D(2026, 3, 2), "applied", "E1"), ev("A1", D(2026, 3, 4), "note")]
    row = only(run(apps, events, D(2026, 3, 12)))
    assert row["kind"] == "nudge"
    assert row["note_kind"] == "application nudge"  # nobody has spoken to them yet
    assert due_of(row) == D(2026, 3, 9)
    assert row["urgency"] == "overdue"
    assert row["key"] == "A1:nudge:E1"


def test_no_nudge_once_they_replied(app, ev):
    apps = [app("A1", stage="screening", date_applied=D(2026, 3, 2))]
    events = [ev("A1", D(2026, 3, 2), "applied"), ev("A1", D(2026, 3, 5), "heard back")]
    assert run(apps, events, D(2026, 3, 12)).empty


def test_nudge_from_date_applied_when_no_event_was_logged(app):
    apps = [app("A1", stage="applied", date_applied=D(2026, 3, 2))]
    row = only(run(apps, [], D(2026, 3, 3)))
    assert row["key"] == "A1:nudge:"
    assert pd.isna(row["anchor_event_id"])


@pytest.mark.parametrize("stage", ["screening", "interviewing", "Interviewing "])
def test_no_nudge_when_the_stage_says_they_replied(stage, app, ev):
    """An import brings stages, not histories: only an "applied" event, yet they answered."""
    apps = [app("A1", stage=stage, date_applied=D(2026, 1, 5)),
            app("A2", stage="applied", date_applied=D(2026, 1, 5))]
    events = [ev("A1", D(2026, 1, 5), "applied"), ev("A2", D(2026, 1, 5), "applied", "E2")]
    assert only(run(apps, events, D(2026, 3, 9)))["key"] == "A2:nudge:E2"


def test_after_the_nudge_a_long_silence_suggests_no_response(app, ev):
    apps = [app("A1", stage="applied", date_applied=D(2026, 1, 5))]
    events = [ev("A1", D(2026, 1, 5), "applied"), ev("A1", D(2026, 1, 13), "follow-up sent")]
    row = only(run(apps, events, D(2026, 2, 20)))
    assert row["kind"] == "mark no response"
    assert due_of(row) == D(2026, 2, 12)


# --- rejection and closed applications --------------------------------------------------------


def test_rejection_reply_due_within_two_days(app, ev):
    apps = [app("A1", stage="closed", outcome="rejected")]
    events = [
        ev("A1", D(2026, 3, 2), "interview"),  # no thank-you: closed asks for none
        ev("A1", D(2026, 3, 5), "rejection", "E9"),
    ]
    row = only(run(apps, events, D(2026, 3, 6)))
    assert row["kind"] == "rejection reply"
    assert row["note_kind"] == "rejection reply"
    assert due_of(row) == D(2026, 3, 9)  # two days after Thu 5 Mar is a Saturday: Monday
    assert row["key"] == "A1:rejection reply:E9"


def test_rejection_reply_goes_once_the_reply_is_sent(app, ev):
    apps = [app("A1", stage="closed", outcome="rejected")]
    events = [
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A1", D(2026, 3, 2), "thank-you sent"),  # before the rejection: does not count
        ev("A1", D(2026, 3, 5), "rejection"),
    ]
    assert kinds(run(apps, events, D(2026, 3, 6))) == ["rejection reply"]
    events.append(ev("A1", D(2026, 3, 6), "rejection reply sent"))
    assert run(apps, events, D(2026, 3, 6)).empty


@pytest.mark.parametrize("crossing", ["follow-up sent", "thank-you sent", "note", "heard back"])
def test_a_follow_up_crossing_with_the_rejection_is_not_the_reply(crossing, app, ev):
    """The follow-up went out on the morning the no arrived: the reply is still to write."""
    apps = [app("A1", stage="closed", outcome="rejected")]
    events = [
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
        ev("A1", D(2026, 3, 9), crossing),
        ev("A1", D(2026, 3, 9), "rejection", "E9"),
    ]
    row = only(run(apps, events, D(2026, 3, 10)))
    assert row["key"] == "A1:rejection reply:E9"


def test_a_reply_to_an_earlier_rejection_does_not_answer_a_later_one(app, ev):
    """Re-applied and turned down again: the second no gets its own reply."""
    apps = [app("A1", stage="closed", outcome="rejected")]
    events = [
        ev("A1", D(2026, 2, 2), "interview"),
        ev("A1", D(2026, 2, 9), "rejection"),
        ev("A1", D(2026, 2, 10), "rejection reply sent"),
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A1", D(2026, 3, 9), "rejection", "E9"),
    ]
    assert only(run(apps, events, D(2026, 3, 10)))["anchor_event_id"] == "E9"


def test_an_interview_after_the_no_asks_for_its_thank_you_not_a_reply_to_the_no(app, ev):
    """Turned down, then invited back (another team, a second look): the talks went on, so the
    note is the new interview's thank-you, never a reply to the old no on the same day."""
    apps = [app("A1", stage="interviewing")]
    events = [
        ev("A1", D(2026, 2, 1), "interview"),
        ev("A1", D(2026, 3, 5), "rejection"),
        ev("A1", D(2026, 3, 6), "interview", "E3"),
    ]
    actions = run(apps, events, D(2026, 3, 9))
    assert kinds(actions) == ["thank-you"]
    assert only(actions)["anchor_event_id"] == "E3"


def test_a_form_rejection_without_an_interview_needs_no_reply(app, ev):
    apps = [app("A1", stage="closed", outcome="rejected", date_applied=D(2026, 3, 2))]
    events = [ev("A1", D(2026, 3, 2), "applied"), ev("A1", D(2026, 3, 4), "rejection")]
    assert run(apps, events, D(2026, 3, 5)).empty


@pytest.mark.parametrize("stage", ["closed", "offer", "wishlist"])
def test_closed_offer_and_wishlist_ask_for_no_follow_up(stage, app, ev):
    apps = [app("A1", stage=stage, date_applied=D(2026, 1, 5))]
    events = [ev("A1", D(2026, 1, 5), "applied"), ev("A1", D(2026, 2, 2), "interview")]
    assert run(apps, events, D(2026, 3, 9)).empty


# --- a backlog gathered into one list ---------------------------------------------------------


def _nudges(app, ev, days_overdue: list[int], today: dt.date) -> pd.DataFrame:
    """One applied application per entry, its nudge overdue by that many days."""
    apps, events = [], []
    for n, late in enumerate(days_overdue):
        applied = today - dt.timedelta(days=7 + late)
        apps.append(app(f"A{n}", stage="applied", date_applied=applied))
        events.append(ev(f"A{n}", applied, "applied"))
    return run(apps, events, today)


def test_a_backlog_of_long_overdue_actions_is_one_catch_up_list(app, ev):
    today = D(2026, 3, 11)  # a Wednesday: none of the due days falls on a weekend
    actions = _nudges(app, ev, [60, 45, CATCH_UP_DAYS + 1, CATCH_UP_DAYS, 2, 0], today)
    gathered = actions.loc[catch_up(actions, today), "application_id"]
    assert sorted(gathered) == ["A0", "A1", "A2"]  # a week late exactly is still a card
    assert set(actions.loc[~catch_up(actions, today), "urgency"]) == {"overdue", "today"}


def test_due_now_counts_the_backlog_apart(app, ev):
    today = D(2026, 3, 11)
    actions = _nudges(app, ev, [60, 45, CATCH_UP_DAYS + 1, CATCH_UP_DAYS, 2, 0], today)
    assert due_now(actions, today) == (3, 3)  # a week late, two days late, today; three old
    assert due_now(actions.iloc[0:0], today) == (0, 0)


def test_one_or_two_old_actions_stay_ordinary_cards(app, ev):
    today = D(2026, 3, 9)
    actions = _nudges(app, ev, [60, 30, 1], today)
    assert not catch_up(actions, today).any()
    assert not catch_up(actions.iloc[0:0], today).any()


# --- done and snoozed ------------------------------------------------------------------------


@pytest.fixture
def waiting_thank_you(app, ev):
    """One application with a Friday interview and no thank-you yet."""
    return [app("A1")], [ev("A1", D(2026, 3, 6), "interview", "E1")]


def test_done_actions_are_dropped(waiting_thank_you):
    apps, events = waiting_thank_you
    state = [{"id": "A1:thank-you:E1", "status": "done"}]
    actions = run(apps, events, D(2026, 3, 9), state=state)
    assert "thank-you" not in kinds(actions)


def test_done_thank_you_without_a_logged_event_lets_the_follow_up_appear(waiting_thank_you):
    apps, events = waiting_thank_you
    state = [{"id": "A1:thank-you:E1", "status": "done"}]
    row = only(run(apps, events, D(2026, 3, 9), state=state))
    assert row["kind"] == "follow-up"


@pytest.mark.parametrize(
    ("until", "today", "shown"),
    [
        (D(2026, 3, 12), D(2026, 3, 9), False),  # still snoozed
        (D(2026, 3, 12), D(2026, 3, 12), True),  # back on the day the snooze ends
        (D(2026, 3, 8), D(2026, 3, 9), True),  # snooze over
    ],
)
def test_snoozed_actions_come_back_on_their_date(until, today, shown, waiting_thank_you):
    apps, events = waiting_thank_you
    state = [{"id": "A1:thank-you:E1", "status": "snoozed", "snoozed_until": until}]
    actions = run(apps, events, today, state=state)
    assert (not actions.empty) is shown


def test_snoozing_a_thank_you_also_covers_it_once_it_turns_late(waiting_thank_you):
    apps, events = waiting_thank_you
    state = [{"id": "A1:thank-you:E1", "status": "snoozed", "snoozed_until": D(2026, 3, 16)}]
    assert run(apps, events, D(2026, 3, 11), state=state).empty
    assert only(run(apps, events, D(2026, 3, 16), state=state))["kind"] == "late thank-you"


# --- the frame itself ------------------------------------------------------------------------


def test_columns_dtypes_and_order_by_due_then_company(app, ev):
    apps = [
        app("A1", company="Zeta"),
        app("A2", company="Acme"),
        app("A3", stage="applied", company="Mid", date_applied=D(2026, 2, 20)),
    ]
    events = [
        ev("A1", D(2026, 3, 6), "interview"),
        ev("A2", D(2026, 3, 6), "interview"),
    ]
    actions = run(apps, events, D(2026, 3, 6))
    assert list(actions.columns) == list(ACTION_COLUMNS)
    assert actions["due"].dtype == "datetime64[us]"
    assert actions["kind"].dtype == "str"
    assert list(actions["company"]) == ["Mid", "Acme", "Zeta"]
    assert list(actions["urgency"]) == ["overdue", "soon", "soon"]


def test_nothing_to_do_gives_an_empty_frame_with_the_columns(app):
    actions = run([app("A1", stage="wishlist")], [], D(2026, 3, 9))
    assert actions.empty
    assert list(actions.columns) == list(ACTION_COLUMNS)
    assert summarise_urgency(actions) == {"overdue": 0, "today": 0, "soon": 0, "later": 0}


def test_summarise_urgency_counts_each_level(app, ev):
    apps = [app(f"A{i}") for i in range(4)]
    events = [
        ev("A0", D(2026, 3, 2), "interview"),  # overdue thank-you
        ev("A1", D(2026, 3, 6), "interview"),  # due today (Monday)
        ev("A2", D(2026, 3, 9), "interview"),  # due tomorrow: soon
        ev("A3", D(2026, 2, 27), "interview"),  # late (overdue)
    ]
    counts = summarise_urgency(run(apps, events, D(2026, 3, 9)))
    assert counts == {"overdue": 2, "today": 1, "soon": 1, "later": 0}


def test_each_application_is_judged_on_its_own_events(app, ev):
    """The grouped computation must give the same answer as asking about one at a time."""
    apps = [
        app("A1"),
        app("A2", stage="applied", date_applied=D(2026, 2, 2)),
        app("A3", stage="closed", outcome="rejected"),
        app("A4"),
        app("A5"),
    ]
    events = [
        ev("A1", D(2026, 3, 2), "interview"),
        ev("A2", D(2026, 2, 2), "applied"),
        ev("A3", D(2026, 2, 9), "interview"),
        ev("A3", D(2026, 3, 4), "rejection"),
        ev("A4", D(2026, 1, 5), "interview"),
        ev("A4", D(2026, 1, 6), "follow-up sent"),
        ev("A5", D(2026, 2, 2), "interview", decision_date=D(2026, 2, 20)),
        ev("A5", D(2026, 2, 3), "thank-you sent"),
    ]
    today = D(2026, 3, 9)
    together = run(apps, events, today)
    separately = pd.concat(
        [run([a], [e for e in events if e["application_id"] == a["id"]], today) for a in apps]
    )
    assert sorted(together["key"]) == sorted(separately["key"])
    assert len(together) == 5


def test_rejection_reply_lapses_after_the_window() -> None:
    apps = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "Analyst",
                                         "stage": "closed", "outcome": "rejected",
                                         "date_applied": "2026-01-01"}])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": "2026-01-10", "kind": "interview"},
        {"id": "E2", "application_id": "A1", "date": "2026-01-20", "kind": "rejection"},
    ])
    settings = RuleSettings()
    fresh = due_actions(apps, events, settings, dt.date(2026, 1, 25))
    assert fresh["kind"].tolist() == ["rejection reply"]
    stale = due_actions(apps, events, settings, dt.date(2026, 3, 1))
    assert stale.empty


# --- when a follow-up becomes due, and what was done ------------------------------------------


def test_follow_up_due_is_known_before_the_thank_you_is_sent(app, ev):
    apps = typed_frame("applications", [app("A1")])
    events = typed_frame("events", [ev("A1", D(2026, 3, 2), "interview")])
    assert follow_up_due(apps, events, RuleSettings(), D(2026, 3, 3), None) == D(2026, 3, 11)
    dated = typed_frame("events", [ev("A1", D(2026, 3, 2), "interview",
                                      decision_date=D(2026, 3, 20))])
    assert follow_up_due(apps, dated, RuleSettings(), D(2026, 3, 3), None) == D(2026, 3, 24)


def test_no_follow_up_due_without_an_interview_or_with_none_allowed(app, ev):
    apps = typed_frame("applications", [app("A1", stage="applied")])
    applied = typed_frame("events", [ev("A1", D(2026, 3, 2), "applied")])
    assert follow_up_due(apps, applied, RuleSettings(), D(2026, 3, 3), None) is None
    interviewed = typed_frame("events", [ev("A1", D(2026, 3, 2), "interview")])
    none_allowed = RuleSettings(max_follow_ups=0)
    assert follow_up_due(apps, interviewed, none_allowed, D(2026, 3, 3), None) is None
    assert follow_up_due(apps.iloc[0:0], interviewed, RuleSettings(), D(2026, 3, 3), None) is None


@pytest.mark.parametrize("offset", [0, 10, 30])
def test_every_action_the_rules_produce_is_in_the_registry(offset):
    """Every screen names an action through kinds.action_kind: an action missing from the
    registry would show its raw key, and a note kind that disagrees would draft the wrong note."""
    today = D(2026, 3, 9) + dt.timedelta(days=offset)
    apps, events = demo.build(D(2026, 3, 9), applications=120, seed=offset)
    actions = due_actions(apps, events, RuleSettings(), today)
    assert not actions.empty
    assert set(actions["kind"]) <= set(RULE_ACTIONS)
    for kind, note in zip(actions["kind"], actions["note_kind"], strict=True):
        assert (action_kind(kind, note).note or "") == note, (kind, note)


# --- one note per person (issue 21, item 5) and the note gap (item 8) ----------------------------


def _panel(app, ev, *sent):
    events = [ev("A1", D(2026, 3, 10), "interview", "E1",
                 interviewers="Priya Raman; Anika Chen")]
    events += [ev("A1", D(2026, 3, 10), "thank-you sent", interviewers=who) for who in sent]
    return [app("A1")], events


def test_a_panel_is_owed_one_thank_you_per_person(app, ev):
    actions = run(*_panel(app, ev), D(2026, 3, 10))
    assert list(actions["kind"]) == ["thank-you", "thank-you"]
    assert list(actions["person"]) == ["Priya Raman", "Anika Chen"]
    assert list(actions["key"]) == ["A1:thank-you:E1:Priya Raman", "A1:thank-you:E1:Anika Chen"]
    assert "no thank-you to Anika Chen logged yet" in actions["reason"].iloc[1]


def test_thanking_priya_leaves_anikas_thank_you_due_and_no_follow_up_yet(app, ev):
    actions = run(*_panel(app, ev, "priya  RAMAN"), D(2026, 3, 10))  # any case and spacing
    assert list(actions["person"]) == ["Anika Chen"]
    assert list(actions["kind"]) == ["thank-you"]  # no follow-up while a thank-you is owed
    both = run(*_panel(app, ev, "Priya Raman", "Anika Chen"), D(2026, 3, 10))
    assert list(both["kind"]) == ["follow-up"]


def test_a_note_logged_to_nobody_in_particular_thanks_the_whole_panel(app, ev):
    actions = run(*_panel(app, ev, None), D(2026, 3, 10))  # an older record or an import
    assert "thank-you" not in set(actions["kind"])


def test_done_on_home_for_one_person_covers_that_person_only(app, ev):
    apps, events = _panel(app, ev)
    state = [{"id": "A1:thank-you:E1:Priya Raman", "status": "done"}]
    actions = run(apps, events, D(2026, 3, 10), state=state)
    assert list(actions["person"]) == ["Anika Chen"]


def test_no_follow_up_within_the_gap_of_the_last_note_without_a_decision_date(app, ev):
    """A thank-you logged today, weeks after the interview: the follow-up waits a week."""
    events = [ev("A1", D(2026, 2, 2), "interview", "E1"),
              ev("A1", D(2026, 3, 9), "thank-you sent")]
    row = only(run([app("A1")], events, D(2026, 3, 9)))
    assert row["kind"] == "second follow-up" or row["kind"] == "follow-up"
    assert due_of(row) == D(2026, 3, 16)  # 5 business days after Mon 9 Mar
    assert row["urgency"] == "later"


@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from(
    ["interview", "thank-you sent", "follow-up sent", "heard back", "rejection", "applied"]),
    st.sampled_from([None, "Priya Raman", "Anika Chen", "Priya Raman; Anika Chen"])),
    min_size=1, max_size=8))
def test_no_list_shows_two_notes_to_one_person_on_one_day(rows):
    events = [{"id": f"E{i}", "application_id": "A1", "date": D(2026, 2, 1) + dt.timedelta(d),
               "kind": k, "interviewers": who} for i, (d, k, who) in enumerate(rows)]
    apps = [{"id": "A1", "company": "Acme", "role": "Analyst", "stage": "interviewing",
             "date_applied": D(2026, 1, 20)}]
    actions = run(apps, events, D(2026, 3, 9))
    notes = actions[actions["note_kind"].ne("")]
    # A note to everyone ("" person) and a note to one of them never share a day, nor do two
    # notes to the same person.
    for _, day in notes.groupby(notes["due"]):
        people = list(day["person"])
        assert len(people) == len(set(people)) and ("" not in people or len(people) == 1)
