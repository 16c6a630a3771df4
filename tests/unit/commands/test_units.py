"""The commands that became one unit of the store: every table they touch or none, one entry
in the record of changes, and a stale tab refused before anything is written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from nextround.commands import applications
from nextround.commands.data import open_folder, quarantine_table, restore_backup
from nextround.commands.sample import leave_sample, start_sample, viewing_sample, write_sample
from nextround.storage.errors import DataFileError, StaleDataError
from nextround.storage.paths import sample_dir
from nextround.storage.store import Store

NOW = datetime(2026, 11, 20, 10, 30)


def add(store: Store, **extra) -> str:
    record = {"company": "Acme", "role": "Analyst", "stage": "applied",
              "date_applied": date(2026, 11, 1)} | extra
    return applications.add_application(store, record, NOW)


def _break(store: Store, table: str) -> bytes:
    """Make a table's file unreadable (a header the app does not know); returns its bytes."""
    store.data_dir.mkdir(parents=True, exist_ok=True)
    raw = b"not,our,columns\r\n1,2,3\r\n"
    store.path(table).write_bytes(raw)
    return raw


# --- adding an application ---------------------------------------------------------------------


def test_adding_writes_the_application_and_its_applied_event_as_one_entry(store: Store) -> None:
    app_id = add(store)
    events = store.load("events")
    assert events[["application_id", "kind"]].values.tolist() == [[app_id, "applied"]]
    [unit] = store.units(["application"])
    assert set(unit.written) == {"applications", "events"}
    assert unit.added == {"applications": [app_id], "events": events["id"].tolist()}


def test_adding_writes_neither_when_the_events_cannot_be_written(store: Store) -> None:
    raw = _break(store, "events")
    with pytest.raises(DataFileError):
        add(store)
    assert store.load("applications").empty  # no application without its event
    assert store.path("events").read_bytes() == raw


def test_a_wishlist_entry_writes_the_applications_alone(store: Store) -> None:
    add(store, stage="wishlist", date_applied=None)
    assert not store.path("events").exists()


# --- deleting an application -------------------------------------------------------------------


def test_deleting_removes_the_application_and_its_events_as_one_entry(store: Store) -> None:
    keep, drop = add(store), add(store, company="Beta")
    apps, events = (store.load_with_version(t)[1] for t in ("applications", "events"))
    applications.delete_application(store, drop, keep_events=False, expected_version=apps,
                                    expected_events=events)
    assert store.load("applications")["id"].tolist() == [keep]
    assert store.load("events")["application_id"].tolist() == [keep]
    newest = store.units(["application"])[0]
    assert newest.label == "deleting an application"
    assert set(newest.written) == {"applications", "events"}


def test_deleting_is_refused_when_another_tab_logged_an_event_for_it(store: Store) -> None:
    app_id = add(store)
    apps, events = (store.load_with_version(t)[1] for t in ("applications", "events"))
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 9),
                                   "kind": "interview", "round": 1}, NOW)  # another tab
    before = store.load("events")
    with pytest.raises(StaleDataError):
        applications.delete_application(store, app_id, keep_events=False,
                                        expected_version=apps, expected_events=events)
    assert store.load("applications")["id"].tolist() == [app_id]  # nothing was deleted
    assert store.load("events").equals(before)


def test_deleting_is_refused_when_another_tab_edited_it(store: Store) -> None:
    app_id = add(store)
    _, apps = store.load_with_version("applications")
    applications.update_application(store, app_id, {"notes": "another tab"}, NOW)
    with pytest.raises(StaleDataError):
        applications.delete_application(store, app_id, keep_events=False,
                                        expected_version=apps)
    assert len(store.load("events")) == 1


def test_deleting_leaves_both_when_the_events_cannot_be_read(store: Store) -> None:
    app_id = add(store)
    raw = _break(store, "events")
    with pytest.raises(DataFileError):
        applications.delete_application(store, app_id, keep_events=False)
    assert store.load("applications")["id"].tolist() == [app_id]
    assert store.path("events").read_bytes() == raw


# --- logging an event ---------------------------------------------------------------------------


def test_logging_from_a_stale_form_is_refused_when_the_application_changed(store: Store) -> None:
    app_id = add(store)
    _, apps = store.load_with_version("applications")
    applications.update_application(store, app_id, {"stage": "interviewing"},
                                    NOW)  # another tab moved it on since the form was drawn
    with pytest.raises(StaleDataError):
        applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 9),
                                       "kind": "offer"}, NOW, expected_version=apps)
    assert store.load("events")["kind"].tolist() == ["applied"]  # no event without its stage


def test_logging_from_a_fresh_form_moves_the_stage_in_the_same_entry(store: Store) -> None:
    app_id = add(store)
    _, apps = store.load_with_version("applications")
    applications.log_event(store, {"application_id": app_id, "date": date(2026, 11, 9),
                                   "kind": "offer"}, NOW, expected_version=apps)
    assert store.load("applications").loc[0, "stage"] == "offer"
    assert set(store.units(["event"])[0].written) == {"applications", "events"}


# --- sample data, restore, quarantine ----------------------------------------------------------


def test_the_sample_is_written_as_one_entry(tmp_path: Path) -> None:
    store = write_sample(tmp_path / "sample", date(2026, 11, 20))
    [unit] = store.units(["sample"])
    assert set(unit.written) == {"applications", "events"}
    assert not store.load("applications").empty


def test_starting_and_leaving_the_sample(store: Store) -> None:
    store.data_dir.mkdir(parents=True)
    folder = start_sample(store, date(2026, 11, 20))
    assert folder == sample_dir(store.data_dir) and viewing_sample(store)
    assert not store.path("applications").exists()  # the person's own tables stay untouched
    leave_sample(store, delete=True)
    assert not viewing_sample(store) and not folder.exists()


def test_restore_and_quarantine_are_commands_too(store: Store) -> None:
    app_id = add(store)
    add(store, company="Beta")
    backup = store.backups("applications")[0]  # taken before Beta was added
    restore_backup(store, backup)
    assert store.load("applications")["id"].tolist() == [app_id]
    _break(store, "applications")
    name = quarantine_table(store, "applications")
    assert name.startswith("applications-") and store.load("applications").empty


def test_opening_a_folder_finishes_what_a_crash_left(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    stray = folder / ".applications.csv.1234.tmp"
    stray.write_bytes(b"half a file")
    store = open_folder(folder)
    assert store.problem is None and not stray.exists()
