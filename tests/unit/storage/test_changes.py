"""A change across tables is one unit: every table or none, after a refusal, a failed write or
a crash midway, and it is listed as one labelled change."""

from __future__ import annotations

import errno
import multiprocessing
import os
from datetime import date

import pandas as pd
import pytest

from nextround.storage.errors import DataFileError, StorageWriteError, ValidationError
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


def test_a_failed_second_write_puts_the_first_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.apply("first", _add_app_and_event(1))
    before = _files(store)
    backups_before = {b.path.name for b in store.backups()}
    real = Store._write

    def events_disk_full(self, spec, frame, unit=None):
        if spec.name == "events":
            raise StorageWriteError("events", self.path("events"),
                                    OSError(errno.ENOSPC, "No space left on device"))
        return real(self, spec, frame, unit)

    monkeypatch.setattr(Store, "_write", events_disk_full)
    with pytest.raises(StorageWriteError):
        store.apply("second", _add_app_and_event(2))
    monkeypatch.undo()
    assert _files(store) == before
    assert Store(store.data_dir).load("applications")["id"].tolist() == ["A1"]
    assert {b.path.name for b in store.backups()} == backups_before
    assert [u.label for u in store.units()] == ["first"]


def _crash_between_the_two_writes(folder: str) -> None:
    real = Store._write

    def die_on_events(self, spec, frame, unit=None):
        if spec.name == "events":
            os._exit(9)  # as abrupt as a kill -9 after applications.csv was replaced
        return real(self, spec, frame, unit)

    Store._write = die_on_events  # type: ignore[method-assign]
    Store(folder).apply("import of crash.csv (1 rows)", _add_app_and_event(2))


def test_a_crash_midway_is_rolled_back_on_the_next_start(store: Store) -> None:
    store.apply("first", _add_app_and_event(1))
    before = _files(store)
    process = multiprocessing.get_context("fork").Process(
        target=_crash_between_the_two_writes, args=(str(store.data_dir),))
    process.start()
    process.join(60)
    assert process.exitcode == 9
    assert Store(store.data_dir, clean_temp=False).load("applications")["id"].tolist() == [
        "A1", "A2"]  # half done: applications written, events not
    fresh = Store(store.data_dir)  # the next start
    assert _files(fresh) == before
    assert any("Rolled back" in w and "crash.csv" in w for w in fresh.warnings)
    assert [u.label for u in fresh.units()] == ["first"]


def test_a_change_is_listed_once_with_its_label_and_what_it_added(store: Store) -> None:
    store.apply("first", _add_app_and_event(1))
    unit = store.apply("import of jobs.csv (1 rows)", _add_app_and_event(2), kind="import")
    assert unit.state == "done" and unit.added == {"applications": ["A2"], "events": ["E2"]}
    labels = {b.table: b.label for b in store.backups()}
    assert labels == {"applications": "before import of jobs.csv (1 rows)",
                      "events": "before import of jobs.csv (1 rows)"}
    assert [u.id for u in store.units(["import"])] == [unit.id]
