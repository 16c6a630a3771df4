"""Remembering what the person did about a due action: done or snoozed, one action or a whole
backlog in one save, and refused from a stale tab."""

from __future__ import annotations

import datetime as dt

import pytest

from nextround.domain.action_state import hidden_keys, mark_action
from nextround.storage.errors import StaleDataError
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store

D = dt.date


def test_action_state_upserts(store: Store) -> None:
    now = dt.datetime(2026, 11, 20, 10, 30)
    mark_action(store, "A1:thank-you:E1", "snoozed", now, D(2026, 11, 22))
    mark_action(store, "A1:thank-you:E1", "done", now)
    actions = store.load("actions")
    assert actions["status"].tolist() == ["done"]
    assert actions["snoozed_until"].isna().all()


def test_a_whole_backlog_is_snoozed_in_one_save(store: Store) -> None:
    now = dt.datetime(2026, 11, 20, 10, 30)
    mark_action(store, "A1:nudge:E1", "done", now)
    _, version = store.load_with_version("actions")
    keys = ["A1:nudge:E1", "A2:nudge:", "A3:nudge:E3"]
    mark_action(store, keys, "snoozed", now, D(2026, 11, 27), expected_version=version)
    actions = store.load("actions").set_index("id")
    assert sorted(actions.index) == sorted(keys)
    assert set(actions["status"]) == {"snoozed"}
    assert len(store.backups("actions")) == 1  # one save for all three


def test_marking_from_a_stale_tab_is_refused(store: Store) -> None:
    now = dt.datetime(2026, 11, 20, 10, 30)
    _, version = store.load_with_version("actions")
    mark_action(store, "A1:thank-you:E1", "done", now)
    with pytest.raises(StaleDataError):  # the same action, marked since that version
        mark_action(store, "A1:thank-you:E1", "snoozed", now, D(2026, 11, 25),
                    expected_version=version)
    assert store.load("actions")["status"].tolist() == ["done"]
    # Another action marked from the same old view is no conflict.
    mark_action(store, "A1:follow-up:E1", "done", now, expected_version=version)
    assert store.load("actions")["id"].tolist() == ["A1:thank-you:E1", "A1:follow-up:E1"]


def test_done_hides_for_good_and_a_snooze_until_its_day() -> None:
    state = typed_frame("actions", [
        {"id": "A1:thank-you:E1", "status": "done"},
        {"id": "A2:nudge:", "status": " Snoozed ", "snoozed_until": D(2026, 3, 12)},
        {"id": "A3:nudge:", "status": "snoozed"},  # no date: it cannot expire, so hides nothing
    ])
    done, hidden = hidden_keys(state, dt.datetime(2026, 3, 11))
    assert done == {"A1:thank-you:E1"}
    assert hidden == {"A1:thank-you:E1", "A2:nudge:"}
    assert hidden_keys(state, dt.datetime(2026, 3, 12))[1] == {"A1:thank-you:E1"}
    assert hidden_keys(None, dt.datetime(2026, 3, 12)) == (set(), set())
