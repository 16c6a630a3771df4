"""Errors the storage layer raises, each carrying a message a person can act on.

Pages show ``str(error)``; the attributes let tests and the doctor command check the details.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row. ``row`` is the spreadsheet row (the header is row 1)."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class NextRoundError(Exception):
    """Base class: every error the app expects to show to a person."""


class DataFileError(NextRoundError):
    """A data file that cannot be read as it is. The file is left untouched."""

    def __init__(self, table: str, path: Path, problems: list[Problem], hint: str = "") -> None:
        self.table = table
        self.path = Path(path)
        self.problems = problems
        self.hint = hint or (
            "Fix it in a text editor or spreadsheet and reload, or on the Data page keep a "
            "quarantine copy and start this table fresh. Until then the app will not overwrite it."
        )
        listed = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{self.path.name} cannot be read: {listed}{more}. {self.hint}")

    @property
    def first(self) -> Problem:
        return self.problems[0]


class ValidationError(NextRoundError):
    """A change that would break the table's rules; nothing was saved."""

    def __init__(self, table: str, problems: list[Problem]) -> None:
        self.table = table
        self.problems = problems
        listed = "; ".join(str(p) for p in problems[:5])
        super().__init__(f"Not saved: {listed}")


class StaleDataError(NextRoundError):
    """The file changed after this screen read it (another tab or program); nothing was saved."""

    def __init__(self, table: str) -> None:
        self.table = table
        super().__init__(
            f"Not saved: your {table.replace('_', ' ')} changed since this page was opened "
            "(in another tab or program). Reload the page to see the latest version, then make "
            "your change again."
        )


def os_reason(cause: OSError) -> str:
    """Why the operating system refused, in a person's words."""
    if cause.errno == errno.ENOSPC:
        return "the disk is full"
    if cause.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "the data folder is read-only"
    return cause.strerror or str(cause)


def os_failure(cause: OSError) -> str:
    """The sentence a page shows for a refusal of the operating system that reached it outside
    the store's own errors (writing the sample data, the folder's settings file)."""
    return (f"Could not finish this: {os_reason(cause)}. What was saved before is as it was. "
            "Free some space or fix the data folder's permissions, then try again.")


class StorageWriteError(NextRoundError):
    """The operating system refused a write (disk full, read-only folder); nothing changed."""

    def __init__(self, table: str, path: Path, cause: OSError) -> None:
        self.table = table
        self.path = Path(path)
        self.cause = cause
        self.reason = reason = os_reason(cause)
        super().__init__(
            f"Could not save {self.path.name}: {reason}. Your data is as it was before this "
            f"change. Free some space or fix the folder's permissions ({self.path.parent}), "
            "then try again."
        )


class UnfinishedChangeError(StorageWriteError):
    """A change across tables failed midway and the tables it had replaced could not all be
    put back yet. Nothing is lost: the change's record and backups stay, and the next start
    puts them back (``Store.recover``)."""

    def __init__(self, table: str, path: Path, cause: OSError, left: list[str]) -> None:
        super().__init__(table, path, cause)
        self.left = left
        tables = ", ".join(name.replace("_", " ") for name in left)
        Exception.__init__(
            self,
            f"Could not save {self.path.name}: {self.reason}, and the {tables} could not be put "
            "back as they were yet. Nothing is lost: every version is kept in the backups "
            "folder, and the app puts them back when it next starts. Free some space or fix "
            f"the folder's permissions ({self.path.parent}), then restart the app.",
        )
