"""A change across tables is one unit: every table or none, after a refusal, a failed write or
a crash midway, and it is listed as one labelled change."""

from __future__ import annotations

import errno
import multiprocessing
import os
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from nextround.storage.errors import (
    DataFileError,
    StorageWriteError,
    UnfinishedChangeError,
    ValidationError,
)
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store


def _add_app_and_event(i: int):
    def apps(frame: pd.DataFrame) -> pd.DataFrame:
        row = {"id": f"A{i}", "company": f"Co {i}", "role": "Analyst", "stage": "applied",
               "date_applied": date(2026, 3, 1)}
        return pd.concat([frame, typed_frame("applications", [row])], ignore_index=True)

    def events(frame: pd.DataFrame) -> pd.DataFrame:
        row = {"id": f"E{i}", "application_id": f"A{i}", "date": date(2026, 3, 1),
               "kind": "applied"}
        return pd.concat([frame, typed_frame("events", [row])], ignore_index=True)

    return [("applications", apps), ("events", events)]


def _files(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.data_dir.glob("*.csv")}


def test_a_broken_table_stops_the_whole_change(store: Store) -> None:
    """Before: with events.csv broken, each import wrote the applications anyway."""
    store.apply("first", _add_app_and_event(1))
    store.path("events").write_text("id,application_id,date,kind\nE1,A1,soon,applied\n")
    before = _files(store)
    for _ in range(3):
        with pytest.raises(DataFileError):
            store.apply("second", _add_app_and_event(2))
    assert _files(store) == before
    assert [u.label for u in store.units()] == ["first"]


def test_an_invalid_row_in_any_table_stops_the_whole_change(store: Store) -> None:
    steps = _add_app_and_event(1)
    steps[1] = ("events", lambda f: typed_frame("events", [{"id": "E1", "kind": "sleeping"}]))
    with pytest.raises(ValidationError):
        store.apply("bad", steps)
    assert not store.path("applications").exists()


def _failing_replace(monkeypatch: pytest.MonkeyPatch, fails: Callable[[str, str], bool]) -> None:
    """os.replace that fails (as a disk error would) for the renames ``fails`` picks."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if fails(str(src), str(dst)):
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_a_failed_second_write_puts_the_first_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.apply("first", _add_app_and_event(1))
    before = _files(store)
    backups_before = {b.path.name for b in store.backups()}
    _failing_replace(monkeypatch, lambda src, dst: dst.endswith("events.csv")
                     and ".tmp" in src)
    with pytest.raises(StorageWriteError, match="as it was before"):
        store.apply("second", _add_app_and_event(2))
    monkeypatch.undo()
    assert _files(store) == before
    assert Store(store.data_dir).load("applications")["id"].tolist() == ["A1"]
    assert {b.path.name for b in store.backups()} == backups_before
    assert [u.label for u in store.units()] == ["first"]
    assert not list(store.data_dir.glob(".*.tmp"))


def test_a_put_back_that_fails_is_kept_and_finished_at_the_next_start(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the failed put-back was ignored and the unit forgotten with its backups, the only
    copy of the version the change had replaced."""
    store.apply("first", _add_app_and_event(1))
    before = _files(store)
    # The events rename fails, and so does putting the applications back.
    _failing_replace(monkeypatch, lambda src, dst: dst.endswith("events.csv") or (
        dst.endswith("applications.csv") and "backups" in src))
    with pytest.raises(UnfinishedChangeError, match=r"Nothing is lost.*next starts"):
        store.apply("import of late.csv (1 rows)", _add_app_and_event(2))
    monkeypatch.undo()
    assert _files(store) != before  # the applications are still the new version...
    pending = [u for u in store.units() if u.state == "pending"]
    assert [u.label for u in pending] == ["import of late.csv (1 rows)"]
    kept = {p.read_bytes() for p in store.backup_dir.rglob("*.csv")}
    assert before["applications.csv"] in kept  # ...and the old one is on disk
    fresh = Store(store.data_dir)  # the next start
    assert _files(fresh) == before
    assert any("Rolled back" in w and "late.csv" in w for w in fresh.warnings)
    assert [u.label for u in fresh.units()] == ["first"]


def test_a_unit_fully_written_but_not_marked_done_counts_as_done(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record is complete before the first table is replaced: marking it done afterwards is
    a courtesy a full disk may refuse, and nothing is undone for it."""
    from nextround.storage import backups

    real = backups.Shelf.save

    def save(self, unit):
        if unit.state == "done":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, unit)

    monkeypatch.setattr(backups.Shelf, "save", save)
    unit = store.apply("import of full.csv (1 rows)", _add_app_and_event(1), kind="import")
    monkeypatch.undo()
    assert store.shelf.unit(unit.id).state == "pending"  # on disk
    assert [u.state for u in store.units()] == ["done"]  # as it stands
    fresh = Store(store.data_dir)
    assert fresh.load("events")["id"].tolist() == ["E1"]
    assert fresh.shelf.unit(unit.id).state == "done"
    assert not fresh.warnings


def _crash_between_the_two_renames(folder: str) -> None:
    real = os.replace

    def die_on_events(src, dst, *args, **kwargs):
        if str(dst).endswith("events.csv"):
            os._exit(9)  # as abrupt as a kill -9 after applications.csv was replaced
        return real(src, dst, *args, **kwargs)

    os.replace = die_on_events  # type: ignore[assignment]
    Store(folder).apply("import of crash.csv (1 rows)", _add_app_and_event(2))


def test_a_crash_midway_is_rolled_back_on_the_next_start(store: Store) -> None:
    store.apply("first", _add_app_and_event(1))
    before = _files(store)
    process = multiprocessing.get_context("fork").Process(
        target=_crash_between_the_two_renames, args=(str(store.data_dir),))
    process.start()
    process.join(60)
    assert process.exitcode == 9
    assert Store(store.data_dir, clean_temp=False).load("applications")["id"].tolist() == [
        "A1", "A2"]  # half done: applications written, events not
    fresh = Store(store.data_dir)  # the next start
    assert _files(fresh) == before
    assert any("Rolled back" in w and "crash.csv" in w for w in fresh.warnings)
    assert [u.label for u in fresh.units()] == ["first"]
    assert not list(fresh.data_dir.glob(".*.tmp"))


def test_a_change_is_listed_once_with_its_label_and_what_it_added(store: Store) -> None:
    store.apply("first", _add_app_and_event(1))
    unit = store.apply("import of jobs.csv (1 rows)", _add_app_and_event(2), kind="import")
    assert unit.state == "done" and unit.added == {"applications": ["A2"], "events": ["E2"]}
    labels = {b.table: b.label for b in store.backups()}
    assert labels == {"applications": "before import of jobs.csv (1 rows)",
                      "events": "before import of jobs.csv (1 rows)"}
    assert [u.id for u in store.units(["import"])] == [unit.id]


def test_everyday_changes_never_push_an_import_out(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logging an event is a unit too now: a busy week of them must not prune the record that
    recognises an import and undoes it."""
    from nextround.storage import backups

    monkeypatch.setattr(backups, "UNITS_KEPT", 3)
    monkeypatch.setattr(backups, "EVERYDAY_KINDS", {"event": 2})
    unit = store.apply("import of jobs.csv (1 rows)", _add_app_and_event(1), kind="import")
    for i in range(2, 8):
        store.apply("logging an event", _add_app_and_event(i)[1:], kind="event")
    kinds = [u.kind for u in store.units()]
    assert kinds.count("event") == 2 and [u.id for u in store.units(["import"])] == [unit.id]
