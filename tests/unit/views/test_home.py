"""What Home shows: the actions due with the registry's words, the interviews coming up with
their prep, the recent interviews to check, and the calendar file of it all."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from icalendar import Calendar

from nextround.commands.settings import save_rule_settings
from nextround.domain.kinds import ACTIONS, COMBINED, action_kind
from nextround.domain.prep.checklist import set_item_done
from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store
from nextround.views import home, pipeline
from nextround.views.snapshot import Snapshot

TODAY = date(2026, 3, 11)  # a Wednesday
NOW = datetime(2026, 3, 11, 8, 30)


def write(store: Store, apps: list[dict], events: list[dict], **tables: list[dict]) -> Snapshot:
    """Save these rows and load Home's snapshot, as the page does."""
    store.replace("applications", typed_frame("applications", apps))
    store.replace("events", typed_frame("events", events))
    for name, rows in tables.items():
        store.replace(name, typed_frame(name, rows))
    return Snapshot.load(store, home.TABLES)


def app(app_id: str, stage: str = "interviewing", **extra) -> dict:
    return {"id": app_id, "company": f"Company {app_id}", "role": "Analyst", "stage": stage,
            **extra}


def event(event_id: str, app_id: str, day: date, kind: str = "interview", **extra) -> dict:
    return {"id": event_id, "application_id": app_id, "date": day, "kind": kind, **extra}


@pytest.fixture
def search(store: Store) -> Snapshot:
    """Four applications: one due a thank-you, one weeks late with nothing sent, one rejected
    with its next round still on the calendar, and one with an interview coming up."""
    return write(
        store,
        [app("A1"), app("A2"), app("A3", outcome="rejected"), app("A4", stage="screening")],
        [
            event("E1", "A1", date(2026, 3, 10)),
            event("E2", "A2", date(2026, 2, 16)),
            event("E3", "A3", date(2026, 3, 9)),
            event("E4", "A3", date(2026, 3, 13), round=2),  # rejected before this round
            event("E5", "A3", date(2026, 3, 10), "rejection"),
            event("E6", "A4", date(2026, 3, 16), round=1, interview_type="video"),
        ],
    )


def test_the_actions_carry_the_registrys_words(search: Snapshot) -> None:
    view = home.build(search, TODAY)
    rows = view.actions.set_index("application_id")
    assert rows.loc["A1", "title"] == ACTIONS["thank-you"].title
    assert rows.loc["A2", "note_kind"] == COMBINED
    assert rows.loc["A2", "title"] == ACTIONS[COMBINED].title  # not the plain late thank-you
    for kind, note, title in zip(view.actions["kind"], view.actions["note_kind"],
                                 view.actions["title"], strict=True):
        assert title == action_kind(kind, note).title
    assert rows.loc["A3", "title"] == ACTIONS["rejection reply"].title
    assert view.counts == {"overdue": 1, "today": 1, "soon": 1, "later": 0}
    assert set(view.pressing["application_id"]) == {"A1", "A2", "A3"} and view.later.empty


def test_a_rejected_applications_interview_is_neither_upcoming_nor_in_the_calendar(
    search: Snapshot,
) -> None:
    view = home.build(search, TODAY)
    assert view.upcoming["id"].tolist() == ["E6"]
    assert view.interviews["id"].tolist() == ["E6"]
    mine = view.actions[view.actions["application_id"].eq("A3")]
    assert mine["kind"].tolist() == ["rejection reply"]  # a reply, and no thank-you
    summaries = [str(e["summary"]) for e in
                 Calendar.from_ical(view.calendar(NOW, TODAY)).walk("VEVENT")]
    assert not any(s.startswith("Interview: Company A3") for s in summaries)
    assert f"{ACTIONS['rejection reply'].calendar}: Company A3, Analyst" in summaries


def test_interviews_coming_up_are_all_counted_though_five_are_shown(store: Store) -> None:
    apps = [app(f"A{i}") for i in range(7)] + [app("R1", stage="closed", outcome="rejected")]
    events = [event(f"E{i}", f"A{i}", date(2026, 3, 12 + i)) for i in range(7)]
    events.append(event("E9", "R1", date(2026, 3, 12)))
    view = home.build(write(store, apps, events), TODAY)
    assert len(view.upcoming) == home.UPCOMING_SHOWN == 5
    assert len(view.interviews) == 7  # what the metric counts; the rejected one is not among them


def _imported(today: date) -> tuple[list[dict], list[dict]]:
    """What an import of a real search leaves: stages and dates, and one "applied" event each.

    20 applied long ago, 3 applied 10 days ago, 2 applied yesterday, 6 at screening and 8 at
    interviewing (applied long ago too), 1 offer and 3 closed."""
    rows, events = [], []

    def add(app_id: str, stage: str, days_ago: int, **extra) -> None:
        applied = today - timedelta(days=days_ago)
        rows.append(app(app_id, stage=stage, date_applied=applied, **extra))
        events.append(event(f"E{app_id}", app_id, applied, "applied"))

    for i in range(20):
        add(f"OLD{i:02d}", "applied", 40 + i)
    for i in range(3):
        add(f"MID{i}", "applied", 10)
    for i in range(2):
        add(f"NEW{i}", "applied", 1)
    for i in range(6):
        add(f"SCR{i}", "screening", 50)
    for i in range(8):
        add(f"INT{i}", "interviewing", 50)
    add("OFF", "offer", 60)
    for i in range(3):
        add(f"CLO{i}", "closed", 70, outcome="rejected")
    return rows, events


def test_after_an_import_home_is_calm_and_says_what_each_list_holds(store: Store) -> None:
    view = home.build(write(store, *_imported(TODAY)), TODAY)
    # Nudges only where nobody has answered: the stage says screening and interviewing did.
    assert set(view.actions["kind"]) == {"nudge"}
    nudged = set(view.actions["application_id"])
    assert not any(a.startswith(("SCR", "INT", "OFF", "CLO")) for a in nudged)
    assert len(nudged) == 25
    # The 20 long-overdue nudges are one catch-up entry; the recent ones stay cards.
    assert sorted(view.backlog["application_id"]) == [f"OLD{i:02d}" for i in range(20)]
    assert sorted(view.pressing["application_id"]) == ["MID0", "MID1", "MID2"]
    assert sorted(view.later["application_id"]) == ["NEW0", "NEW1"]
    assert view.counts == {"overdue": 3, "today": 0, "soon": 0, "later": 2}
    assert home.describe(view.pressing) == "3 overdue"
    assert home.describe(view.later) == "2 due in more than 3 days"
    # The calendar: one catch-up entry today for the 23 overdue, the two ahead on their days.
    events = Calendar.from_ical(view.calendar(NOW, TODAY)).walk("VEVENT")
    on_today = [str(e["summary"]) for e in events if e["dtstart"].dt == TODAY]
    assert on_today == ["Catch up on 23 overdue follow-ups"]
    assert sorted(e["dtstart"].dt for e in events if e["dtstart"].dt != TODAY) == [
        date(2026, 3, 17), date(2026, 3, 17)]


def test_describe_names_every_urgency_it_holds() -> None:
    actions = pd.DataFrame({"urgency": ["overdue", "today", "today", "soon", "later"]})
    assert home.describe(actions) == (
        "1 overdue, 2 due today, 1 due in the next 3 days, 1 due in more than 3 days")
    assert home.describe(actions.iloc[0:0]) == "nothing"


def test_to_check_lists_a_recent_interview_of_an_open_application_only(store: Store) -> None:
    snap = write(
        store,
        [app("A1"), app("A2", stage="closed", outcome="rejected"), app("A3"), app("A4")],
        [
            event("E1", "A1", date(2026, 3, 9)),  # open, two days ago: invite a check
            event("E2", "A2", date(2026, 3, 10)),  # its application is closed
            event("E3", "A3", date(2026, 3, 2)),  # nine days ago: too long
            event("E4", "A4", date(2026, 3, 10)),  # already checked
            event("E5", "A1", date(2026, 3, 12)),  # still ahead
        ],
        self_checks=[{"id": "S1", "application_id": "A4", "event_id": "E4"}],
    )
    view = home.build(snap, TODAY)
    assert view.to_check["id"].tolist() == ["E1"]
    assert view.to_check["company"].tolist() == ["Company A1"]


def test_the_calendar_has_one_event_per_action_and_interview(search: Snapshot) -> None:
    view = home.build(search, TODAY)
    data = view.calendar(NOW, TODAY)
    assert isinstance(data, bytes)
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(view.actions) + len(view.interviews) == 4
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == sorted([
        "Interview: Company A4, Analyst (round 1, video)",
        f"{ACTIONS[COMBINED].calendar}: Company A2, Analyst",
        f"{ACTIONS['thank-you'].calendar}: Company A1, Analyst",
        f"{ACTIONS['rejection reply'].calendar}: Company A3, Analyst",
    ])
    assert len({str(e["uid"]) for e in events}) == 4


def test_upcoming_interviews_show_how_much_prep_is_ticked(store: Store) -> None:
    progress = set_item_done(None, "E6", "prep-research-company", True, NOW)
    progress = set_item_done(progress, "E6", "prep-print", True, NOW)
    progress = set_item_done(progress, "E7", "prep-print", True, NOW)  # another interview's
    snap = write(store, [app("A4", stage="screening")],
                 [event("E6", "A4", date(2026, 3, 16))],
                 prep_progress=progress.to_dict("records"))
    row = home.build(snap, TODAY).upcoming.iloc[0]
    assert row["prep_done"] == 2 and row["prep_total"] > 2


def test_the_health_warning_follows_the_users_minimum(store: Store) -> None:
    apps = [app(f"A{i}", stage="applied", date_applied=date(2026, 3, 2)) for i in range(3)]
    snap = write(store, apps, [])
    assert home.build(snap, TODAY).health["warning"] is None
    save_rule_settings(store, RuleSettings(min_active=5))
    warned = home.build(Snapshot.load(store, home.TABLES), TODAY).health
    assert warned["too_few_active"] and "3 applications" in warned["warning"]


def test_an_empty_search_builds_an_empty_home(store: Store) -> None:
    view = home.build(Snapshot.load(store, home.TABLES), TODAY)
    assert view.actions.empty and view.upcoming.empty and view.to_check.empty
    assert view.counts == {"overdue": 0, "today": 0, "soon": 0, "later": 0}
    assert Calendar.from_ical(view.calendar(NOW, TODAY)).walk("VEVENT") == []
    assert "title" in view.actions.columns
    assert isinstance(view.upcoming, pd.DataFrame)


def test_home_lists_the_applications_waiting_on_an_answer_with_dated_words(
    store: Store,
) -> None:
    """Issue 13: "when will I hear back" on Home's waiting list, the follow-up date the same as
    the due list's."""
    snapshot = write(
        store,
        [app("A1"), app("A2"), app("A3", outcome="rejected"), app("A4")],
        [
            event("E1", "A1", date(2026, 3, 9), decision_date=date(2026, 3, 13)),
            event("E2", "A1", date(2026, 3, 9), "thank-you sent"),
            event("E3", "A2", date(2026, 3, 2)),
            event("E4", "A3", date(2026, 3, 2)),
            event("E5", "A4", date(2026, 3, 2)),
            event("E6", "A4", date(2026, 3, 5), "heard back"),
        ],
    )
    view = home.build(snapshot, TODAY)
    waits = home.waiting_list(snapshot, TODAY)
    assert [e.application_id for e in waits.shown] == ["A1", "A2"]
    assert waits.total == 2
    acme = waits.shown[0]
    assert acme.said[0] == "They said they would decide by Fri 13 Mar."
    # Two business days after the decision date, as the rules (and Home's due list) say.
    assert acme.follow_up == ("If nothing by Tue 17 Mar, follow up once.",)
    due = view.actions.set_index("application_id").loc["A1"]
    assert due["kind"] == "follow-up" and due["due"].date() == date(2026, 3, 17)


def test_home_spells_out_only_a_few_waits_and_counts_the_rest(store: Store) -> None:
    apps = [app(f"A{i}") for i in range(1, 8)]
    events = [event(f"E{i}", f"A{i}", date(2026, 3, i)) for i in range(1, 8)]
    waits = home.waiting_list(write(store, apps, events), TODAY)
    assert len(waits.shown) == home.WAITING_SHOWN < waits.total == 7
    assert waits.shown[0].application_id == "A7"


def test_home_and_pipeline_count_the_same_due_now(store: Store) -> None:
    """After an import of old applications: Home and Pipeline give one figure for "due now"
    and both count the long-overdue backlog apart."""
    ages = [60, 50, 40, 10]
    apps = [app(f"A{n}", stage="applied", date_applied=TODAY - timedelta(days=d))
            for n, d in enumerate(ages)]
    events = [event(f"E{n}", f"A{n}", TODAY - timedelta(days=d), "applied")
              for n, d in enumerate(ages)]
    today_view = home.build(write(store, apps, events), TODAY)
    figures = pipeline.build(Snapshot.load(store, pipeline.TABLES), TODAY).overview.figures
    assert (figures["due_now"], figures["catch_up"]) == (today_view.due_now, 3)
    assert today_view.due_now == 1 and len(today_view.backlog) == 3


def test_the_parts_of_home_add_up_to_the_whole_view(search: Snapshot) -> None:
    """The page caches the rules and the agenda apart; put together they are ``build``."""
    whole = home.build(search, TODAY)
    parts = home.assemble(search, TODAY, home.ruled_pass(search, TODAY),
                          home.agenda(search, TODAY))
    pd.testing.assert_frame_equal(parts.actions, whole.actions)
    pd.testing.assert_frame_equal(parts.upcoming, whole.upcoming)
    assert (parts.health, parts.due_now, parts.counts) == (whole.health, whole.due_now,
                                                           whole.counts)


def test_a_note_logged_leaves_the_agenda_key_and_an_interview_changes_it(store: Store) -> None:
    """Marking a thank-you done logs a note event: the interviews and the health it cannot
    change keep their cache; a new interview or application is seen at once."""
    apps, events = [app("A1")], [event("E1", "A1", date(2026, 3, 10))]
    key = home.fingerprint(home.agenda_events(write(store, apps, events)["events"]))
    noted = write(store, apps, [*events, event("E2", "A1", TODAY, "thank-you sent")])
    assert home.fingerprint(home.agenda_events(noted["events"])) == key
    booked = write(store, apps, [*events, event("E3", "A1", date(2026, 3, 20), round=2)])
    assert home.fingerprint(home.agenda_events(booked["events"])) != key
    assert len(home.agenda(booked, TODAY).upcoming) == 1
    moved = write(store, apps, [*events, event("E3", "A1", date(2026, 3, 21), round=2)])
    assert home.fingerprint(home.agenda_events(moved["events"])) != home.fingerprint(
        home.agenda_events(booked["events"]))


def test_a_snooze_leaves_the_rules_key_and_a_done_changes_it(store: Store) -> None:
    """The rules read only the keys marked done: a snooze hides an action without them."""
    from nextround.commands import actions as action_state

    search = write(store, [app("A1")], [event("E1", "A1", date(2026, 3, 10))])
    key = home.build(search, TODAY).actions["key"].iloc[0]
    action_state.mark_action(store, key, "snoozed", NOW, TODAY + timedelta(days=2))
    snoozed = Snapshot.load(store, home.TABLES)
    assert home.done_keys(snoozed, TODAY) == frozenset()
    assert key not in set(home.build(snoozed, TODAY).actions["key"])
    action_state.mark_action(store, key, "done", NOW)
    assert home.done_keys(Snapshot.load(store, home.TABLES), TODAY) == {key}


def test_the_waits_read_only_their_events_and_a_note_sent_leaves_them(tmp_path) -> None:
    """The page caches the waits on the events they read: the same waits from those alone,
    and a thank-you logged (Done on Home) does not change which those are."""
    from nextround.commands.sample import write_sample
    from nextround.domain import waiting

    write_sample(tmp_path / "data", TODAY, applications=60, seed=2)
    store = Store(tmp_path / "data")
    snap = Snapshot.load(store, home.TABLES)
    apps, events = snap["applications"], snap["events"]
    waits = waiting.interview_waits(apps, events, TODAY)
    assert not waits.empty
    pd.testing.assert_frame_equal(
        waiting.interview_waits(apps, waiting.wait_events(events), TODAY), waits)
    ruled = home.ruled_pass(snap, TODAY)
    given, built = home.waiting_list(snap, TODAY, ruled, waits), home.waiting_list(snap, TODAY,
                                                                                 ruled)
    assert given.shown and given.total == built.total

    def said(view: home.Waiting) -> list:
        return [(e.application_id, e.days_waited, e.said, e.own, e.follow_up)
                for e in view.shown]

    assert said(given) == said(built)
    noted = pd.concat([events, typed_frame("events", [event("N1", apps["id"].iloc[0], TODAY,
                                                             "thank-you sent")])])
    assert home.fingerprint(waiting.wait_events(noted)) == home.fingerprint(
        waiting.wait_events(events))


def test_a_note_on_another_application_leaves_the_waiting_lists_key(store: Store) -> None:
    """Home keeps its waiting list while a Done elsewhere changes nothing it shows: the key
    it is cached on moves only with the events or the due notes of the applications shown."""
    apps = [app("A1"), app("A2", stage="applied")]
    events = [event("E1", "A1", date(2026, 3, 2)), event("E2", "A2", date(2026, 3, 2), "applied")]

    def key(snapshot: Snapshot) -> str:
        from nextround.domain import waiting

        waits = waiting.interview_waits(snapshot["applications"], snapshot["events"], TODAY)
        return home.waiting_rows_key(snapshot, waits, home.ruled_pass(snapshot, TODAY))

    before = key(write(store, apps, events))
    nudged = write(store, apps, [*events, event("E3", "A2", TODAY, "follow-up sent")])
    assert key(nudged) == before  # A2 is not waiting after an interview: not on the list
    thanked = write(store, apps, [*events, event("E4", "A1", TODAY, "thank-you sent")])
    assert key(thanked) != before  # A1 is: its follow-up date moves
    assert home.waiting_list(thanked, TODAY).shown[0].follow_up != home.waiting_list(
        write(store, apps, events), TODAY).shown[0].follow_up
