"""The store's guarantees: no lost updates, stale tabs refused, crash-safe saves, bounded
backups, broken files set aside, validation on every write and the schema version."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import threading
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from nextround import demo
from nextround.storage.errors import (
    NextRoundError,
    StaleDataError,
    StorageWriteError,
    ValidationError,
)
from nextround.storage.frames import typed_frame
from nextround.storage.schema import SCHEMA_VERSION
from nextround.storage.store import Backup, Store

BAD_DATE = (
    "id,company,role,stage,date_applied\n"
    "A1,Acme,Analyst,applied,2026-01-02\n"
    "A2,Beta,Dev,applied,31/02/2026\n"
)


def test_absent_table_is_empty_and_typed(store: Store) -> None:
    frame, version = store.load_with_version("events")
    assert frame.empty and "kind" in frame.columns
    assert version == "absent"


def test_quarantine_moves_the_broken_file_aside(tmp_path: Path, app_row, add_rows) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "applications.csv").write_text(BAD_DATE)
    store = Store(folder)
    assert store.check("applications") is not None
    assert set(store.broken_tables()) == {"applications"}
    kept = store.quarantine("applications")
    assert kept.read_text() == BAD_DATE
    assert store.load("applications").empty
    add_rows(store, [app_row(1)])
    assert len(store.load("applications")) == 1


# --- validation on write ------------------------------------------------------------------------


def test_invalid_rows_are_refused_and_nothing_is_written(store: Store, app_row, add_rows) -> None:
    add_rows(store, [app_row(1)])
    before = store.path("applications").read_bytes()
    with pytest.raises(ValidationError) as caught:
        add_rows(store, [app_row(2, stage="sleeping")])
    assert caught.value.problems[0].column == "stage"
    with pytest.raises(ValidationError):
        add_rows(store, [app_row(1)])  # duplicate id
    with pytest.raises(ValidationError):
        add_rows(store, [app_row(3, company="  ")])
    assert store.path("applications").read_bytes() == before


# --- stale tabs and concurrency -----------------------------------------------------------------


def test_stale_version_is_refused(store: Store, tmp_path: Path, app_row, add_rows) -> None:
    add_rows(store, [app_row(1)])
    _, seen_by_tab_one = store.load_with_version("applications")
    other = Store(tmp_path / "data")  # another tab or process
    other.update("applications", lambda df: df.assign(notes="from tab two"))
    with pytest.raises(StaleDataError) as caught:
        store.update("applications", lambda df: df.assign(notes="from tab one"),
                     expected_version=seen_by_tab_one)
    assert "Reload" in str(caught.value)
    assert store.load("applications").loc[0, "notes"] == "from tab two"
    _, fresh = store.load_with_version("applications")
    store.update("applications", lambda df: df.assign(notes="after reload"),
                 expected_version=fresh)
    assert store.load("applications").loc[0, "notes"] == "after reload"


def _increment(store: Store) -> None:
    def bump(df: pd.DataFrame) -> pd.DataFrame:
        if df.empty:
            return typed_frame("settings", [{"id": "counter", "value": "1"}])
        df.loc[df["id"] == "counter", "value"] = str(int(df.loc[0, "value"]) + 1)
        return df

    store.update("settings", bump)


def _hammer(folder: str, times: int) -> None:
    store = Store(folder)
    for _ in range(times):
        _increment(store)


def test_threads_and_processes_lose_no_increments(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shared = Store(folder)  # one store shared by threads, as Streamlit sessions share it
    threads = [threading.Thread(target=lambda: [_increment(shared) for _ in range(15)])
               for _ in range(4)]
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_hammer, args=(str(folder), 15)) for _ in range(2)]
    for worker in [*threads, *procs]:
        worker.start()
    for worker in [*threads, *procs]:
        worker.join(120)
    assert all(p.exitcode == 0 for p in procs)
    assert Store(folder).load("settings").loc[0, "value"] == str(4 * 15 + 2 * 15)


# --- crashes ------------------------------------------------------------------------------------


def _writer_forever(folder: str, frames: list[pd.DataFrame], table: str) -> None:
    store = Store(folder)
    i = 0
    while True:
        store.replace(table, frames[i % 2])
        i += 1


@pytest.mark.parametrize("table,trials", [("events", 60), ("applications", 20)])
def test_sigkill_during_saves_leaves_old_or_new_complete_file(
    tmp_path: Path, table: str, trials: int
) -> None:
    apps_a, events_a = demo.build(date(2026, 6, 1), applications=3000, seed=1)
    apps_b, events_b = demo.build(date(2026, 6, 1), applications=2500, seed=2)
    frames = [events_a, events_b] if table == "events" else [apps_a, apps_b]
    folder = tmp_path / "data"
    Store(folder).replace(table, frames[0])
    expected = {len(f): f for f in frames}
    rng = random.Random(42)
    ctx = multiprocessing.get_context("fork")
    outcomes = {"old or new": 0}
    for _ in range(trials):
        proc = ctx.Process(target=_writer_forever, args=(str(folder), frames, table))
        proc.start()
        time.sleep(rng.uniform(0.02, 0.4))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        loaded = Store(folder).load(table)  # a fresh start also cleans stray temp files
        assert len(loaded) in expected
        pd.testing.assert_frame_equal(loaded, expected[len(loaded)], check_dtype=False)
        outcomes["old or new"] += 1
        assert not list(folder.glob(f".{table}.csv.*.tmp"))
    assert outcomes["old or new"] == trials


def test_stray_temp_files_are_cleaned_at_start(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    stray = folder / ".events.csv.abc123.tmp"
    stray.write_text("half a file")
    Store(folder)
    assert not stray.exists()


# --- backups ------------------------------------------------------------------------------------


def test_backups_are_bounded_and_restorable(tmp_path: Path, app_row, add_rows) -> None:
    store = Store(tmp_path / "data", backups_kept=5)
    for i in range(1, 9):
        add_rows(store, [app_row(i)])
    backups = store.backups("applications")
    assert len(backups) == 5
    newest = backups[0]
    assert len(Store(tmp_path / "data").load("applications")) == 8
    store.restore(newest)
    assert len(store.load("applications")) == 7
    # The restore itself kept the 8-row version, so it can be undone.
    undo = store.backups("applications")[0]
    store.restore(undo)
    assert len(store.load("applications")) == 8


def test_restore_refuses_paths_outside_the_backups(
    store: Store, tmp_path: Path, app_row, add_rows
) -> None:
    add_rows(store, [app_row(1)])
    outside = tmp_path / "evil.csv"
    outside.write_text("id,company,role,stage\n")
    with pytest.raises(NextRoundError):
        store.restore(Backup("applications", outside, pd.Timestamp.now().to_pydatetime(), 1))


# --- write failures -----------------------------------------------------------------------------


def test_failed_write_keeps_the_old_file(
    store: Store, monkeypatch: pytest.MonkeyPatch, app_row, add_rows
) -> None:
    import errno

    add_rows(store, [app_row(1)])
    before = store.path("applications").read_bytes()

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("nextround.storage.store.os.replace", disk_full)
    with pytest.raises(StorageWriteError) as caught:
        add_rows(store, [app_row(2)])
    assert "disk is full" in str(caught.value)
    monkeypatch.undo()
    assert store.path("applications").read_bytes() == before
    assert not list(store.data_dir.glob(".*.tmp"))


# --- schema version -----------------------------------------------------------------------------


def test_migration_stamps_version_and_backfills_timestamps(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "applications.csv").write_text("id,company,role,stage\nA1,Acme,Analyst,wishlist\n")
    store = Store(folder)
    done = store.migrate()
    assert done and "applications" in done[0]
    assert json.loads((folder / "nextround.json").read_text())["schema_version"] == SCHEMA_VERSION
    assert store.load("applications")["created_at"].notna().all()
    assert store.migrate() == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "nextround.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(NextRoundError, match="newer"):
        Store(folder).migrate()
