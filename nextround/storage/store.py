"""Crash-safe, locked, versioned CSV tables in a folder the user owns.

Why each piece exists:
- Atomic files (see ``csvfile``): a reader sees the old file or the new one, never half of one.
- Tables are regular files in the data folder, and nothing else is read or written: a symbolic
  link to a file elsewhere, a link loop, a dangling link, a device, a pipe or a folder in a
  table's place is a broken table (its panel explains it), never written through (that replaced
  a device node with a file, and created files wherever a dangling link pointed). A link to a
  regular file in the data folder itself is written through and stays a link.
- File lock around the whole read-modify-write: browser tabs are sessions in one process, and
  scripts may run beside the app; without it concurrent appends lose rows.
- Version tokens: a lock cannot stop a stale tab from overwriting newer data, so a save may name
  the version it was based on. It is refused when a row it touches changed since that version
  (``conflicts``); the old version is read back from its backup, which is that very file.
- Backups before every overwrite and units for changes across tables (see ``backups``).
- A per-process cache keyed on the file's identity (inode, mtime, size) so each table is parsed
  once per change, not once per page run.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock

from nextround.storage import conflicts
from nextround.storage.backups import Backup, Shelf, Unit
from nextround.storage.changes import Changes
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
    Problem,
    StaleDataError,
    StorageWriteError,
    ValidationError,
)
from nextround.storage.frames import empty_frame
from nextround.storage.migrations import MIGRATIONS
from nextround.storage.schema import SCHEMA_VERSION, TABLES, Table, get_table
from nextround.storage.small import csv_bytes, save_problems
from nextround.storage.validation import normalise_choices

ABSENT = "absent"
BACKUPS_KEPT = 20
META_FILE = "nextround.json"

__all__ = ["ABSENT", "BACKUPS_KEPT", "META_FILE", "Backup", "Store", "Unit"]


class Store(Changes):
    """The user's tables in one data folder. Safe to share across threads and processes."""

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        backups_kept: int = BACKUPS_KEPT,
        clean_temp: bool = True,
    ) -> None:
        self.data_dir = Path(data_dir).resolve()
        self.backups_kept = backups_kept
        self.shelf = Shelf(self.data_dir / "backups", backups_kept)
        self._cache: dict[str, tuple[tuple[int, int, int], pd.DataFrame]] = {}
        self._cache_lock = threading.Lock()
        self.warnings: list[str] = []
        self.problem: str | None = None
        if clean_temp and self.data_dir.is_dir():
            self.clean_temp_files()
            self.recover()

    # --- paths -------------------------------------------------------------------------------

    def path(self, table: str) -> Path:
        return self.data_dir / get_table(table).filename

    def _target(self, table: str) -> Path:
        """Where the table's bytes really live: the file, or the target of a symbolic link to a
        regular file in the data folder. For anything else (see ``_not_a_table_file``) the name
        itself: it is only ever read as broken, and replaced as a whole by a restore."""
        path = self.path(table)
        if not path.is_symlink() or self._not_a_table_file(path):
            return path
        return Path(os.path.realpath(path))

    def _not_a_table_file(self, path: Path) -> str | None:
        """Why the thing at ``path`` is not a table the app may read and write, in the words of
        the broken-file panel ("is a link to ... outside the data folder"); None when it is a
        regular file in the data folder (or a link to one), or nothing at all."""
        try:
            own = path.lstat()
        except (FileNotFoundError, NotADirectoryError):
            return None  # nothing there (the folder's own problem is told apart)
        except OSError as exc:
            return f"is not reachable ({exc.strerror})"
        if stat.S_ISLNK(own.st_mode):
            real = Path(os.path.realpath(path))
            try:
                st = real.stat()
            except OSError as exc:
                if exc.errno == errno.ELOOP or real == path:
                    return "is a symbolic link that loops back on itself"
                return f"is a symbolic link to {real}, which does not exist"
            if real.parent != self.data_dir:
                return f"is a symbolic link to {real}, outside the data folder"
        else:
            st = own
        if not stat.S_ISREG(st.st_mode):
            what = ("a folder" if stat.S_ISDIR(st.st_mode) else
                    "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                    "a pipe" if stat.S_ISFIFO(st.st_mode) else "not a regular file")
            linked = " (through a symbolic link)" if stat.S_ISLNK(own.st_mode) else ""
            return f"is {what}{linked}, not a file"
        return None

    @property
    def backup_dir(self) -> Path:
        return self.shelf.folder

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @contextlib.contextmanager
    def _locked(self, *names: str) -> Iterator[None]:
        """Hold the locks of these tables (always taken in name order, so two changes over
        several tables cannot wait on each other); a folder where no lock file can be made is
        reported as the write error it is (read-only, disk full) rather than as a crash."""
        lock_dir = self.data_dir / ".locks"
        with contextlib.ExitStack() as held:
            for name in sorted(set(names)):
                try:
                    lock_dir.mkdir(parents=True, exist_ok=True)
                    lock = FileLock(str(lock_dir / f"{name}.lock"), timeout=30)
                    lock.acquire()
                except OSError as exc:
                    raise StorageWriteError(name, self.data_dir / f"{name}.csv", exc) from exc
                held.callback(lock.release)
            yield

    # --- the folder --------------------------------------------------------------------------

    def open(self) -> Store:
        """Get the folder ready (schema upgrades). What stops the app from using it goes to
        ``problem``; what only limits it (a read-only folder) goes to ``warnings``."""
        self.problem = self.folder_problem()
        if self.problem:
            return self
        try:
            self.migrate()
        except (StorageWriteError, OSError) as error:
            # Not stamped or upgraded yet: reading still works, saving will say why it fails.
            if self._writable():
                self.warnings.append(f"Could not prepare the data folder: {error}")
        except NextRoundError as error:
            self.problem = str(error)
        return self

    def _writable(self) -> bool:
        folder = self.data_dir if self.data_dir.exists() else self.data_dir.parent
        return os.access(folder, os.W_OK)

    def folder_warnings(self) -> list[str]:
        """What limits the app without stopping it: a read-only folder (checked now, so it
        goes away once fixed), and what the store noticed on start (a change rolled back)."""
        found = list(self.warnings)
        if not self._writable():
            found.insert(0, f"The data folder {self.data_dir} is read-only: you can look at "
                            "everything, but no change can be saved until it can be written to.")
        return found

    def folder_problem(self) -> str | None:
        """Why the data folder cannot be used at all, in words a person can act on."""
        where = self.data_dir
        if where.exists() and not where.is_dir():
            return (f"The data folder {where} is a file, not a folder. Move that file away, "
                    "or set NEXTROUND_DATA_DIR to a folder, and reload.")
        if where.is_dir() and not os.access(where, os.R_OK | os.X_OK):
            return (f"The data folder {where} cannot be opened: permission denied. Give your "
                    "user read and write permission on it, and reload.")
        return None

    # --- reading -----------------------------------------------------------------------------

    @staticmethod
    def _identity(path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            try:  # a dangling link: its own identity, so it never reads as "absent"
                st = path.lstat()
            except OSError:
                return None
        except NotADirectoryError:
            return None
        except OSError:  # a link loop: its own identity too
            st = path.lstat()
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
        unusable = self._not_a_table_file(path)
        if unusable:
            raise DataFileError(
                spec.name, path, [Problem(None, None, unusable)],
                hint="The app reads and writes only regular files in the data folder, never "
                     f"through a link to somewhere else. Put the file itself at {path} (or "
                     "move what is there away) and reload. Or restore a backup, or quarantine "
                     "it and start this table fresh: what it points to is left untouched.")
        for _ in range(5):
            ident = self._identity(path)
            if ident is None:
                return empty_frame(spec), ABSENT
            with self._cache_lock:
                cached = self._cache.get(table)
            if cached and cached[0] == ident:
                return cached[1].copy(deep=False), "-".join(str(x) for x in ident)
            raw = self._read(spec, path)
            if raw is None or self._identity(path) != ident:
                continue  # replaced while we read it; read the new one
            frame = self._parse(spec, raw, path)
            with self._cache_lock:
                self._cache[table] = (ident, frame)
            return frame.copy(deep=False), "-".join(str(x) for x in ident)
        raise NextRoundError(f"{path.name} keeps changing while being read; try again.")

    @staticmethod
    def _read(spec: Table, path: Path) -> bytes | None:
        """The file's bytes; None if it vanished meanwhile. A file the operating system will
        not let us read is a file that cannot be read, explained like any other."""
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
            raise DataFileError(
                spec.name, path, [Problem(None, None, f"cannot be opened: {reason}")],
                hint=f"Give your user read and write permission on {path}, then reload. Or on "
                     "the Data page move it to the quarantine folder and start this table fresh.",
            ) from None

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

    def _version_frame(self, table: str, version: str) -> pd.DataFrame | None:
        """The table as it was at ``version``, or None when that can no longer be known."""
        spec = get_table(table)
        if version == ABSENT:
            return empty_frame(spec)
        try:
            identity = tuple(int(x) for x in version.split("-"))
        except ValueError:
            return None
        if len(identity) != 3:
            return None
        with self._cache_lock:
            cached = self._cache.get(table)
        if cached and cached[0] == identity:
            return cached[1]
        backup = self.shelf.with_version(table, identity)  # type: ignore[arg-type]
        if backup is None:
            return None
        try:
            return self._parse(spec, backup.read_bytes(), backup)
        except (OSError, DataFileError):
            return None

    def conflicts(self, table: str, version: str, mine: pd.DataFrame,
                  scope: str | None = None) -> bool:
        """True when the rows ``mine`` stands for changed since ``version`` (see ``conflicts``);
        also when that version can no longer be read, to be safe."""
        current, now = self.load_with_version(table)
        if now == version:
            return False
        base = self._version_frame(table, version)
        return base is None or conflicts.conflicts(get_table(table), base, current, mine, scope)

    # --- writing -----------------------------------------------------------------------------

    def update(
        self,
        table: str,
        fn: Callable[[pd.DataFrame], pd.DataFrame],
        expected_version: str | None = None,
        scope: str | None = None,
    ) -> pd.DataFrame:
        """Apply ``fn`` to the current table and save the result, all under the table's lock.

        ``expected_version`` (from ``load_with_version``) makes the save refuse with
        StaleDataError when a row it touches changed after the caller read the table (or, with
        ``scope``, any row sharing that column's value with them).
        """
        spec = get_table(table)
        with self._locked(table):
            current, version = self.load_with_version(table)
            # A copy: ``fn`` may change its frame in place, and ``current`` is compared below.
            new = self._checked(spec, fn(current.copy(deep=False)))
            if expected_version is not None and expected_version != version:
                mine = conflicts.touched(spec, current, new)
                if self.conflicts(table, expected_version, mine, scope):
                    raise StaleDataError(table)
            self._write(spec, new)
            return new.copy(deep=False)

    def replace(
        self, table: str, frame: pd.DataFrame, expected_version: str | None = None
    ) -> pd.DataFrame:
        """Save ``frame`` as the whole table."""
        return self.update(table, lambda _current: frame, expected_version=expected_version)

    @staticmethod
    def _checked(spec: Table, new: object) -> pd.DataFrame:
        if not isinstance(new, pd.DataFrame):
            raise TypeError(f"update function for {spec.name} must return a DataFrame")
        new = normalise_frame(spec, normalise_choices(spec, new.copy(deep=False)))
        problems = save_problems(spec, new)
        if problems:
            raise ValidationError(spec.name, problems)
        return new

    def _write(self, spec: Table, frame: pd.DataFrame) -> None:
        """Back up the current file, write the new one; a failed write leaves no backup behind
        (so failures never push real versions out), and only a successful one prunes."""
        payload = csv_bytes(spec, frame)
        target = self._target(spec.name)
        backup = None
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if target.exists():
                backup = self.shelf.take(spec.name, target)
            atomic_write_bytes(target, payload)
        except OSError as exc:
            self.shelf.discard(backup)
            raise StorageWriteError(spec.name, self.path(spec.name), exc) from exc
        ident = self._identity(target)
        if ident is not None:
            with self._cache_lock:
                self._cache[spec.name] = (ident, frame.copy(deep=False))
        with contextlib.suppress(OSError):
            self.shelf.prune(spec.name)

    # --- backups -----------------------------------------------------------------------------

    def backups(self, table: str | None = None) -> list[Backup]:
        """Snapshots, newest first (by their sequence, whatever the clock did)."""
        names = [table] if table else list(TABLES)
        found = [b for name in names for b in self.shelf.list(name)]
        return sorted(found, key=lambda b: (b.order[0], b.taken_at.timestamp()), reverse=True)

    # --- broken files ------------------------------------------------------------------------

    def quarantine(self, table: str) -> Path:
        """Move a table's file aside (kept for the user to fix) so the table starts empty."""
        with self._locked(table):
            return self._set_aside(table)

    def _quarantine_name(self, table: str) -> Path:
        """A free name for a table's file in the quarantine folder."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.quarantine_dir / f"{table}-{stamp}.csv"
        n = 1
        while target.exists():
            target = self.quarantine_dir / f"{table}-{stamp}-{n}.csv"
            n += 1
        return target

    def _set_aside(self, table: str) -> Path:
        self.quarantine_dir.mkdir(parents=True, exist_ok=True)
        target = self._quarantine_name(table)
        os.replace(self.path(table), target)
        fsync_dir(self.data_dir)
        with self._cache_lock:
            self._cache.pop(table, None)
        return target

    def quarantined(self, table: str) -> list[Path]:
        """Files of this table set aside in the quarantine folder, newest first."""
        if not self.quarantine_dir.is_dir():
            return []
        return sorted(self.quarantine_dir.glob(f"{table}-*.csv"), reverse=True)

    def clean_temp_files(self) -> list[Path]:
        """Remove temp files left by a crash. Each table's are removed under its lock, so a
        write in flight in another process is never touched."""
        removed: list[Path] = []
        for name in TABLES:
            folder = self._target(name).parent
            pattern = f".{self._target(name).name}.*{TEMP_SUFFIX}"
            if not list(folder.glob(pattern)):
                continue
            try:
                with self._locked(name):
                    for stray in folder.glob(pattern):
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
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return meta if isinstance(meta, dict) else {}

    def write_meta(self, **values: object) -> None:
        meta = self.read_meta() | values
        meta.setdefault("schema_version", SCHEMA_VERSION)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(
            self.data_dir / META_FILE, json.dumps(meta, indent=2, sort_keys=True).encode()
        )
