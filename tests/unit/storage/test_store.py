"""The store's guarantees: no lost updates, stale tabs refused, crash-safe saves, bounded
backups, broken files set aside, validation on every write and the schema version."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import random
import signal
import stat
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from nextround import demo
from nextround.storage.errors import (
    DataFileError,
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


@pytest.mark.slow
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


# --- stale views: only real conflicts ------------------------------------------------------------


def test_a_stale_save_of_other_rows_goes_through_and_of_the_same_row_is_refused(
    store: Store, tmp_path: Path, app_row, add_rows
) -> None:
    """Before: any change to the file refused every save from an older view, so another tab's
    edit of a different application refused yours."""
    add_rows(store, [app_row(1), app_row(2)])
    _, seen = store.load_with_version("applications")
    other = Store(tmp_path / "data")  # another tab or process

    def note(app_id: str, text: str):
        return lambda f: f.assign(notes=f["notes"].where(f["id"] != app_id, text))

    other.update("applications", note("A00002", "tab two"))
    store.update("applications", note("A00001", "tab one"), expected_version=seen)
    with pytest.raises(StaleDataError):
        store.update("applications", note("A00002", "tab one"), expected_version=seen)
    assert store.load("applications")["notes"].tolist() == ["tab one", "tab two"]


def test_a_version_nobody_can_read_back_is_refused(store: Store, app_row, add_rows) -> None:
    """A file changed by another program leaves no backup of the version the view read: with
    nothing to compare, the save is refused rather than guessed through."""
    add_rows(store, [app_row(1), app_row(2)])
    _, seen = store.load_with_version("applications")
    path = store.path("applications")
    path.write_text(path.read_text().replace("Company 2", "Company Two"))
    with pytest.raises(StaleDataError):
        store.update("applications", lambda f: f.assign(notes="x"), expected_version=seen)


# --- links, unreadable files and folders ---------------------------------------------------------


def _device(folder: Path) -> Path:
    """A character device like /dev/null of the test's own (as root; /dev/null itself, which
    only root could replace, otherwise), so a write through it harms nothing else."""
    if os.geteuid() == 0:
        node = folder / "null-device"
        if not node.exists():
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return node
    return Path("/dev/null")


def _link_cases(tmp_path: Path, folder: Path) -> dict[str, Callable[[Path], None]]:
    """Ways a table's name can point somewhere that is not a regular file of the data folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    outside = elsewhere / "applications.csv"
    outside.write_text("id,company,role,stage\nA00001,Outside,Analyst,applied\n")
    return {
        "a link elsewhere": lambda path: path.symlink_to(outside),
        "a dangling link": lambda path: path.symlink_to(elsewhere / "gone.csv"),
        "a link loop": lambda path: (path.symlink_to(folder / "loop.csv"),
                                     (folder / "loop.csv").symlink_to(path)),
        "a device": lambda path: path.symlink_to(_device(elsewhere)),
        "a folder": lambda path: path.mkdir(),
        "a pipe": lambda path: os.mkfifo(path),
    }


@pytest.mark.parametrize("case", ["a link elsewhere", "a dangling link", "a link loop",
                                  "a device", "a folder", "a pipe"])
def test_a_table_that_is_not_a_regular_file_here_is_broken_and_never_written_through(
    tmp_path: Path, app_row, add_rows, case: str
) -> None:
    """Before: a link was written through to any target (a link to a device node replaced the
    node with a regular file; a dangling link created a file wherever it pointed), a loop
    crashed with "RuntimeError: Symlink loop", and a pipe would block a read for ever."""
    folder = tmp_path / "data"
    folder.mkdir()
    store = Store(folder)
    path = store.path("applications")
    _link_cases(tmp_path, folder)[case](path)
    outside = {p: p.read_bytes() for p in (tmp_path / "elsewhere").iterdir()}
    with pytest.raises(DataFileError) as error:
        store.load("applications")
    assert store.check("applications") is not None
    assert error.value.problems[0].message.startswith("is ")
    with pytest.raises(DataFileError):
        add_rows(store, [app_row(2)])
    assert {p: p.read_bytes() for p in (tmp_path / "elsewhere").iterdir()} == outside
    assert not (tmp_path / "elsewhere" / "gone.csv").exists()
    if case == "a device":
        assert _device(tmp_path / "elsewhere").is_char_device()  # not replaced by a file
    assert store.version("applications")  # a version, never a crash
    # The broken panel's ways out work, without writing through: a backup put back over it...
    store.quarantine("applications")
    assert not path.exists() and not path.is_symlink()
    assert {p: p.read_bytes() for p in (tmp_path / "elsewhere").iterdir()} == outside


def test_a_link_to_a_file_in_the_data_folder_is_written_through_and_stays_a_link(
    tmp_path: Path, app_row, add_rows
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    store = Store(folder)
    add_rows(store, [app_row(1)])
    target = folder / "my-applications.csv"
    os.replace(store.path("applications"), target)
    store.path("applications").symlink_to(target.name)
    add_rows(store, [app_row(2)])
    assert store.path("applications").is_symlink()
    assert len(Store(folder).load("applications")) == 2
    assert "A00002" in target.read_text()
    assert not list(folder.glob(".*.tmp"))


def test_a_backup_restored_over_a_link_elsewhere_replaces_the_link_not_its_target(
    tmp_path: Path, app_row, add_rows
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    store = Store(folder)
    add_rows(store, [app_row(1)])
    add_rows(store, [app_row(2)])
    path = store.path("applications")
    os.replace(path, tmp_path / "moved.csv")
    _link_cases(tmp_path, folder)["a link elsewhere"](path)
    outside = (tmp_path / "elsewhere" / "applications.csv").read_bytes()
    store.restore(store.latest_readable_backup("applications")[0])
    assert not path.is_symlink() and store.load("applications")["id"].tolist() == ["A00001"]
    assert (tmp_path / "elsewhere" / "applications.csv").read_bytes() == outside
    assert [p.is_symlink() for p in store.quarantined("applications")] == [True]


def test_restore_over_an_unreadable_file_keeps_it_in_quarantine(
    store: Store, app_row, add_rows
) -> None:
    """Before: restore answered "cannot be read ... will not overwrite it", exactly when a
    backup was needed."""
    add_rows(store, [app_row(1), app_row(2)])
    add_rows(store, [app_row(3)])
    path = store.path("applications")
    path.write_bytes(path.read_bytes()[:-30])  # cut off mid-row by another program
    broken = path.read_bytes()
    latest, rows = store.latest_readable_backup("applications")
    assert rows == 2
    store.restore(latest)
    assert store.load("applications")["id"].tolist() == ["A00001", "A00002"]
    (kept,) = store.quarantined("applications")
    assert kept.read_bytes() == broken


def test_an_unreadable_table_is_explained_not_a_crash(
    store: Store, deny_reading, app_row, add_rows
) -> None:
    add_rows(store, [app_row(1)])
    deny_reading("applications.csv")
    fresh = Store(store.data_dir)
    error = fresh.check("applications")
    assert error is not None and "permission denied" in str(error)
    assert "chmod" not in str(error) and str(store.path("applications")) in str(error)
    fresh.quarantine("applications")  # the way out still works
    assert fresh.load("applications").empty


def test_a_data_folder_that_is_a_file_is_named_as_the_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.write_text("not a folder")
    store = Store(folder).open()
    assert store.problem is not None and "is a file, not a folder" in store.problem
    assert store.load("applications").empty  # reading does not crash either


def test_a_read_only_folder_opens_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: a read-only folder without nextround.json crashed every page (the schema stamp
    could not be written)."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "applications.csv").write_text("id,company,role,stage\nA1,Acme,Analyst,wishlist\n")

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("nextround.storage.store.atomic_write_bytes", read_only)
    monkeypatch.setattr("nextround.storage.store.os.access",
                        lambda path, mode: not mode & os.W_OK)
    store = Store(folder).open()
    assert store.problem is None
    assert any("read-only" in w for w in store.folder_warnings())
    assert len(store.load("applications")) == 1
