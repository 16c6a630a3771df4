"""The storage guarantees: crash-safe, no lost updates, backups, typed round trip, bad files
reported with row and column, validation on every write."""

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
    DataFileError,
    StaleDataError,
    StorageWriteError,
    ValidationError,
)
from nextround.storage.frames import typed_frame
from nextround.storage.schema import SCHEMA_VERSION
from nextround.storage.store import Store

HEADER = (
    "id,company,role,posting_url,source,location,date_applied,stage,outcome,contact_name,"
    "contact_email,priority,notes,created_at,updated_at\n"
)
TRICKY = [
    "007",
    "NA",
    "null",
    "line one\nline two\n\nline four",
    'a "quoted", comma, value',
    "emoji 🎉 and RTL עברית",
    "=HYPERLINK(\"http://evil\")",
    "  leading and trailing spaces  ",
    "<script>alert(1)</script>",
]


def app_row(i: int, **extra) -> dict:
    row = {"id": f"A{i:05d}", "company": f"Company {i}", "role": "Analyst", "stage": "applied",
           "date_applied": date(2026, 3, 1)}
    row.update(extra)
    return row


def add_rows(store: Store, rows: list[dict]) -> pd.DataFrame:
    return store.update(
        "applications", lambda df: pd.concat([df, typed_frame("applications", rows)],
                                             ignore_index=True)
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


# --- typed round trip ---------------------------------------------------------------------------


def test_tricky_text_round_trips_exactly(store: Store, tmp_path: Path) -> None:
    add_rows(store, [app_row(i + 1, notes=text, company=text) for i, text in enumerate(TRICKY)])
    fresh = Store(tmp_path / "data").load("applications")
    assert fresh["notes"].tolist() == TRICKY
    assert fresh["company"].tolist() == TRICKY
    assert fresh["id"].tolist()[0] == "A00001"


def test_ids_like_007_and_na_stay_text(store: Store, tmp_path: Path) -> None:
    add_rows(store, [app_row(1, id="007"), app_row(2, id="NA"), app_row(3, id="null")])
    loaded = Store(tmp_path / "data").load("applications")
    assert loaded["id"].tolist() == ["007", "NA", "null"]
    assert loaded["id"].dtype == "str"


def test_dtypes_after_load(store: Store, tmp_path: Path) -> None:
    add_rows(store, [app_row(1)])
    store.update("events", lambda df: typed_frame("events", [
        {"id": "E1", "application_id": "A00001", "date": "2026-03-04", "kind": "interview",
         "round": 2, "decision_date": "2026-03-10"}]))
    events = Store(tmp_path / "data").load("events")
    assert str(events["date"].dtype).startswith("datetime64")
    assert str(events["round"].dtype) == "Int64"
    assert events.loc[0, "round"] == 2
    assert events.loc[0, "date"] == pd.Timestamp(2026, 3, 4)
    text = (tmp_path / "data" / "events.csv").read_text()
    assert "2026-03-04" in text and ",2," in text and "2.0" not in text


def test_missing_columns_added_and_extra_columns_kept(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "applications.csv").write_text(
        "id,company,role,stage,my own column\nA1,Acme,Analyst,wishlist,keep me\n"
    )
    store = Store(folder)
    loaded = store.load("applications")
    assert str(loaded["date_applied"].dtype).startswith("datetime64")
    assert loaded["date_applied"].isna().all()
    assert loaded.loc[0, "my own column"] == "keep me"
    store.update("applications", lambda df: df.assign(notes="edited"))
    text = (folder / "applications.csv").read_text()
    assert "my own column" in text.splitlines()[0] and "keep me" in text


@pytest.mark.parametrize(
    "encoding,prefix",
    [("utf-8-sig", b""), ("cp1252", b""), ("utf-16", b"")],
    ids=["excel-bom", "excel-cp1252", "utf-16"],
)
def test_files_saved_by_excel_load(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    text = "id,company,role,stage\r\nA1,Café Zoë,Développeur,Applied\r\n"
    (folder / "applications.csv").write_bytes(prefix + text.encode(encoding))
    loaded = Store(folder).load("applications")
    assert loaded.loc[0, "company"] == "Café Zoë"
    assert loaded.loc[0, "stage"] == "applied"  # capitalised by a spreadsheet, accepted


def test_absent_table_is_empty_and_typed(store: Store) -> None:
    frame, version = store.load_with_version("events")
    assert frame.empty and "kind" in frame.columns
    assert version == "absent"


# --- bad files ----------------------------------------------------------------------------------


BROKEN = {
    "ragged row": (HEADER + "A1,Acme,Analyst,,,,2026-01-02,applied,,,,,,,\n"
                   "A2,Beta,Dev,,,,2026-01-02,applied,,,,,,,,extra,values\n", 3, None),
    "bad date": (HEADER + "A1,Acme,Analyst,,,,2026-01-02,applied,,,,,,,\n"
                 "A2,Beta,Dev,,,,31/02/2026,applied,,,,,,,\n", 3, "date_applied"),
    "unknown stage": (HEADER + "A1,Acme,Analyst,,,,2026-01-02,sleeping,,,,,,,\n", 2, "stage"),
    "duplicate id": (HEADER + "A1,Acme,Analyst,,,,2026-01-02,applied,,,,,,,\n"
                     "A1,Beta,Dev,,,,2026-01-02,applied,,,,,,,\n", 3, "id"),
    "missing required": (HEADER + "A1,,Analyst,,,,2026-01-02,applied,,,,,,,\n", 2, "company"),
    "unclosed quote": (HEADER + 'A1,"Acme,Analyst,,,,2026-01-02,applied,,,,,,,\n', None, None),
    "cut off": (HEADER + "A1,Acme,Analyst,,,,2026-01-02,applied,,,,,,,\nA2,Bet", 3, None),
    "no id column": ("company,role\nAcme,Analyst\n", 1, "id"),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_file_names_row_and_column_and_is_left_alone(tmp_path: Path, case: str) -> None:
    text, row, column = BROKEN[case]
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "applications.csv"
    path.write_text(text)
    before = path.read_bytes()
    store = Store(folder)
    with pytest.raises(DataFileError) as caught:
        store.load("applications")
    error = caught.value
    assert "applications.csv" in str(error)
    if row is not None:
        assert error.first.row == row
    if column is not None:
        assert error.first.column == column
    # A save must not overwrite a file the user has to fix.
    with pytest.raises(DataFileError):
        add_rows(store, [app_row(9)])
    assert path.read_bytes() == before


def test_binary_file_is_reported_not_crashed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "events.csv").write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataFileError) as caught:
        Store(folder).load("events")
    assert caught.value.first.row is not None


def test_quarantine_moves_the_broken_file_aside(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "applications.csv").write_text(BROKEN["bad date"][0])
    store = Store(folder)
    kept = store.quarantine("applications")
    assert kept.read_text() == BROKEN["bad date"][0]
    assert store.load("applications").empty
    add_rows(store, [app_row(1)])
    assert len(store.load("applications")) == 1


# --- validation on write ------------------------------------------------------------------------


def test_invalid_rows_are_refused_and_nothing_is_written(store: Store) -> None:
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


def test_stale_version_is_refused(store: Store, tmp_path: Path) -> None:
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


def test_backups_are_bounded_and_restorable(tmp_path: Path) -> None:
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


def test_restore_refuses_paths_outside_the_backups(store: Store, tmp_path: Path) -> None:
    from nextround.storage.errors import NextRoundError
    from nextround.storage.store import Backup

    add_rows(store, [app_row(1)])
    outside = tmp_path / "evil.csv"
    outside.write_text(HEADER)
    with pytest.raises(NextRoundError):
        store.restore(Backup("applications", outside, pd.Timestamp.now().to_pydatetime(), 1))


# --- write failures -----------------------------------------------------------------------------


def test_failed_write_keeps_the_old_file(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
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
    from nextround.storage.errors import NextRoundError

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "nextround.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION + 1}))
    with pytest.raises(NextRoundError, match="newer"):
        Store(folder).migrate()
