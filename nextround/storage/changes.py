"""Changes that span several tables as one unit: every table or none, undoable as one; and
restores, which are changes of one table.

The store writes one file at a time and no file system can replace two files at once, so a
change across tables (an import adds applications and their events) is made safe in steps:

1. Every new table is computed and checked before anything is written (a broken or invalid
   table, or a stale tab, stops it all).
2. Everything that needs room on the disk is written next, while every table is still as it
   was: a backup of each table (a hard link, so usually no room at all), each new table as a
   temp file beside it, and last the unit record (see ``backups``) naming both. A full disk
   here stops the change with nothing changed; what was written for it is deleted again.
3. The point of no return: the temp files are renamed over the tables. A rename needs no room,
   so a full disk cannot stop it halfway; if something else does (a disk error), the tables
   already replaced are put back by renaming their backups over them, again without room.
4. The record is marked done, as a courtesy: a record left pending whose every table is at
   the version it wrote reads as done, and the next start marks it so.

A unit that could not be put back is never forgotten: its record and backups stay, the next
start (``recover``) finishes putting it back and says so. The record lists the change as one
entry and says which rows it added, so it can be undone in one step.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from nextround.storage import conflicts
from nextround.storage.backups import Backup, Unit, parse_name, same_file
from nextround.storage.csvfile import atomic_write_bytes, fsync_dir, write_temp
from nextround.storage.errors import (
    DataFileError,
    NextRoundError,
    StaleDataError,
    StorageWriteError,
    UnfinishedChangeError,
)
from nextround.storage.frames import empty_frame
from nextround.storage.schema import get_table
from nextround.storage.small import csv_bytes

if TYPE_CHECKING:
    from nextround.storage.store import Store

Step = tuple[str, Callable[[pd.DataFrame], pd.DataFrame]]

__all__ = ["Changes", "Step", "Unchanged", "same_file"]


class Unchanged(Exception):
    """Raised by a step to leave its table as it is (nothing is written for it)."""


class Changes:
    """The unit-of-change half of ``Store`` (a mixin: it works on the store's files and locks)."""

    def apply(self: Store, label: str, steps: Sequence[Step], kind: str = "change",
              source: str = "", rows: int = 0, set_aside_broken: bool = False,
              expected: Mapping[str, str] | None = None,
              scopes: Mapping[str, str] | None = None, undoes: str | None = None) -> Unit:
        """Change several tables as one unit: every table or none (see the module's steps).

        Every step is computed and checked before anything is written; a step may raise
        ``Unchanged`` to leave its table alone. ``expected`` maps a table to the version the
        caller drew from (``load_with_version``): the change is refused with StaleDataError
        when a row it touches changed since (with ``scopes``, any row sharing that column's
        value), before anything is written. With ``set_aside_broken``, a table whose file
        cannot be read is replaced anyway and its file kept in the quarantine folder (a
        restore). Any failure of the operating system is a StorageWriteError saying nothing
        changed, or an UnfinishedChangeError when a table could not be put back (rare: a
        rename failed), which the next start finishes.
        """
        names = list(dict.fromkeys(name for name, _ in steps))
        with self._locked(*names, "units"):
            new, added, broken = self._computed(steps, set_aside_broken, expected or {},
                                                scopes or {})
            if not new:  # every step left its table as it was: nothing to write
                return Unit("", label, kind, datetime.now(UTC).isoformat(), source, rows,
                            state="done")
            unit, temps = self._prepared(label, kind, source, rows, undoes, new, added, broken)
            self._committed(unit, new, temps)
        return unit

    def _computed(self: Store, steps: Sequence[Step], set_aside_broken: bool,
                  expected: Mapping[str, str], scopes: Mapping[str, str],
                  ) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]], set[str]]:
        """Every new table, checked; nothing is written (the locks are held)."""
        before: dict[str, tuple[pd.DataFrame, str]] = {}
        new: dict[str, pd.DataFrame] = {}
        broken: set[str] = set()
        for name, fn in steps:
            spec = get_table(name)
            if name not in before:
                try:
                    before[name] = self.load_with_version(name)
                except DataFileError:
                    if not set_aside_broken:
                        raise
                    broken.add(name)
                    before[name] = (empty_frame(spec), "")
            current = new.get(name, before[name][0])
            try:
                new[name] = self._checked(spec, fn(current.copy(deep=False)))
            except Unchanged:
                continue
        for name, version in expected.items():
            if name in new and name in before and version != before[name][1]:
                mine = conflicts.touched(get_table(name), before[name][0], new[name])
                if self.conflicts(name, version, mine, scopes.get(name)):
                    raise StaleDataError(name)
        added = {name: sorted(set(frame[get_table(name).key])
                              - set(before[name][0][get_table(name).key]))
                 for name, frame in new.items()}
        return new, added, broken

    def _prepared(self: Store, label: str, kind: str, source: str, rows: int,
                  undoes: str | None, new: dict[str, pd.DataFrame],
                  added: dict[str, list[str]], broken: set[str],
                  ) -> tuple[Unit, dict[str, tuple[Path, Path]]]:
        """Step 2: backups, temp files and the complete record, with every table as it was.
        On any failure all of it is deleted again and StorageWriteError says nothing changed."""
        temps: dict[str, tuple[Path, Path]] = {}  # table: (temp file, what it replaces)
        unit: Unit | None = None
        name = next(iter(new), "applications")
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            unit = self.shelf.begin(label, kind, source, rows)
            unit.undoes = undoes
            for name, frame in new.items():
                # A broken table is replaced as it stands: a link elsewhere, never its target.
                target = self.path(name) if name in broken else self._target(name)
                if name in broken:
                    unit.set_aside[name] = self._keep_aside(name).name
                    unit.before[name] = None
                elif target.exists():
                    unit.before[name] = self.shelf.take(name, target, unit).name
                else:
                    unit.before[name] = None
                temps[name] = (write_temp(target, csv_bytes(get_table(name), frame)), target)
                st = temps[name][0].stat()  # a rename keeps the inode and the time: the version
                unit.written[name] = f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"
                unit.added[name] = added[name]
            self.shelf.save(unit)
        except BaseException as exc:
            for temp, _ in temps.values():
                with contextlib.suppress(OSError):
                    temp.unlink()
            if unit is not None:
                self.shelf.forget(unit, self._target)
            if isinstance(exc, OSError):
                raise StorageWriteError(name, self.path(name), exc) from exc
            raise
        return unit, temps

    def _committed(self: Store, unit: Unit, new: dict[str, pd.DataFrame],
                   temps: dict[str, tuple[Path, Path]]) -> None:
        """Steps 3 and 4: rename every temp file over its table, then mark the unit done."""
        name = ""
        try:
            for name, (temp, target) in temps.items():
                os.replace(temp, target)
                fsync_dir(target.parent)
                ident = self._identity(target)
                if ident is not None:
                    with self._cache_lock:
                        self._cache[name] = (ident, new[name].copy(deep=False))
        except OSError as exc:
            for temp, _ in temps.values():
                with contextlib.suppress(OSError):
                    temp.unlink()
            left = self._roll_back(unit)
            if left:
                raise UnfinishedChangeError(name, self.path(name), exc, left) from exc
            raise StorageWriteError(name, self.path(name), exc) from exc
        unit.state = "done"
        with contextlib.suppress(OSError):
            self.shelf.save(unit)  # a courtesy: see the module's step 4
        with contextlib.suppress(OSError):
            for name in temps:
                self.shelf.prune(name)
            self.shelf.prune_units()

    def _keep_aside(self: Store, table: str) -> Path:
        """A copy of a table's unreadable file in the quarantine folder (a hard link where the
        system allows it), made before a change replaces the file."""
        self.quarantine_dir.mkdir(parents=True, exist_ok=True)
        target = self._quarantine_name(table)
        path = self.path(table)
        try:
            os.link(path, target, follow_symlinks=False)  # a link is kept as the link it is
        except OSError:
            if not path.is_file() or path.is_symlink():
                raise
            atomic_write_bytes(target, path.read_bytes())
        return target

    def _complete(self: Store, unit: Unit) -> bool:
        """Every table of the unit is at the version it wrote: it happened, whole."""
        return bool(unit.written) and all(self.version(name) == version
                                          for name, version in unit.written.items())

    def _roll_back(self: Store, unit: Unit) -> list[str]:
        """Put back every table a unit replaced, as it was, by renaming its backup over it (no
        room needed); the lock is held. Returns the tables that could not be put back: then
        the record and every backup stay, for the next start to try again."""
        left: list[str] = []
        for name in reversed(list(dict.fromkeys([*unit.before, *unit.written]))):
            target = self._target(name)
            written = unit.written.get(name)
            replaced = (self.version(name) == written if written
                        else self._legacy_replaced(unit, name, target))
            if not replaced:
                continue  # never replaced by this change (or changed since): left as it is
            source = (self.quarantine_dir / unit.set_aside[name] if name in unit.set_aside
                      else self.shelf.find(name, unit.before.get(name)))
            try:
                if source is not None and source.is_file():
                    os.replace(source, target)
                elif unit.before.get(name) is None and name not in unit.set_aside:
                    target.unlink()  # the table had no file before this change
                else:
                    self.warnings.append(f"{name}: its backup is missing; left as is.")
                    continue
                fsync_dir(target.parent)
            except OSError:
                left.append(name)
            with self._cache_lock:
                self._cache.pop(name, None)
        if not left:
            self.shelf.forget(unit, self._target)
        return left

    def _legacy_replaced(self: Store, unit: Unit, name: str, target: Path) -> bool:
        """For records an older version left pending (it saved the version it wrote only after
        the write): the table was replaced when it is no longer its backup."""
        backup = self.shelf.find(name, unit.before.get(name))
        return backup is not None and target.exists() and not same_file(backup, target)

    def recover(self: Store) -> list[str]:
        """Settle changes left pending by a crash or a failed put-back: one whose every table is
        at the version it wrote happened, and is marked done; one that replaced only some is
        put back. Returns the labels put back."""
        done = []
        for pending in [u for u in self.shelf.units() if u.state == "pending"]:
            try:
                with self._locked(*pending.before, *pending.written, "units"):
                    unit = self.shelf.unit(pending.id)
                    if unit is None or unit.state != "pending":
                        continue
                    if self._complete(unit):
                        unit.state = "done"
                        with contextlib.suppress(OSError):
                            self.shelf.save(unit)
                        continue
                    left = self._roll_back(unit)
                    if left:
                        self.warnings.append(
                            f"The unfinished {unit.label} could not be put back yet ("
                            + ", ".join(left) + "): every version is kept in the backups "
                            "folder, and the app tries again at its next start.")
                    else:
                        done.append(unit.label)
            except NextRoundError as exc:
                self.warnings.append(f"Could not roll back an interrupted change: {exc}")
        if done:
            self.warnings.append("Rolled back after an interruption: " + "; ".join(done) + ".")
        return done

    def units(self: Store, kinds: Sequence[str] | None = None) -> list[Unit]:
        """Every change across tables, newest first, as it stands (see ``Shelf.units``)."""
        return self.shelf.units(kinds, complete=self._complete)

    def mark_undone(self: Store, unit_id: str, by: str) -> None:
        """Note on a unit's record that another took it back. A courtesy too: the undo's own
        record (``undoes``) already says so, so a full disk here changes nothing."""
        with contextlib.suppress(OSError, NextRoundError), self._locked("units"):
            unit = self.shelf.unit(unit_id)
            if unit is not None:
                unit.state, unit.undone_by = "undone", by
                self.shelf.save(unit)

    # --- restoring a backup (a change of one table) ---------------------------------------

    def backup_frame(self: Store, backup: Backup) -> pd.DataFrame:
        """A backup's rows; DataFileError when it cannot be read, NextRoundError when the
        path is not one of this folder's backups."""
        folder = (self.backup_dir / backup.table).resolve()
        path = backup.path.resolve()
        if path.parent != folder or parse_name(backup.table, path) is None:
            raise NextRoundError("That is not one of this folder's backups.")
        spec = get_table(backup.table)
        raw = self._read(spec, path)
        if raw is None:
            raise NextRoundError("That backup is gone from the backups folder.")
        try:
            return self._parse(spec, raw, path)
        except DataFileError as error:
            raise DataFileError(spec.name, path, error.problems,
                                hint="Nothing was restored: choose another backup.") from None

    def latest_readable_backup(self: Store, table: str) -> tuple[Backup, int] | None:
        """The newest backup of a table that reads cleanly, with its number of rows."""
        for backup in self.backups(table):
            try:
                return backup, len(self.backup_frame(backup))
            except NextRoundError:
                continue
        return None

    def restore(self: Store, backup: Backup) -> pd.DataFrame:
        """Put a snapshot back; the current file is kept first (as a backup, or in the
        quarantine folder when it cannot be read), so a restore can itself be undone."""
        frame = self.backup_frame(backup)
        self.apply(f"restore of the backup from {backup.describe().split(' · ')[0]}",
                   [(backup.table, lambda _current: frame)], kind="restore",
                   set_aside_broken=True)
        return self.load(backup.table)
