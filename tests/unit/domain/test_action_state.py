"""Remembering what the person did about a due action: done or snoozed, one action or a whole
backlog in one save, and refused from a stale tab."""

from __future__ import annotations

import datetime as dt
import errno
import os
import threading

import pytest

from nextround.commands.actions import mark_action, mark_done
from nextround.domain.action_state import AlreadyDone, hidden_keys
from nextround.storage.errors import StaleDataError, StorageWriteError
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
    # The one done meanwhile stays done (before: snoozed, so it came back when the snooze ran out).
    assert actions["status"].to_dict() == {"A1:nudge:E1": "done", "A2:nudge:": "snoozed",
                                           "A3:nudge:E3": "snoozed"}
    assert len(store.backups("actions")) == 1  # one save for all of them


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


def _event(app_id: str = "A1") -> dict:
    return {"application_id": app_id, "date": D(2026, 11, 20), "kind": "thank-you sent",
            "details": "Send a thank-you: marked done on Home."}


def test_done_logs_its_event_once_whatever_is_pressed_twice(store: Store) -> None:
    """Before: a double click on Done, or Done in two tabs, logged the event twice (and the
    duplicate counted toward the follow-up limit)."""
    now = dt.datetime(2026, 11, 20, 10, 30)
    _, version = store.load_with_version("actions")
    mark_done(store, "A1:thank-you:E1", _event(), now, expected_version=version)
    for again in (version, store.version("actions"), None):  # a double click, a second tab...
        with pytest.raises(AlreadyDone, match="nothing was changed"):
            mark_done(store, "A1:thank-you:E1", _event(), now, expected_version=again)
    assert store.load("events")["kind"].tolist() == ["thank-you sent"]
    assert store.load("actions")["status"].tolist() == ["done"]


def test_done_from_two_tabs_at_once_logs_one_event(store: Store) -> None:
    now = dt.datetime(2026, 11, 20, 10, 30)
    _, version = store.load_with_version("actions")
    outcomes: list[str] = []

    def press() -> None:
        try:
            mark_done(Store(store.data_dir), "A1:thank-you:E1", _event(), now, version)
            outcomes.append("done")
        except StaleDataError:
            outcomes.append("refused")

    threads = [threading.Thread(target=press) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done"] + ["refused"] * 4
    assert len(Store(store.data_dir).load("events")) == 1


def test_done_is_one_unit_of_the_action_and_its_event(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: actions.csv was written with a version check and the event logged after it with
    none, so a failure in between left the action done and nothing logged."""
    now = dt.datetime(2026, 11, 20, 10, 30)
    real = os.replace

    def events_fail(src, dst, *args, **kwargs):
        if str(dst).endswith("events.csv"):
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", events_fail)
    with pytest.raises(StorageWriteError):
        mark_done(store, "A1:thank-you:E1", _event(), now)
    monkeypatch.undo()
    assert store.load("actions").empty and store.load("events").empty
    assert mark_done(store, "A1:thank-you:E1", _event(), now)  # and it can be done again
