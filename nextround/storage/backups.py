"""Backups of each table, and the records of changes that span several tables (an import).

Why each piece exists:
- A backup is the file as it was just before a save replaced it, hard-linked into
  backups/<table>/ (copied where links are not allowed, with its modification time kept so the
  version it was is still recognised). It is taken before the write and discarded again when
  the write fails; old ones are pruned only after a write succeeded, so a run of failed saves
  (a full disk) never pushes real versions out.
- Backups are ordered by a sequence number in their name, never by the clock: a time-zone or
  daylight-saving change, or a clock set back, cannot make pruning keep the wrong ones. The time
  in the name is UTC and is only shown. Older installs named backups by local time alone; those
  still list, restore and prune, as older than every numbered one.
- A unit is one change across one or more tables (an import, its undo, a restore): a record in
  backups/units/ holds its label, the backup taken of each table before it and the rows it
  added. That is what lists an import as "before import of FILE (40 rows)", undoes it in one
  step, recognises the same file coming again, and rolls a change back after a crash midway.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from nextround.storage.csvfile import atomic_write_bytes

NAME = re.compile(
    r"^(?P<table>[a-z_]+)-(?P<seq>\d{6,})-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<unit>U\d{5,}))?\.csv$"
)
LEGACY_NAME = re.compile(r"^(?P<table>[a-z_]+)-(?P<stamp>\d{8}-\d{6}-\d{6})\.csv$")
UNIT_NAME = re.compile(r"^U(?P<n>\d{5,})\.json$")
UNITS_KEPT = 200  # of each kind: everyday changes never push an import's record out
#: Changes made many times a day (an event logged, an action marked, a note sent): their records
#: only label the backups taken for them, so fewer are kept.
EVERYDAY_KINDS = {"event": 40, "action": 40, "sent note": 40}
PLAIN_LABEL = "before a save"


@dataclass(frozen=True)
class Backup:
    """A snapshot of one table, taken just before a save replaced it."""

    table: str
    path: Path
    taken_at: datetime
    size: int
    seq: int = 0  # 0 for backups named by an older version, by local time alone
    unit: str | None = None
    label: str = PLAIN_LABEL

    @property
    def order(self) -> tuple[int, datetime]:
        return (self.seq, self.taken_at)

    def describe(self) -> str:
        """How a person reads it: "Tue 5 Jan 2027, 10:15:07 · before import of x.csv (40 rows)".
        To the second: two saves a minute apart are common, and the picker must tell them apart."""
        when = self.taken_at.astimezone()
        return f"{when:%a} {when.day} {when:%b %Y, %H:%M:%S} · {self.label}"


@dataclass
class Unit:
    """One change across tables. ``before`` maps each table to the backup taken of it (None when
    the table had no file yet, or when it could not be read: then ``set_aside`` names the copy
    kept in the quarantine folder); ``written`` to the version the change wrote; ``added`` to
    the keys of the rows it added; ``undoes`` to the unit this one took back (an undo)."""

    id: str
    label: str
    kind: str
    taken_at: str
    source: str = ""
    rows: int = 0
    state: str = "pending"  # pending, done or undone
    undone_by: str | None = None
    before: dict[str, str | None] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    added: dict[str, list[str]] = field(default_factory=dict)
    set_aside: dict[str, str] = field(default_factory=dict)
    undoes: str | None = None

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.taken_at)

    def describe(self) -> str:
        when = self.when.astimezone()
        return f"{when:%a} {when.day} {when:%b %Y, %H:%M:%S} · {self.label}"


def same_file(a: Path, b: Path) -> bool:
    """True when both paths hold the same bytes (the same inode, or equal content)."""
    try:
        return os.path.samefile(a, b) or a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def parse_name(table: str, path: Path) -> tuple[int, datetime, str | None] | None:
    """(sequence, time taken, unit id) from a backup's file name, or None if it is not one."""
    match = NAME.match(path.name)
    if match and match["table"] == table:
        taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return int(match["seq"]), taken, match["unit"]
    legacy = LEGACY_NAME.match(path.name)
    if legacy and legacy["table"] == table:
        naive = datetime.strptime(legacy["stamp"], "%Y%m%d-%H%M%S-%f").replace(microsecond=0)
        return 0, naive.astimezone(), None
    return None


class Shelf:
    """The backups/ folder of one data folder. Callers hold the table's lock (and the units
    lock for unit records); nothing here locks."""

    def __init__(self, folder: Path, kept: int) -> None:
        self.folder = folder
        self.kept = kept

    @property
    def units_dir(self) -> Path:
        return self.folder / "units"

    # --- backups -------------------------------------------------------------------------------

    def take(self, table: str, source: Path, unit: Unit | None = None) -> Path:
        """Snapshot ``source`` (the table's file) as the table's next backup."""
        folder = self.folder / table
        folder.mkdir(parents=True, exist_ok=True)
        seq = max((b.seq for b in self.list(table, labelled=False)), default=0) + 1
        suffix = f"-{unit.id}" if unit else ""
        target = folder / f"{table}-{seq:06d}-{_utc_now():%Y%m%dT%H%M%SZ}{suffix}.csv"
        try:
            os.link(source, target)
        except OSError:
            atomic_write_bytes(target, source.read_bytes())
            st = source.stat()  # the same modification time: the version stays recognisable
            os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
        return target

    @staticmethod
    def discard(backup: Path | None) -> None:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()

    def prune(self, table: str) -> None:
        """Keep the newest ``kept`` backups of a table (never one a pending change needs)."""
        for old in self.list(table, labelled=False)[self.kept:]:
            record = self.unit(old.unit) if old.unit else None
            if record is None or record.state != "pending":
                self.discard(old.path)

    def list(self, table: str, labelled: bool = True) -> list[Backup]:
        """The table's backups, newest first. Anything else in the folder (a stray file, a
        dangling link) is passed over, never a reason to fail."""
        folder = self.folder / table
        if not folder.is_dir():
            return []
        labels: dict[str, str] = {}
        found: list[Backup] = []
        for path in folder.glob(f"{table}-*.csv"):
            parsed = parse_name(table, path)
            if parsed is None:
                continue
            try:
                size = path.stat().st_size
            except OSError:
                continue
            seq, taken, unit = parsed
            if labelled and unit and unit not in labels:
                record = self.unit(unit)
                labels[unit] = f"before {record.label}" if record else PLAIN_LABEL
            label = labels.get(unit or "", PLAIN_LABEL)
            found.append(Backup(table, path, taken, size, seq, unit, label))
        return sorted(found, key=lambda b: b.order, reverse=True)

    def find(self, table: str, name: str | None) -> Path | None:
        if not name:
            return None
        path = self.folder / table / name
        return path if path.is_file() else None

    def with_version(self, table: str, identity: tuple[int, int, int]) -> Path | None:
        """The backup that is the file as it was at ``identity`` (inode, mtime, size): the same
        inode for a hard link, the same time and size for a copy."""
        ino, mtime, size = identity
        fallback = None
        for backup in self.list(table):
            try:
                st = backup.path.stat()
            except OSError:
                continue
            if st.st_mtime_ns == mtime and st.st_size == size:
                if st.st_ino == ino:
                    return backup.path
                fallback = fallback or backup.path
        return fallback

    # --- units ---------------------------------------------------------------------------------

    def begin(self, label: str, kind: str, source: str = "", rows: int = 0) -> Unit:
        """A new pending unit with the next number (the caller holds the units lock). It is
        saved once, complete, just before its first table is replaced (see ``changes``)."""
        self.units_dir.mkdir(parents=True, exist_ok=True)
        numbers = [int(m["n"]) for p in self.units_dir.glob("U*.json")
                   if (m := UNIT_NAME.match(p.name))]
        return Unit(f"U{max(numbers, default=0) + 1:05d}", label, kind,
                    _utc_now().isoformat(), source, rows)

    def save(self, unit: Unit) -> None:
        payload = json.dumps(asdict(unit), indent=1, sort_keys=True).encode("utf-8")
        atomic_write_bytes(self.units_dir / f"{unit.id}.json", payload)

    def forget(self, unit: Unit, current: Callable[[str], Path]) -> None:
        """Drop a unit that did not happen: its record, and the copies taken for it that are
        the very file the table still is (``current`` gives a table's file). A copy that is not
        (the table changed meanwhile) stays, as a plain backup: it may be the only one left.
        Only deletes, so it works on a full disk."""
        for table in set(unit.before) | set(unit.set_aside) | set(unit.written):
            target = current(table)
            copies = [b.path for b in self.list(table, labelled=False) if b.unit == unit.id]
            if table in unit.set_aside:
                copies.append(self.folder.parent / "quarantine" / unit.set_aside[table])
            for copy in copies:
                if same_file(copy, target):
                    self.discard(copy)
        with contextlib.suppress(OSError):
            (self.units_dir / f"{unit.id}.json").unlink()

    def units(self, kinds: Iterable[str] | None = None,
              complete: Callable[[Unit], bool] | None = None) -> list[Unit]:
        """Every readable unit record, newest first. A unit another one undid reads as undone
        even when its own record could not be marked so (the disk was full): the undo's record,
        saved before its tables were replaced, is what says so."""
        if not self.units_dir.is_dir():
            return []
        wanted = set(kinds) if kinds else None
        every = [u for path in self.units_dir.glob("U*.json")
                 if UNIT_NAME.match(path.name) and (u := self.unit(path.stem)) is not None]
        for unit in every:
            # Every table replaced but not yet marked done (the disk filled up just then).
            if unit.state == "pending" and complete is not None and complete(unit):
                unit.state = "done"
        undone = {u.undoes: u.id for u in every if u.undoes and u.state == "done"}
        found = []
        for unit in every:
            if unit.state == "done" and unit.id in undone:
                unit.state, unit.undone_by = "undone", undone[unit.id]
            if wanted is None or unit.kind in wanted:
                found.append(unit)
        return sorted(found, key=lambda u: u.id, reverse=True)

    def unit(self, unit_id: str) -> Unit | None:
        """One unit's record, or None when it is missing or unreadable."""
        if not re.fullmatch(r"U\d{5,}", unit_id):
            return None
        try:
            text = (self.units_dir / f"{unit_id}.json").read_text(encoding="utf-8")
            return Unit(**json.loads(text))
        except (OSError, ValueError, TypeError):
            return None

    def prune_units(self) -> None:
        """Keep the newest records of each kind (never a pending one): an import stays
        recognised and undoable however many events are logged after it."""
        seen: dict[str, int] = {}
        for old in self.units():
            seen[old.kind] = seen.get(old.kind, 0) + 1
            if seen[old.kind] > EVERYDAY_KINDS.get(old.kind, UNITS_KEPT) and old.state != "pending":
                with contextlib.suppress(OSError):
                    (self.units_dir / f"{old.id}.json").unlink()
