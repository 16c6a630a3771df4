"""Changes that span several tables as one unit: every table or none, undoable as one; and
restores, which are changes of one table.

The store writes one file at a time and no file system can replace two files at once, so a
change across tables (an import adds applications and their events) is made safe in steps: all
new tables are computed and checked before anything is written; a unit record (see
``backups``) notes the backup taken of each table before it is replaced; a failed write puts the
written ones back at once, and a crash midway is rolled back by the next start. The record then
lists the change as one entry and says which rows it added, so it can be undone in one step.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from nextround.storage.backups import Backup, Unit, parse_name
from nextround.storage.csvfile import atomic_write_bytes
from nextround.storage.errors import DataFileError, NextRoundError
from nextround.storage.frames import empty_frame
from nextround.storage.schema import get_table

if TYPE_CHECKING:
    from nextround.storage.store import Store

Step = tuple[str, Callable[[pd.DataFrame], pd.DataFrame]]


def same_file(a: Path, b: Path) -> bool:
    """True when both paths hold the same bytes (the same inode, or equal content)."""
    try:
        return os.path.samefile(a, b) or a.read_bytes() == b.read_bytes()
    except OSError:
        return False


class Changes:
    """The unit-of-change half of ``Store`` (a mixin: it works on the store's files and locks)."""

    def apply(self: Store, label: str, steps: Sequence[Step], kind: str = "change",
              source: str = "", rows: int = 0, set_aside_broken: bool = False) -> Unit:
        """Change several tables as one unit: every table or none.

        Every step is computed and checked before anything is written (a broken or invalid
        table stops it all); the tables are written in the order given, each after its backup;
        if a write fails, those already written are put back. A crash midway is rolled back on
        the next start (``recover``). With ``set_aside_broken``, a table whose file cannot be
        read is moved to the quarantine folder first instead of stopping the change (a restore).
        """
        names = [name for name, _ in steps]
        with self._locked(*names, "units"):
            new: dict[str, pd.DataFrame] = {}
            added: dict[str, list[str]] = {}
            for name, fn in steps:
                spec = get_table(name)
                try:
                    current = new[name] if name in new else self.load(name)
                except DataFileError:
                    if not set_aside_broken:
                        raise
                    self._set_aside(name)
                    current = empty_frame(spec)
                new[name] = self._checked(spec, fn(current.copy(deep=False)))
                added[name] = sorted(set(new[name][spec.key]) - set(current[spec.key]))
            unit = self.shelf.begin(label, kind, source, rows)
            try:
                for name in dict.fromkeys(names):
                    self._write(get_table(name), new[name], unit)
                    unit.written[name] = self.version(name)
                    unit.added[name] = added[name]
                    self.shelf.save(unit)
                unit.state = "done"
                self.shelf.save(unit)
            except BaseException:
                self._roll_back(unit)
                raise
            self.shelf.prune_units()
        return unit

    def _roll_back(self: Store, unit: Unit) -> None:
        """Put back every table a unit wrote, as it was before (the lock is held)."""
        for name, backup_name in reversed(list(unit.before.items())):
            target = self._target(name)
            written = unit.written.get(name)
            if written is not None and self.version(name) != written:
                self.warnings.append(f"{name}: changed after an unfinished change; left as is.")
                continue
            backup = self.shelf.find(name, backup_name)
            with contextlib.suppress(OSError):
                if backup_name is None:
                    if target.exists():
                        self._set_aside(name)  # it did not exist before this change
                elif backup is None:
                    self.warnings.append(f"{name}: its backup is missing; left as is.")
                elif not same_file(backup, target):
                    atomic_write_bytes(target, backup.read_bytes())
            with self._cache_lock:
                self._cache.pop(name, None)
        self.shelf.forget(unit)

    def recover(self: Store) -> list[str]:
        """Roll back changes a crash interrupted midway; returns their labels."""
        done = []
        for pending in [u for u in self.shelf.units() if u.state == "pending"]:
            try:
                with self._locked(*pending.before, "units"):
                    unit = self.shelf.unit(pending.id)
                    if unit is None or unit.state != "pending":
                        continue
                    self._roll_back(unit)
                    done.append(unit.label)
            except NextRoundError as exc:
                self.warnings.append(f"Could not roll back an interrupted change: {exc}")
        if done:
            self.warnings.append("Rolled back after an interruption: " + "; ".join(done) + ".")
        return done

    def mark_undone(self: Store, unit_id: str, by: str) -> None:
        with self._locked("units"):
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
