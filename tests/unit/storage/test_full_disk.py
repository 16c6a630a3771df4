"""A change on a nearly full disk keeps its promise: every table it touches is either the old or
the new version, never half of one, and every version it replaced is still in the data folder.

The disk is real: a 1 MiB tmpfs mounted for the test (as root; skipped with the reason where
mounting is not allowed), filled by a filler file until only N bytes are free, for N over a
range of levels a few hundred bytes apart. Each level starts from the same folder (the sample
search, one import in place, backups) and runs one operation: a restore, an import, the undo of
an import and recording a sent note. Before: with 12-15 KB free a restore raised a bare
``OSError`` and the version before it was in no file of the data folder.

Set NEXTROUND_DISKSCAN_REPORT to a file path to get the levels x operations table written there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from nextround.commands import data as data_commands
from nextround.commands.notes import record_sent_note
from nextround.commands.sample import write_sample
from nextround.storage import importer
from nextround.storage.errors import NextRoundError, StorageWriteError
from nextround.storage.schema import get_table
from nextround.storage.store import Store

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 10, 30)
STEP = 512  # bytes between two levels (tmpfs counts whole 4 KiB pages)
TOP = 24 * 1024  # above this every operation has room to spare
TIME_COLUMNS = {"created_at", "updated_at", "sent_at"}
IMPORT_FILE = (b"Company,Role,Date applied,Status\n"
               b"Zeta,Analyst,2026-11-02,Applied\n"
               b"Eta,Engineer,2026-11-03,Interviewing\n"
               b"Theta,Designer,,Wishlist\n")


def _preview(store: Store, raw: bytes) -> tuple[importer.Upload, importer.ImportPreview]:
    upload = importer.read_upload(raw, "import.csv")
    answers = importer.first_answers(upload)
    return upload, importer.prepare_import(upload, answers, store.load("applications"), NOW)


def _restore(store: Store) -> None:
    oldest = store.backups("applications")[-1]
    store.restore(oldest)


def _import(store: Store) -> None:
    upload, preview = _preview(store, IMPORT_FILE)
    data_commands.apply_import(store, preview, "more.csv", upload.digest)


def _undo(store: Store) -> None:
    unit = store.units(["import"])[0]
    data_commands.undo_import(store, unit.id)


def _sent_note(store: Store) -> None:
    app_id = store.load("applications")["id"].iloc[0]
    note = {"application_id": app_id, "kind": "late thank-you", "tone": "warm",
            "recipient_name": "Zoë", "subject": "Thanks", "body": "Dear Zoë,\nThank you."}
    record_sent_note(store, note, TODAY, NOW, expected_version=store.version("sent_notes"))


OPERATIONS: dict[str, tuple[Callable[[Store], None], tuple[str, ...]]] = {
    "restore": (_restore, ("applications",)),
    "import": (_import, ("applications", "events")),
    "undo": (_undo, ("applications", "events")),
    "sent note": (_sent_note, ("applications", "events", "sent_notes")),
}


def _template(folder: Path) -> Path:
    """The sample search, a second save of the applications (so there is a backup to restore)
    and one import in place (to undo)."""
    data = folder / "data"
    write_sample(data, TODAY)
    store = Store(data).open()
    store.update("applications", lambda f: f.assign(priority=f["priority"]))
    store.update("applications", lambda f: f.iloc[:-1])
    upload, preview = _preview(store, b"Company,Role,Date applied\nIota,Analyst,2026-11-01\n")
    data_commands.apply_import(store, preview, "first.csv", upload.digest)
    return data


_PARSED: dict[tuple[str, bytes], pd.DataFrame | None] = {}


def _frame(path: Path, store: Store, table: str) -> pd.DataFrame | None:
    """The table's rows without the times they were written at (the same bytes are parsed
    once: the scan sees the same few versions at every level)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if (table, raw) not in _PARSED:
        try:
            frame = store._parse(get_table(table), raw, path)
        except NextRoundError:
            _PARSED[(table, raw)] = None
        else:
            _PARSED[(table, raw)] = frame.drop(
                columns=[c for c in frame.columns if c in TIME_COLUMNS])
    return _PARSED[(table, raw)]


def _all_bytes(folder: Path) -> set[bytes]:
    return {p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


@pytest.fixture(scope="module")
def small_disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A 1 MiB tmpfs, unmounted afterwards."""
    where = tmp_path_factory.mktemp("small_disk")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs root and mount(8); not available here")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """A filler file that leaves about ``leave`` bytes free (tmpfs counts whole pages)."""
    filler = disk / "filler"
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    size = max(free - leave, 0)
    with open(filler, "wb") as fh, contextlib.suppress(OSError):
        os.posix_fallocate(fh.fileno(), 0, size) if size else None
    return filler


def _outcome(op: str, template: Path, disk: Path, leave: int,
             new: dict[str, pd.DataFrame]) -> tuple[str, str]:
    """(what the tables are after the operation at this level, what the page was told)."""
    run, tables = OPERATIONS[op][0], tuple(new)
    data = disk / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(template, data)
    old = {t: (data / f"{t}.csv").read_bytes() if (data / f"{t}.csv").exists() else None
           for t in tables}
    filler = _fill(disk, leave)
    told = "ok"
    try:
        run(Store(data))
    except NextRoundError as exc:
        told = "refused" if "Could not save" in str(exc) or isinstance(
            exc, StorageWriteError) else f"other: {exc}"
    except Exception as exc:
        told = f"crash: {type(exc).__name__}: {exc}"
    states = []
    for phase in ("now", "next start"):
        if phase == "next start":
            filler.unlink()
            store = Store(data)  # the next start: recovers what was left pending
        else:
            store = Store(data, clean_temp=False)
        kept = _all_bytes(data)
        per_table = set()
        for table in tables:
            path = data / f"{table}.csv"
            current = path.read_bytes() if path.exists() else None
            if current == old[table]:
                per_table.add("old")
                continue
            frame = _frame(path, store, table) if current is not None else None
            if frame is not None and frame.equals(new[table]) and (
                    old[table] is None or old[table] in kept):
                per_table.add("new")
            else:
                per_table.add("lost")
        states.append("lost" if "lost" in per_table else
                      per_table.pop() if len(per_table) == 1 else "mixed")
        if phase == "next start" and any(u.state == "pending" for u in store.units()):
            states[-1] += " (pending)"
    state = states[0] if states[0] == states[1] else f"{states[0]}, then {states[1]}"
    return state, told


@pytest.mark.slow
def test_a_full_disk_never_loses_a_version(small_disk: Path, tmp_path: Path) -> None:
    template = _template(tmp_path / "template")
    new: dict[str, dict[str, pd.DataFrame]] = {}
    for op, (run, tables) in OPERATIONS.items():
        scratch = tmp_path / f"new-{op.replace(' ', '-')}"
        shutil.copytree(template, scratch)
        store = Store(scratch)
        run(store)
        # Only the tables the operation changes (a sent note may leave the stage as it was).
        new[op] = {t: frame for t in tables
                   if (frame := _frame(scratch / f"{t}.csv", store, t)) is not None
                   and not frame.equals(_frame(template / f"{t}.csv", store, t))}
    rows: list[tuple[int, dict[str, tuple[str, str]]]] = []
    started = time.monotonic()
    for leave in range(0, TOP + 1, STEP):
        rows.append((leave, {op: _outcome(op, template, small_disk, leave, new[op])
                             for op in OPERATIONS}))
        assert time.monotonic() - started < 600, "the scan is bounded in time"
    shutil.rmtree(small_disk / "data", ignore_errors=True)
    table = _report(rows)
    if os.environ.get("NEXTROUND_DISKSCAN_REPORT"):
        Path(os.environ["NEXTROUND_DISKSCAN_REPORT"]).write_text(table, encoding="utf-8")
    bad = [(leave, op, cell) for leave, cells in rows for op, cell in cells.items()
           if cell[0] not in ("old", "new") or cell[1] not in ("ok", "refused")
           or (cell[0] == "old") != (cell[1] == "refused")]
    assert not bad, table
    # The scan reached both ends: the fullest disk refuses everything, the emptiest allows all.
    assert all(cell == ("old", "refused") for cell in rows[0][1].values()), table
    assert all(cell == ("new", "ok") for cell in rows[-1][1].values()), table


def _report(rows: list[tuple[int, dict[str, tuple[str, str]]]]) -> str:
    """Levels x operations, runs of equal rows folded into one line."""
    ops = list(OPERATIONS)
    lines = ["| bytes free | " + " | ".join(ops) + " |", "|---" * (len(ops) + 1) + "|"]
    start = 0
    for i, (leave, cells) in enumerate(rows):
        last = i + 1 == len(rows) or rows[i + 1][1] != cells
        if last:
            span = f"{rows[start][0]:,}" if start == i else f"{rows[start][0]:,}-{leave:,}"
            lines.append(f"| {span} | " + " | ".join(
                f"{cells[op][0]} ({cells[op][1]})" for op in ops) + " |")
            start = i + 1
    return "\n".join(lines) + "\n"


def test_an_os_error_in_a_unit_is_a_storage_error(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a failed save of the unit record escaped as a bare OSError (a traceback)."""
    data = _template(tmp_path)
    store = Store(data)
    before = {p.name: p.read_bytes() for p in data.glob("*.csv")}
    real = Path.mkdir

    def no_room(self: Path, *args, **kwargs):
        if self.name == "units":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", no_room)
    with pytest.raises(StorageWriteError, match=r"the disk is full.*as it was before"):
        _import(store)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in data.glob("*.csv")} == before
