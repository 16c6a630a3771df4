"""Faults the storage must survive: a killed process on every table, a full disk, a read-only
folder, and arbitrary bytes in place of a CSV."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from nextround.storage.errors import DataFileError, StorageWriteError
from nextround.storage.frames import typed_frame
from nextround.storage.schema import TABLES, Table
from nextround.storage.store import Store
from tests.examples import more_examples

HOSTILE = [
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "line\nbreak",
    'quote " and ,',
    "emoji 🎉",
    "RTL \u202eevil",
    "tab\there",
    "[x](javascript:alert(1))",
    "NA",
    "007",
]


def rows_for(table: Table, n: int, seed: int) -> pd.DataFrame:
    """n valid rows for any table, with hostile text in the free-text columns."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        row: dict = {}
        for column in table.columns:
            if column.name == table.key:
                row[column.name] = f"K{seed}-{i:06d}"
            elif column.choices:
                row[column.name] = rng.choice(column.choices)
            elif column.kind == "date":
                row[column.name] = date(2026, rng.randint(1, 12), rng.randint(1, 28))
            elif column.kind == "datetime":
                row[column.name] = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), 9)
            elif column.kind == "int":
                row[column.name] = rng.randint(1, 5)
            elif column.kind == "float":
                row[column.name] = rng.randint(0, 1000) / 10
            elif column.kind == "bool":
                row[column.name] = rng.random() < 0.5
            else:
                row[column.name] = f"{rng.choice(HOSTILE)} {i}"
        records.append(row)
    return typed_frame(table, records)


def _writer_forever(folder: str, table: str, frames: list[pd.DataFrame]) -> None:
    store = Store(folder)
    i = 0
    while True:
        store.replace(table, frames[i % 2])
        i += 1


OTHER_TABLES = [name for name in TABLES if name not in ("applications", "events")]


@pytest.mark.slow
@pytest.mark.parametrize("table", OTHER_TABLES)
def test_sigkill_on_every_other_table(tmp_path: Path, table: str) -> None:
    """With the 80 trials on applications and events in test_store: 200 trials in all."""
    spec = TABLES[table]
    frames = [rows_for(spec, 6000, 1), rows_for(spec, 5000, 2)]
    folder = tmp_path / "data"
    Store(folder).replace(table, frames[0])
    rng = random.Random(7)
    ctx = multiprocessing.get_context("fork")
    for _ in range(20):
        proc = ctx.Process(target=_writer_forever, args=(str(folder), table, frames))
        proc.start()
        time.sleep(rng.uniform(0.02, 0.3))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        loaded = Store(folder).load(table)
        expected = frames[0] if len(loaded) == len(frames[0]) else frames[1]
        pd.testing.assert_frame_equal(loaded, expected, check_dtype=False)


def _can_mount() -> str | None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "needs root and mount to make a small or read-only file system"
    return None


@contextlib.contextmanager
def mounted(*args: str) -> Iterator[None]:
    target = args[-1]
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"mount is not permitted here: {result.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", target], check=False)


@pytest.mark.skipif(_can_mount() is not None, reason=str(_can_mount()))
def test_full_disk_keeps_the_old_file_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    with mounted("-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)):
        store = Store(folder)
        small = rows_for(TABLES["applications"], 20, 1)
        store.replace("applications", small)
        before = (folder / "applications.csv").read_bytes()
        with pytest.raises(StorageWriteError) as caught:
            store.replace("applications", rows_for(TABLES["applications"], 3000, 2))
        assert "disk is full" in str(caught.value)
        assert (folder / "applications.csv").read_bytes() == before
        pd.testing.assert_frame_equal(Store(folder).load("applications"), small, check_dtype=False)
        assert not list(folder.glob(".*.tmp"))


@pytest.mark.skipif(_can_mount() is not None, reason=str(_can_mount()))
def test_read_only_folder_reads_and_refuses_writes_clearly(tmp_path: Path) -> None:
    source = tmp_path / "source"
    Store(source).replace("applications", rows_for(TABLES["applications"], 10, 1))
    view = tmp_path / "readonly"
    view.mkdir()
    with mounted("--bind", str(source), str(view)):
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        store = Store(view)
        assert len(store.load("applications")) == 10
        with pytest.raises(StorageWriteError) as caught:
            store.update("applications", lambda df: df.iloc[:5])
        assert "read-only" in str(caught.value)
        assert len(Store(view).load("applications")) == 10


@pytest.mark.slow  # a fuzzing crash trial: make test runs it, make test-fast does not
@more_examples(4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.binary(max_size=2000))
def test_loader_on_arbitrary_bytes_never_crashes(tmp_path: Path, payload: bytes) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    (folder / "events.csv").write_bytes(payload)
    try:
        frame = Store(folder).load("events")
    except DataFileError as error:
        assert "events.csv" in str(error)
    else:
        assert list(frame.columns[: len(TABLES["events"].columns)]) == TABLES["events"].column_names


CSVISH = st.text(alphabet=st.sampled_from(list('ab,"\n\r;=-0123456789 é🎉\t')), max_size=400)


@pytest.mark.slow  # a fuzzing crash trial: make test runs it, make test-fast does not
@more_examples(4, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=CSVISH)
def test_loader_on_csv_like_text_never_crashes(tmp_path: Path, body: str) -> None:
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    header = ",".join(TABLES["applications"].column_names)
    (folder / "applications.csv").write_text(f"{header}\n{body}", encoding="utf-8")
    try:
        Store(folder).load("applications")
    except DataFileError as error:
        assert error.problems


HOSTILE_EXACT = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+1-2", "-3", "@SUM(A1)", "\tTab first", "\rCR first",
    "NUL \x00 inside", "bell \x07 esc \x1b[31m red",
    "RTL \u202eevil\u202c and עברית",
    "emoji 🎉👩‍💻",
    "line one\nline two\r\nline three",
    "{{ 7*7 }} {% raw %}",
    "x" * 1_000_000,
]


@pytest.mark.parametrize("table", list(TABLES))
def test_hostile_text_is_stored_exactly_in_every_table(tmp_path: Path, table: str) -> None:
    spec = TABLES[table]
    text_columns = [c.name for c in spec.columns
                    if c.kind == "text" and not c.choices and c.name != spec.key]
    frame = rows_for(spec, len(HOSTILE_EXACT), 3)
    for column in text_columns:
        frame[column] = HOSTILE_EXACT
    Store(tmp_path).replace(table, frame)
    loaded = Store(tmp_path).load(table)
    for column in text_columns:
        assert loaded[column].tolist() == HOSTILE_EXACT, column
