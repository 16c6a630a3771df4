"""Applications and their events: what "open" means, how events move the stage, and the changes
people make through the screens (ids, the stale-tab check, deletes)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from nextround.commands import applications
from nextround.domain.applications import awaiting_answer, is_open, stage_after_event
from nextround.storage.errors import NextRoundError, StaleDataError
from nextround.storage.frames import typed_frame
from nextround.storage.schema import EVENT_KINDS, STAGES
from nextround.storage.store import Store

NOW = datetime(2026, 11, 20, 10, 30)


def add(store: Store, **extra) -> str:
    record = {"company": "Acme", "role": "Analyst", "stage": "applied",
              "date_applied": date(2026, 11, 1)} | extra
    return applications.add_application(store, record, NOW)


# --- what "open" means -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "outcome", "expected"),
    [
        ("applied", None, True),
        ("screening", None, True),
        ("interviewing", None, True),
        ("offer", None, True),  # an offer still waits for your answer
        ("interviewing", "rejected", False),  # an import left the stage behind: still closed
        ("closed", "rejected", False),
        ("closed", None, False),
        ("wishlist", None, False),
    ],
)
def test_is_open_means_a_stage_in_progress_and_no_outcome(app, stage, outcome, expected):
    frame = typed_frame("applications", [app("A1", stage=stage, outcome=outcome)])
    assert is_open(frame).tolist() == [expected]


def test_is_open_reads_a_whole_table_and_keeps_its_index(app):
    frame = typed_frame("applications", [
        app("A1", stage="applied"),
        app("A2", stage="offer"),
        app("A3", stage="closed", outcome="rejected"),
        app("A4", stage="wishlist"),
        app("A5", stage="interviewing", outcome="rejected"),
    ])
    frame.index = [10, 11, 12, 13, 14]
    result = is_open(frame)
    assert result.to_dict() == {10: True, 11: True, 12: False, 13: False, 14: False}
    assert int(result.sum()) == 2


def test_an_offer_in_hand_is_open_but_not_awaiting_an_answer(app):
    frame = typed_frame("applications", [app("A1", stage="offer"),
                                         app("A2", stage="interviewing")])
    assert is_open(frame).tolist() == [True, True]
    assert awaiting_answer(frame).tolist() == [False, True]


# --- how events move the stage ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "kind", "expected"),
    [
        ("wishlist", "applied", ("applied", None)),
        ("applied", "heard back", ("screening", None)),
        ("wishlist", "heard back", ("screening", None)),
        ("screening", "interview", ("interviewing", None)),
        ("applied", "interview", ("interviewing", None)),
        ("interviewing", "offer", ("offer", None)),
        ("interviewing", "rejection", ("closed", "rejected")),
        ("applied", "withdrew", ("closed", "withdrew")),
        ("applied", "no response", ("closed", "no response")),
    ],
)
def test_events_move_the_stage_forward(current, kind, expected):
    assert stage_after_event(current, kind) == expected


@pytest.mark.parametrize(
    ("current", "kind"),
    [
        ("offer", "interview"),  # an interview logged late does not undo the offer
        ("interviewing", "heard back"),
        ("interviewing", "applied"),
        ("screening", "applied"),
    ],
)
def test_stage_never_moves_backwards(current, kind):
    assert stage_after_event(current, kind) == (current, None)


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_closed_application_stays_closed_and_keeps_its_outcome(kind):
    assert stage_after_event("closed", kind) == ("closed", None)


@pytest.mark.parametrize("kind", ["thank-you sent", "follow-up sent", "note"])
@pytest.mark.parametrize("current", [s for s in STAGES if s != "closed"])
def test_notes_and_follow_ups_change_nothing(current, kind):
    assert stage_after_event(current, kind) == (current, None)


def test_missing_stage_is_treated_as_wishlist():
    assert stage_after_event(None, "applied") == ("applied", None)


# --- the writes ------------------------------------------------------------------------------


def test_add_application_numbers_ids_and_logs_applied(store: Store) -> None:
    first, second = add(store), add(store, company="Beta")
    assert (first, second) == ("A00001", "A00002")
    events = store.load("events")
    assert events["kind"].tolist() == ["applied", "applied"]
    assert events["application_id"].tolist() == [first, second]


def test_wishlist_entry_has_no_applied_event(store: Store) -> None:
    add(store, stage="wishlist", date_applied=None)
    assert store.load("events").empty


def test_blank_text_is_stored_as_an_empty_cell(store: Store) -> None:
    add(store, notes="   ", location=" Leeds ")
    row = store.load("applications").iloc[0]
    assert row["location"] == "Leeds"
    assert pd.isna(row["notes"])  # missing, not spaces


def test_logging_events_moves_the_stage_and_closes_with_outcome(store: Store) -> None:
    app_id = add(store)
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 5),
                                   "kind": "interview", "round": 1}, NOW)
    assert store.load("applications").loc[0, "stage"] == "interviewing"
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 9),
                                   "kind": "thank-you sent"}, NOW)
    assert store.load("applications").loc[0, "stage"] == "interviewing"
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 12),
                                   "kind": "rejection"}, NOW)
    app = store.load("applications").iloc[0]
    assert (app["stage"], app["outcome"]) == ("closed", "rejected")


def test_an_event_on_a_wishlist_entry_dates_its_application(store: Store) -> None:
    app_id = add(store, stage="wishlist", date_applied=None)
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 7),
                                   "kind": "heard back"}, NOW)
    row = store.load("applications").iloc[0]
    assert row["stage"] == "screening"
    assert row["date_applied"].date() == date(2026, 11, 7)


def test_edit_from_a_stale_tab_is_refused(store: Store) -> None:
    app_id = add(store)
    _, version = store.load_with_version("applications")
    applications.update_application(store, app_id, {"notes": "tab two"}, NOW)
    with pytest.raises(StaleDataError):
        applications.update_application(store, app_id, {"notes": "tab one"}, NOW,
                                        expected_version=version)
    assert store.load("applications").loc[0, "notes"] == "tab two"


def test_editing_a_deleted_application_is_refused(store: Store) -> None:
    app_id = add(store)
    applications.delete_application(store, app_id, keep_events=True)
    with pytest.raises(NextRoundError, match="no longer exists"):
        applications.update_application(store, app_id, {"notes": "x"}, NOW)


def test_delete_keeps_or_removes_events_as_chosen(store: Store) -> None:
    keep, drop = add(store), add(store, company="Beta")
    applications.delete_application(store, keep, keep_events=True)
    applications.delete_application(store, drop, keep_events=False)
    assert store.load("applications").empty
    assert store.load("events")["application_id"].tolist() == [keep]


def test_delete_event_removes_only_that_event(store: Store) -> None:
    app_id = add(store)
    interview = applications.log_event(store, {"application_id": app_id,
                                               "date": date(2026, 11, 5), "kind": "interview"},
                                       NOW)
    _, version = store.load_with_version("events")
    applications.delete_event(store, interview, expected_version=version)
    assert store.load("events")["kind"].tolist() == ["applied"]


def test_delete_event_from_a_stale_tab_is_refused(store: Store) -> None:
    app_id = add(store)
    _, version = store.load_with_version("events")
    applied = store.load("events")["id"].iloc[0]
    store.update("events", lambda f: f.assign(details="edited in a spreadsheet"))  # elsewhere
    with pytest.raises(StaleDataError):
        applications.delete_event(store, applied, expected_version=version)
    assert store.load("events")["details"].tolist() == ["edited in a spreadsheet"]
    # Another tab only adding an event is no conflict for deleting this one.
    _, version = store.load_with_version("events")
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 5),
                                   "kind": "interview"}, NOW)
    applications.delete_event(store, applied, expected_version=version)
    assert store.load("events")["kind"].tolist() == ["interview"]


def test_delete_event_refuses_an_id_that_is_gone(store: Store) -> None:
    add(store)
    before = store.load("events")
    with pytest.raises(NextRoundError, match="no longer exists"):
        applications.delete_event(store, "E999999")
    assert store.load("events")["id"].tolist() == before["id"].tolist()
