"""The one answer to "which note is due now": what it says in every situation, and that Home,
Notes, the self-check plan and the calendar give the same answer under the user's settings.

Calendar used (2026): Mon 2 Feb, Mon 16 Feb, Mon 2 Mar, Thu 5 Mar, Fri 6 Mar, Mon 9 Mar,
Wed 11 Mar, Fri 13 Mar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from nextround import demo
from nextround.commands import applications
from nextround.commands.settings import save_rule_settings
from nextround.domain.followup import due_actions
from nextround.domain.kinds import ACTIONS, COMBINED, RULE_ACTIONS, action_kind
from nextround.domain.next_note import NextNote, next_note
from nextround.domain.self_check.plan import plan, plan_facts
from nextround.domain.self_check.scoring import score_check
from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store
from nextround.views import home, notes, self_check
from nextround.views.snapshot import Snapshot

D = dt.date


def note_for(apps, events, today, settings=None, state=None, app_id="A1") -> NextNote:
    return next_note(
        typed_frame("applications", apps),
        typed_frame("events", events),
        settings,
        today,
        app_id,
        typed_frame("actions", state) if state is not None else None,
    )


# --- the thank-you -----------------------------------------------------------------------------


def test_a_thank_you_just_after_the_interview(app, ev):
    note = note_for([app("A1")], [ev("A1", D(2026, 3, 10), "interview", "E1")], D(2026, 3, 11))
    assert (note.kind, note.action, note.due, note.urgency) == (
        "thank-you", "thank-you", D(2026, 3, 11), "today")
    assert note.anchor_event_id == "E1" and not note.stop
    assert note.title == "Send a thank-you"
    assert note.reason == "Interview on Tue 10 Mar, no thank-you logged yet; it is due today."
    assert note.follow_up_due == D(2026, 3, 19)  # once it is sent: 7 business days after


def test_a_friday_interviews_thank_you_is_due_on_monday(app, ev):
    note = note_for([app("A1")], [ev("A1", D(2026, 3, 6), "interview")], D(2026, 3, 6))
    assert (note.kind, note.due, note.urgency) == ("thank-you", D(2026, 3, 9), "soon")
    assert note.reason.endswith("it is due Mon 9 Mar.")


def test_the_thank_you_turns_late_after_the_users_setting(app, ev):
    events = [ev("A1", D(2026, 3, 2), "interview")]
    patient = RuleSettings(late_thank_you_after_days=5)
    assert note_for([app("A1")], events, D(2026, 3, 7), patient).kind == "thank-you"  # 5 days
    late = note_for([app("A1")], events, D(2026, 3, 8), patient)  # 6 days
    assert (late.kind, late.action) == ("late thank-you", "late thank-you")
    assert late.title == "Send a late thank-you (still worth it)"
    assert "6 days ago" in late.reason
    assert note_for([app("A1")], events, D(2026, 3, 6)).kind == "late thank-you"  # default: 3


def test_weeks_late_with_nothing_sent_is_one_combined_note(app, ev):
    note = note_for([app("A1")], [ev("A1", D(2026, 2, 16), "interview")], D(2026, 3, 9))
    assert (note.kind, note.action, note.urgency) == (COMBINED, "late thank-you", "overdue")
    assert note.title == ACTIONS[COMBINED].title
    assert note.follow_up_due is None  # the combined note is the follow-up
    assert "ask for news" in note.reason


def test_a_thank_you_for_round_two_is_due_even_though_round_one_had_one(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview", "E1", round=1),
        ev("A1", D(2026, 3, 3), "thank-you sent"),
        ev("A1", D(2026, 3, 10), "interview", "E3", round=2),
    ]
    note = note_for([app("A1")], events, D(2026, 3, 11))
    assert (note.kind, note.anchor_event_id) == ("thank-you", "E3")


def test_a_thank_you_marked_done_on_home_counts_as_sent(app, ev):
    events = [ev("A1", D(2026, 3, 10), "interview", "E3")]
    done = [{"id": "A1:thank-you:E3", "status": "done"}]
    note = note_for([app("A1")], events, D(2026, 3, 11), state=done)
    assert (note.kind, note.action, note.due) == ("follow-up", "follow-up", D(2026, 3, 19))


def test_a_snoozed_thank_you_is_still_the_right_note(app, ev):
    events = [ev("A1", D(2026, 3, 10), "interview", "E3")]
    snoozed = [{"id": "A1:thank-you:E3", "status": "snoozed", "snoozed_until": D(2026, 3, 14)}]
    note = note_for([app("A1")], events, D(2026, 3, 11), state=snoozed)
    assert (note.kind, note.due) == ("thank-you", D(2026, 3, 11))


# --- follow-ups, and when to stop ------------------------------------------------------------


def test_a_follow_up_after_their_decision_date(app, ev):
    events = [
        ev("A1", D(2026, 3, 2), "interview", "E1", decision_date=D(2026, 3, 5)),
        ev("A1", D(2026, 3, 2), "thank-you sent"),
    ]
    note = note_for([app("A1")], events, D(2026, 3, 11))
    assert (note.kind, note.action, note.due, note.urgency) == (
        "follow-up", "follow-up", D(2026, 3, 9), "overdue")
    assert "They expected to decide by Thu 5 Mar" in note.reason
    assert note.reason.endswith("it was due Mon 9 Mar.")
    assert note.follow_up_due is None


def test_a_second_follow_up_after_the_first(app, ev):
    events = [
        ev("A1", D(2026, 2, 2), "interview", "E1"),
        ev("A1", D(2026, 2, 2), "thank-you sent"),
        ev("A1", D(2026, 2, 11), "follow-up sent"),
    ]
    note = note_for([app("A1")], events, D(2026, 2, 16))
    # Wed 11 Feb + 5 business days, without Presidents' Day (Mon 16 Feb)
    assert (note.kind, note.action, note.due) == (
        "second follow-up", "second follow-up", D(2026, 2, 19))
    assert note.title == "Send a second, last follow-up"


def test_stop_once_the_follow_ups_allowed_are_sent(app, ev):
    events = [
        ev("A1", D(2026, 1, 5), "interview"),
        ev("A1", D(2026, 1, 5), "thank-you sent"),
        ev("A1", D(2026, 1, 14), "follow-up sent"),
        ev("A1", D(2026, 1, 21), "follow-up sent"),
    ]
    note = note_for([app("A1")], events, D(2026, 1, 26))
    assert note.stop is True and note.kind is None and note.action is None
    assert note.due is None and note.title == ""
    assert "(2 follow-ups)" in note.reason and "no response" in note.reason
    one = note_for([app("A1")], events[:3], D(2026, 1, 16), RuleSettings(max_follow_ups=1))
    assert one.stop is True and one.kind is None
    assert "(one follow-up)" in one.reason


# --- rejections --------------------------------------------------------------------------------


def test_a_rejection_reply_within_the_window_and_none_after_it(app, ev):
    apps = [app("A1", stage="closed", outcome="rejected")]
    events = [ev("A1", D(2026, 3, 2), "interview"), ev("A1", D(2026, 3, 5), "rejection", "E9")]
    reply = note_for(apps, events, D(2026, 3, 6))
    assert (reply.kind, reply.action, reply.due, reply.anchor_event_id) == (
        "rejection reply", "rejection reply", D(2026, 3, 9), "E9")  # Sat 7 Mar: Monday
    lapsed = note_for(apps, events, D(2026, 3, 27))  # 22 days after the no
    assert lapsed.kind is None and not lapsed.stop
    assert "more than 21 days" in lapsed.reason
    longer = RuleSettings(rejection_reply_window_days=30)
    assert note_for(apps, events, D(2026, 3, 27), longer).kind == "rejection reply"
    assert "more than 30 days" in note_for(apps, events, D(2026, 4, 6), longer).reason


def test_a_rejection_reply_sent_leaves_nothing_to_send(app, ev):
    apps = [app("A1", stage="closed", outcome="rejected")]
    events = [ev("A1", D(2026, 3, 2), "interview"), ev("A1", D(2026, 3, 5), "rejection"),
              ev("A1", D(2026, 3, 6), "rejection reply sent")]
    note = note_for(apps, events, D(2026, 3, 7))
    assert note.kind is None and "Nothing else to send" in note.reason


# --- no interview yet, or nothing to chase ---------------------------------------------------


def test_an_interview_still_ahead_asks_for_a_thank_you_afterwards(app, ev):
    note = note_for([app("A1")], [ev("A1", D(2026, 3, 16), "interview", "E5")], D(2026, 3, 9))
    assert (note.kind, note.action, note.due, note.anchor_event_id) == (
        "thank-you", None, None, "E5")
    assert "Mon 16 Mar is still ahead" in note.reason
    assert note.title == ""  # nothing is due yet, so Home lists nothing


def test_a_wishlist_entry_needs_no_note(app):
    note = note_for([app("A1", stage="wishlist")], [], D(2026, 3, 9))
    assert note.kind is None and "wishlist" in note.reason


def test_an_application_with_no_interview_gets_a_nudge(app, ev):
    apps = [app("A1", stage="applied", date_applied=D(2026, 3, 2))]
    note = note_for(apps, [ev("A1", D(2026, 3, 2), "applied", "E1")], D(2026, 3, 12))
    assert (note.kind, note.action, note.due, note.urgency) == (
        "application nudge", "nudge", D(2026, 3, 9), "overdue")
    assert note.title == "Nudge about your application"
    assert note.reason.startswith("Applied on Mon 2 Mar")


@pytest.mark.parametrize("stage", ["screening", "interviewing"])
def test_an_imported_stage_past_applied_asks_for_the_interview_not_a_nudge(stage, app, ev):
    """Imported at "interviewing" with only its "applied" event: no nudge, and Notes says what
    would make the dates work (the interview), not "your last note is sent"."""
    apps = [app("A1", stage=stage, date_applied=D(2026, 1, 5))]
    note = note_for(apps, [ev("A1", D(2026, 1, 5), "applied")], D(2026, 3, 9))
    assert note.kind is None and note.action is None
    assert f"stage ({stage}) says they have replied" in note.reason
    assert "Log the interview" in note.reason


def test_an_offer_in_hand_has_nothing_to_chase(app, ev):
    events = [ev("A1", D(2026, 3, 2), "interview"), ev("A1", D(2026, 3, 2), "thank-you sent"),
              ev("A1", D(2026, 3, 6), "offer")]
    note = note_for([app("A1", stage="offer")], events, D(2026, 3, 9))
    assert note.kind is None and not note.stop
    assert note.reason == "You have an offer: nothing to chase."


def test_a_closed_application_and_a_missing_one(app, ev):
    events = [ev("A1", D(2026, 3, 2), "interview"), ev("A1", D(2026, 3, 6), "withdrew")]
    closed = note_for([app("A1", stage="closed", outcome="withdrew")], events, D(2026, 3, 9))
    assert closed.kind is None and "closed" in closed.reason
    gone = note_for([app("A1")], events, D(2026, 3, 9), app_id="A404")
    assert gone.kind is None and "no longer exists" in gone.reason


# --- every screen gets the same answer --------------------------------------------------------


def test_next_note_is_the_first_note_among_the_applications_due_actions():
    today = D(2026, 3, 13)
    apps, events = demo.build(today, applications=40, seed=3)
    actions = due_actions(apps, events, RuleSettings(), today)
    note_actions = [name for name in RULE_ACTIONS if ACTIONS[name].note]
    checked = 0
    for app_id in apps["id"]:
        note = next_note(apps, events, None, today, app_id)
        mine = actions[actions["application_id"].eq(app_id) & actions["kind"].isin(note_actions)]
        if mine.empty:
            assert note.action is None
            continue
        first = mine.iloc[0]
        assert note.action == first["kind"]
        assert note.kind == action_kind(first["kind"], first["note_kind"]).note
        assert note.due == first["due"].date()
        checked += 1
    assert checked >= 5


INTERVIEW = D(2026, 3, 9)  # a Monday
TODAY = D(2026, 3, 13)  # the Friday after: four days later
NOW = dt.datetime(2026, 3, 13, 9, 0)


def _search_with_an_interview_four_days_ago(folder: Path, settings: RuleSettings) -> str:
    store = Store(folder)
    save_rule_settings(store, settings)
    app_id = applications.add_application(
        store, {"company": "Acme", "role": "Analyst", "stage": "applied",
                "date_applied": D(2026, 2, 23)}, NOW)
    applications.log_event(store, {"application_id": app_id, "date": INTERVIEW,
                                   "kind": "interview", "round": 1}, NOW)
    return app_id


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (RuleSettings(late_thank_you_after_days=5), "thank-you"),
        (RuleSettings(), "late thank-you"),
    ],
    ids=["late-after-5-days", "default-late-after-3-days"],
)
def test_home_notes_the_plan_and_the_calendar_agree_under_the_users_settings(
    tmp_path: Path, settings: RuleSettings, expected: str
) -> None:
    folder = tmp_path / "data"
    app_id = _search_with_an_interview_four_days_ago(folder, settings)
    store = Store(folder)  # a fresh process: only the files carry the settings

    # Home: the actions, and the calendar file built from the same view.
    home_snapshot = Snapshot.load(store, home.TABLES)
    today_view = home.build(home_snapshot, TODAY)
    assert today_view.actions["kind"].tolist() == [expected]
    assert today_view.actions["title"].tolist() == [ACTIONS[expected].title]
    ics = today_view.calendar(NOW, TODAY)
    assert f"SUMMARY:{ACTIONS[expected].calendar}: Acme\\, Analyst\r\n" in ics.decode()
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")]
    assert summaries == [f"{ACTIONS[expected].calendar}: Acme, Analyst"]
    from_home = next_note(home_snapshot["applications"], home_snapshot["events"],
                          home_snapshot.settings, TODAY, app_id, home_snapshot["actions"])
    assert (from_home.kind, from_home.action) == (expected, expected)

    # Notes: the suggested kind, read from its own snapshot as the page does.
    snap = Snapshot.load(store, notes.TABLES)
    index = notes.notes_index(snap["applications"], snap["events"], TODAY)
    suggestion = next_note(snap["applications"], index.events_of(snap["events"], app_id),
                           snap.settings, TODAY, app_id, snap["actions"])
    assert (suggestion.kind, suggestion.action) == (expected, expected)

    # The self-check plan: its note step.
    snap = Snapshot.load(store, self_check.TABLES)
    facts = plan_facts(snap["applications"], snap["events"], snap["actions"], snap.settings,
                       TODAY, app_id, INTERVIEW)
    steps = plan(score_check({"sign-rapport": "yes"}, {}), facts)
    note_steps = [s.note_kind for s in steps if s.action == "write_note"]
    assert note_steps[0] == expected
    assert note_steps[1:] == ["follow-up"]  # then the follow-up it leads to
    if expected == "thank-you":
        assert not any("late" in (s.note_kind or "") for s in steps)
        assert not any("late" in s.title.lower() for s in steps)
    else:
        assert "4 days" in next(s.detail for s in steps if s.note_kind == expected)
    assert facts.note == next_note(snap["applications"], snap["events"], snap.settings, TODAY,
                                   app_id, snap["actions"])
