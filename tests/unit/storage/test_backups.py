"""Backups: ordered by sequence whatever the clock does, untouched by failed saves, listed as a
person reads them, and never a reason for the list to fail."""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from nextround.storage import backups
from nextround.storage.errors import StorageWriteError
from nextround.storage.store import Store


def _notes(store: Store) -> list[str]:
    """The notes of the first application in each backup, newest first."""
    return [store.backup_frame(b).loc[0, "notes"] for b in store.backups("applications")]


def test_backups_follow_the_order_of_saves_when_the_clock_goes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app_row, add_rows
) -> None:
    """Before: backups were named and pruned by local wall-clock time, so after a time-zone or
    daylight-saving change (the clock an hour back) the newest backups sorted as the oldest and
    were the ones pruned."""
    store = Store(tmp_path / "data", backups_kept=3)
    add_rows(store, [app_row(1, notes="v0")])
    clock = iter([datetime(2026, 10, 25, 2, 30, tzinfo=UTC) - timedelta(minutes=m)
                  for m in (0, 10, 70, 80, 90, 100)])  # the clock set back an hour midway
    monkeypatch.setattr(backups, "_utc_now", lambda: next(clock))
    for version in range(1, 6):
        store.update("applications", lambda f, v=version: f.assign(notes=f"v{v}"))
    assert _notes(store) == ["v4", "v3", "v2"]  # the newest three, newest first
    assert store.load("applications").loc[0, "notes"] == "v5"


def test_failed_saves_leave_the_backups_as_they_were(
    store: Store, monkeypatch: pytest.MonkeyPatch, app_row, add_rows
) -> None:
    """Before: each failed save (a full disk) still took a backup and pruned an old one first;
    25 retries left 20 identical backups and no real history."""
    add_rows(store, [app_row(1, notes="v0")])
    for version in range(1, 6):
        store.update("applications", lambda f, v=version: f.assign(notes=f"v{v}"))
    before = sorted(p.name for p in (store.backup_dir / "applications").iterdir())

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("nextround.storage.store.atomic_write_bytes", disk_full)
    for _ in range(25):
        with pytest.raises(StorageWriteError):
            store.update("applications", lambda f: f.assign(notes="never written"))
    monkeypatch.undo()
    assert sorted(p.name for p in (store.backup_dir / "applications").iterdir()) == before
    assert _notes(store) == ["v4", "v3", "v2", "v1", "v0"]


def test_labels_read_as_a_person_would(store: Store, app_row, add_rows) -> None:
    add_rows(store, [app_row(1)])
    add_rows(store, [app_row(2)])
    (backup,) = store.backups("applications")
    text = backup.describe()
    when = backup.taken_at.astimezone()
    assert text == f"{when:%a} {when.day} {when:%b %Y, %H:%M:%S} · before a save"
    assert "." not in text.split(" · ")[0]  # no microseconds


def test_two_backups_in_one_minute_read_differently(store: Store, app_row, add_rows) -> None:
    """Before: labels stopped at the minute, so the restore picker showed two identical lines."""
    add_rows(store, [app_row(1)])
    folder = store.backup_dir / "applications"
    folder.mkdir(parents=True)
    for seq, stamp in ((1, "20270105T101505Z"), (2, "20270105T101540Z")):
        (folder / f"applications-{seq:06d}-{stamp}.csv").write_bytes(
            store.path("applications").read_bytes())
    labels = [b.describe() for b in store.backups("applications")]
    assert len(labels) == 2 and labels[0] != labels[1]
    assert [label.split(" · ")[0][-2:] for label in labels] == ["40", "05"]


def test_backups_named_by_an_older_version_still_list_restore_and_prune(
    tmp_path: Path, app_row, add_rows
) -> None:
    store = Store(tmp_path / "data", backups_kept=2)
    add_rows(store, [app_row(1, notes="old")])
    folder = store.backup_dir / "applications"
    folder.mkdir(parents=True)
    legacy = folder / "applications-20260101-093000-123456.csv"
    legacy.write_bytes(store.path("applications").read_bytes())
    listed = store.backups("applications")
    assert [b.path for b in listed] == [legacy]
    assert listed[0].describe().startswith("Thu 1 Jan 2026, 09:30")
    store.update("applications", lambda f: f.assign(notes="new"))
    store.update("applications", lambda f: f.assign(notes="newer"))
    assert not legacy.exists()  # older than every numbered backup: pruned first
    assert len(store.backups("applications")) == 2


def test_a_dangling_link_or_stray_file_in_backups_is_passed_over(
    store: Store, app_row, add_rows
) -> None:
    """Before: a dangling symbolic link in backups/ crashed the list (and the Data page)."""
    add_rows(store, [app_row(1)])
    add_rows(store, [app_row(2)])
    folder = store.backup_dir / "applications"
    os.symlink(folder / "gone.csv", folder / "applications-000099-20260101T000000Z.csv")
    (folder / "notes.txt").write_text("mine")
    assert len(store.backups("applications")) == 1
    add_rows(store, [app_row(3)])  # taking and pruning backups copes too
    assert len(store.backups("applications")) == 2


def test_a_copy_keeps_the_time_so_its_version_is_recognised(
    store: Store, monkeypatch: pytest.MonkeyPatch, app_row, add_rows
) -> None:
    add_rows(store, [app_row(1)])
    version = store.version("applications")

    def no_links(*_args, **_kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("nextround.storage.backups.os.link", no_links)
    add_rows(store, [app_row(2)])
    identity = tuple(int(x) for x in version.split("-"))
    assert store.shelf.with_version("applications", identity) is not None
