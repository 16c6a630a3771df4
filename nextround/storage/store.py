"""Crash-safe, locked, versioned CSV tables in a folder the user owns.

Why each piece exists:
- Atomic files (see ``csvfile``): a reader sees the old file or the new one, never half of one.
- File lock around the whole read-modify-write: browser tabs are sessions in one process, and
  scripts may run beside the app; without it concurrent appends lose rows.
- Version tokens: a lock cannot stop a stale tab from overwriting newer data, so a save may name
  the version it was based on and is refused if the file changed since.
- Backups as hard links: the file being replaced is never modified in place, so linking it into
  backups/ before the replace keeps a snapshot at no cost (a copy where links are not allowed).
- A per-process cache keyed on the file's identity (inode, mtime, size) so each table is parsed
  once per change, not once per page run.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock

from nextround.storage.csvfile import (
    TEMP_SUFFIX,
    atomic_write_bytes,
    fsync_dir,
    normalise_frame,
    parse_csv_bytes,
)
from nextround.storage.errors import (
    DataFileError,
    NextRoundError,
    StaleDataError,
    StorageWriteError,
    ValidationError,
)
from nextround.storage.frames import empty_frame, to_csv_text
from nextround.storage.migrations import MIGRATIONS
from nextround.storage.schema import SCHEMA_VERSION, TABLES, Table, get_table
from nextround.storage.validation import frame_problems, normalise_choices

ABSENT = "absent"
BACKUPS_KEPT = 20
META_FILE = "nextround.json"
_BACKUP_NAME = re.compile(r"^(?P<table>[a-z_]+)-(?P<stamp>\d{8}-\d{6}-\d{6})\.csv$")


@dataclass(frozen=True)
class Backup:
    """A snapshot of one table, taken just before an overwrite."""

    table: str
    path: Path
    taken_at: datetime
    size: int


class Store:
    """The user's tables in one data folder. Safe to share across threads and processes."""

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        backups_kept: int = BACKUPS_KEPT,
        clean_temp: bool = True,
    ) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.backups_kept = backups_kept
        self._cache: dict[str, tuple[tuple[int, int, int], pd.DataFrame]] = {}
        self._cache_lock = threading.Lock()
        self.warnings: list[str] = []
        if clean_temp and self.data_dir.exists():
            self.clean_temp_files()

    # --- paths -------------------------------------------------------------------------------

    def path(self, table: str) -> Path:
        return self.data_dir / get_table(table).filename

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    def _lock(self, table: str) -> FileLock:
        lock_dir = self.data_dir / ".locks"
        try:
            lock_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageWriteError(table, self.path(table), exc) from exc
        return FileLock(str(lock_dir / f"{table}.lock"), timeout=30)

    @contextlib.contextmanager
    def _locked(self, table: str) -> Iterator[None]:
        """Hold the table's lock; a folder where no lock file can be made is reported as the
        write error it is (read-only, disk full) rather than as a crash."""
        lock = self._lock(table)
        try:
            lock.acquire()
        except OSError as exc:
            raise StorageWriteError(table, self.path(table), exc) from exc
        try:
            yield
        finally:
            lock.release()

    # --- reading -----------------------------------------------------------------------------

    @staticmethod
    def _identity(path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def version(self, table: str) -> str:
        """A token that changes whenever the table's file is replaced or edited."""
        ident = self._identity(self.path(table))
        return ABSENT if ident is None else "-".join(str(x) for x in ident)

    def load(self, table: str) -> pd.DataFrame:
        """The table as a typed DataFrame (a copy: changing it changes nothing on disk)."""
        return self.load_with_version(table)[0]

    def load_with_version(self, table: str) -> tuple[pd.DataFrame, str]:
        """The table and the version it was read at, for a later ``update(expected_version=)``."""
        spec = get_table(table)
        path = self.path(table)
        for _ in range(5):
            ident = self._identity(path)
            if ident is None:
                return empty_frame(spec), ABSENT
            with self._cache_lock:
                cached = self._cache.get(table)
            if cached and cached[0] == ident:
                return cached[1].copy(deep=False), "-".join(str(x) for x in ident)
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                continue
            if self._identity(path) != ident:
                continue  # replaced while we read it; read the new one
            frame = self._parse(spec, raw, path)
            with self._cache_lock:
                self._cache[table] = (ident, frame)
            return frame.copy(deep=False), "-".join(str(x) for x in ident)
        raise NextRoundError(f"{path.name} keeps changing while being read; try again.")

    def _parse(self, spec: Table, raw: bytes, path: Path) -> pd.DataFrame:
        return parse_csv_bytes(spec, raw, path)

    def check(self, table: str) -> DataFileError | None:
        """The problem with a table's file, or None when it reads cleanly."""
        try:
            self.load(table)
        except DataFileError as exc:
            return exc
        return None

    def broken_tables(self) -> dict[str, DataFileError]:
        found = {}
        for name in TABLES:
            problem = self.check(name)
            if problem is not None:
                found[name] = problem
        return found

    def is_empty(self) -> bool:
        """True on a first run: no applications saved yet."""
        return not self.path("applications").exists() or self.load("applications").empty

    # --- writing -----------------------------------------------------------------------------

    def update(
        self,
        table: str,
        fn: Callable[[pd.DataFrame], pd.DataFrame],
        expected_version: str | None = None,
    ) -> pd.DataFrame:
        """Apply ``fn`` to the current table and save the result, all under the table's lock.

        ``expected_version`` (from ``load_with_version``) makes the save refuse with
        StaleDataError when the file changed after the caller read it.
        """
        spec = get_table(table)
        path = self.path(table)
        with self._locked(table):
            current, version = self.load_with_version(table)
            if expected_version is not None and expected_version != version:
                raise StaleDataError(table)
            new = fn(current)
            if not isinstance(new, pd.DataFrame):
                raise TypeError(f"update function for {table} must return a DataFrame")
            new = normalise_frame(spec, normalise_choices(spec, new.copy(deep=False)))
            problems = frame_problems(spec, new)
            if problems:
                raise ValidationError(table, problems)
            self._write(spec, path, new)
            return new.copy(deep=False)

    def replace(
        self, table: str, frame: pd.DataFrame, expected_version: str | None = None
    ) -> pd.DataFrame:
        """Save ``frame`` as the whole table (a restore, an import)."""
        return self.update(table, lambda _current: frame, expected_version=expected_version)

    def _write(self, spec: Table, path: Path, frame: pd.DataFrame) -> None:
        # CRLF (RFC 4180) so that a lone carriage return inside a cell gets quoted too.
        payload = to_csv_text(spec, frame).to_csv(index=False, lineterminator="\r\n")
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if path.exists():
                self._snapshot(spec.name, path)
            atomic_write_bytes(path, payload.encode("utf-8"))
        except OSError as exc:
            raise StorageWriteError(spec.name, path, exc) from exc
        ident = self._identity(path)
        if ident is not None:
            with self._cache_lock:
                self._cache[spec.name] = (ident, frame.copy(deep=False))

    # --- backups -----------------------------------------------------------------------------

    def _snapshot(self, table: str, path: Path) -> None:
        folder = self.backup_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = folder / f"{table}-{stamp}.csv"
        n = 0
        while target.exists():
            n += 1
            target = folder / f"{table}-{stamp[:-6]}{(int(stamp[-6:]) + n) % 1_000_000:06d}.csv"
        try:
            os.link(path, target)
        except OSError:
            atomic_write_bytes(target, path.read_bytes())
        kept = sorted(folder.glob(f"{table}-*.csv"))
        for old in kept[: max(0, len(kept) - self.backups_kept)]:
            old.unlink(missing_ok=True)

    def backups(self, table: str | None = None) -> list[Backup]:
        """Snapshots, newest first."""
        names = [table] if table else list(TABLES)
        found: list[Backup] = []
        for name in names:
            folder = self.backup_dir / name
            if not folder.is_dir():
                continue
            for path in folder.glob(f"{name}-*.csv"):
                match = _BACKUP_NAME.match(path.name)
                if not match or match["table"] != name:
                    continue
                taken = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
                found.append(Backup(name, path, taken, path.stat().st_size))
        return sorted(found, key=lambda b: b.taken_at, reverse=True)

    def restore(self, backup: Backup) -> pd.DataFrame:
        """Put a snapshot back; the current file is snapshotted first, so it can be undone."""
        folder = (self.backup_dir / backup.table).resolve()
        path = backup.path.resolve()
        if path.parent != folder or not _BACKUP_NAME.match(path.name):
            raise NextRoundError("That is not one of this folder's backups.")
        frame = self._parse(get_table(backup.table), path.read_bytes(), path)
        return self.replace(backup.table, frame)

    # --- broken files ------------------------------------------------------------------------

    def quarantine(self, table: str) -> Path:
        """Move a table's file aside (kept for the user to fix) so the table starts empty."""
        path = self.path(table)
        with self._locked(table):
            self.quarantine_dir.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = self.quarantine_dir / f"{table}-{stamp}.csv"
            n = 1
            while target.exists():
                target = self.quarantine_dir / f"{table}-{stamp}-{n}.csv"
                n += 1
            os.replace(path, target)
            fsync_dir(self.data_dir)
            with self._cache_lock:
                self._cache.pop(table, None)
        return target

    def clean_temp_files(self) -> list[Path]:
        """Remove temp files left by a crash. Each table's are removed under its lock, so a
        write in flight in another process is never touched."""
        removed: list[Path] = []
        for name in TABLES:
            pattern = f".{name}.csv.*{TEMP_SUFFIX}"
            strays = list(self.data_dir.glob(pattern))
            if not strays:
                continue
            try:
                with self._locked(name):
                    for stray in self.data_dir.glob(pattern):
                        stray.unlink(missing_ok=True)
                        removed.append(stray)
            except (OSError, NextRoundError) as exc:
                self.warnings.append(f"Could not remove leftover temp files: {exc}")
        return removed

    # --- schema version ----------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Bring an older data folder up to SCHEMA_VERSION, one step at a time, with backups.

        A folder with tables but no meta file predates versioning (version 0); a new folder is
        stamped with the current version. Returns what was done, for the page to show.
        """
        meta = self.read_meta()
        has_tables = any(self.path(name).exists() for name in TABLES)
        current = int(meta.get("schema_version", 0 if has_tables else SCHEMA_VERSION))
        if current > SCHEMA_VERSION:
            raise NextRoundError(
                f"This data folder was written by a newer Next Round (schema {current}); "
                f"this one understands up to {SCHEMA_VERSION}. Update the app to open it."
            )
        done: list[str] = []
        for version in range(current + 1, SCHEMA_VERSION + 1):
            done.append(MIGRATIONS[version](self))
            self.write_meta(schema_version=version)
        if not meta and self.data_dir.exists():
            self.write_meta(schema_version=SCHEMA_VERSION)
        return done


    def read_meta(self) -> dict:
        path = self.data_dir / META_FILE
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def write_meta(self, **values: object) -> None:
        meta = self.read_meta() | values
        meta.setdefault("schema_version", SCHEMA_VERSION)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(
            self.data_dir / META_FILE, json.dumps(meta, indent=2, sort_keys=True).encode()
        )

