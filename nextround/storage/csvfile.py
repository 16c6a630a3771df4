"""One table as a file: written atomically, and read back as typed columns or explained.

Why each piece exists:
- Atomic replace: a plain ``to_csv`` killed mid-write leaves a truncated file that still parses
  with rows missing. We write a temp file in the same folder, fsync it, ``os.replace`` it over the
  target and fsync the folder, so a reader sees the old file or the new one, never half of one.
- Parsing that explains: a file that cannot be read raises ``DataFileError`` naming the row and
  column, in the words a spreadsheet user would use; the file itself is never touched.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from nextround.storage.errors import DataFileError, Problem, ValidationError
from nextround.storage.frames import PANDAS_DTYPES, convert_columns, empty_frame
from nextround.storage.schema import Table
from nextround.storage.validation import frame_problems, normalise_choices

TEMP_SUFFIX = ".tmp"


def use_a_memory_pool_that_gives_back() -> str:
    """Arrow's allocations (the CSV reader, pandas' text columns) from jemalloc, which hands
    memory it no longer uses back to the system within a second, rather than mimalloc, Arrow's
    default here, which keeps it: after Home at 50,000 applications the process held 360 MB
    at its peak with mimalloc and 295 MB with jemalloc (the system allocator: 318 MB), for the
    same tables. Buffers already allocated stay with their own pool. Returns the pool's name;
    a pyarrow built without jemalloc keeps its default."""
    with contextlib.suppress(pa.ArrowException):  # a pyarrow built without jemalloc
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    return pa.default_memory_pool().backend_name


use_a_memory_pool_that_gives_back()

#: glibc's mallopt parameter for the size from which a block gets its own mapping.
_M_MMAP_THRESHOLD = -3
LARGE_BLOCK = 128 * 1024


def give_back_large_blocks() -> bool:
    """Every block of 128 KiB or more (a file's bytes, pandas' and numpy's column buffers)
    mapped on its own, so freeing it gives it back to the system at once. glibc starts there
    but raises the threshold to the size of any large block freed (up to 32 MB), and after
    the first table is read, later buffers come from the heap and stay with the process: after
    every page at 50,000 applications the process peaked at 385 MB, and at 365 MB with the
    threshold fixed (the rules and the load measured within their run-to-run spread). Only
    where the C library is glibc; returns whether it was set."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK))
    except (OSError, AttributeError):  # not glibc (macOS, musl): its own allocator's ways
        return False


give_back_large_blocks()


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def write_temp(path: Path, payload: bytes) -> Path:
    """The bytes in a temp file beside ``path``, flushed to disk, ready to be renamed over it.

    A rename needs no room on the disk: a change across tables writes every temp file first,
    so once they are all written nothing that can fail for want of space is left (see
    ``changes``). A failed write leaves no temp file behind.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with contextlib.suppress(FileNotFoundError):
            # Keep the permissions the user gave the file; new files stay private (0600).
            os.chmod(tmp_name, path.stat().st_mode & 0o777)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return Path(tmp_name)


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write bytes so that a crash leaves either the old file or the new one, complete."""
    tmp = write_temp(path, payload)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def parse_csv_bytes(table: Table, raw: bytes, path: Path) -> pd.DataFrame:
    """Parse and type a table's CSV file, or raise DataFileError naming the row and column.

    The bytes are never decoded into one Python string first (that doubled the peak memory of
    loading a large table): a well-formed UTF-8 file is read by Arrow's CSV reader, anything
    else by pandas, which explains its problems by row. A file that is not UTF-8 is tried as
    Windows-1252 (older Excel), and UTF-16 (Excel's "Unicode text") is decoded up front.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw = raw.decode("utf-16").encode("utf-8")
    if not raw.strip():
        return empty_frame(table)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _parse_frame(table, raw, encoding, path)
        except UnicodeDecodeError:
            continue
    try:
        raw.decode("utf-8")
        line = None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
    raise DataFileError(
        table.name,
        path,
        [Problem(line, None, "has bytes that are not text in UTF-8 or Windows-1252")],
        hint="Save it again from your spreadsheet as 'CSV UTF-8', or restore a backup.",
    )


MAX_COLUMNS = 200  # ours are at most 16 per table; the rest is room for the user's own
_PREFIX_BYTES = 1 << 20
_EXTRA = "\x00extra"
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' "str", as read_csv gives it


class CsvShapeError(ValueError):
    """The file's rows and columns cannot be lined up; ``problem`` says where."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _first_records(data: bytes, encoding: str, sep: str) -> tuple[list[str], int]:
    """The header's names and how many values the first row under it has, from the start of
    the file only: a 100,000-column file is refused before pandas spends a minute on it."""
    prefix = data[:_PREFIX_BYTES].decode(encoding, errors="replace")
    reader = csv.reader(io.StringIO(prefix, newline=""), delimiter=sep)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        return [], 0
    if len(header) > MAX_COLUMNS or (len(data) > _PREFIX_BYTES and reader.line_num <= 1
                                     and "\n" not in prefix):
        raise CsvShapeError(Problem(
            1, None, f"the header has more than {MAX_COLUMNS} columns ({len(header):,} read); "
                     "a table here has far fewer, so this is not a file of this app"))
    try:
        first = next(reader)
    except (csv.Error, StopIteration):
        first = []
    return header, len(first)


def read_csv_frame(data: bytes, encoding: str, sep: str = ",") -> tuple[pd.DataFrame, list[int]]:
    """Text cells of a CSV, one column per header name, and the spreadsheet rows that hold
    more values than the header names (beyond the last named column).

    A row one value wider than the header (a trailing comma, as spreadsheets write) used to
    shift every column one to the left, or lose the value silently: extra values are read into
    their own columns here, dropped when empty and reported when not. Raises CsvShapeError for
    a header that is unusable, UnicodeDecodeError for the wrong encoding.
    """
    header, first_width = _first_records(data, encoding, sep)
    names = list(header)
    while names and not names[-1].strip():
        names.pop()  # a trailing comma in the header too: an unnamed empty column
    if any(not n.strip() for n in names) or len(set(names)) != len(names):
        raise CsvShapeError(Problem(1, None, "the header row has an empty or repeated column name"))
    extra = max(first_width, len(header)) - len(names)
    # One column: pandas skips a line of spaces, Arrow keeps it as a row; pandas reads those.
    if extra == 0 and encoding == "utf-8-sig" and len(names) > 1:
        fast = _read_with_arrow(data, names, sep)
        if fast is not None:
            return fast, []
    options: dict = {"encoding": encoding, "sep": sep, "dtype": "str", "index_col": False,
                     "keep_default_na": False, "na_values": [""], "skip_blank_lines": True}
    if extra > 0:
        options |= {"header": 0, "names": [*names, *(f"{_EXTRA}{i}" for i in range(extra))]}
    try:
        frame = pd.read_csv(io.BytesIO(data), **options)
    except pd.errors.EmptyDataError:
        return pd.DataFrame({n: pd.Series([], dtype="str") for n in names}), []
    except UnicodeDecodeError:
        raise
    except (pd.errors.ParserError, ValueError) as exc:
        raise CsvShapeError(_parser_problem(str(exc), len(names))) from None
    extras = [c for c in frame.columns if str(c).startswith(_EXTRA)]
    wide: list[int] = []
    if extras:
        filled = frame[extras].notna() & (frame[extras].astype("str").apply(
            lambda col: col.str.strip()) != "")
        wide = [int(i) + 2 for i in filled.any(axis=1).to_numpy().nonzero()[0]]
        frame = frame.drop(columns=extras)
    return frame, wide


def _read_with_arrow(data: bytes, names: list[str], sep: str) -> pd.DataFrame | None:
    """The frame pandas' reader gives in ``read_csv_frame`` (every cell as text, empty cells
    missing, nothing else interpreted), read by Arrow's CSV reader about four times sooner:
    pandas asked for text converts every cell to a Python string and back.

    Only for a well-formed UTF-8 file whose rows all have the header's width: None for anything
    else (a row too wide or too short, bytes that are not UTF-8, a header Arrow reads otherwise),
    and then pandas reads it and any problem is explained with its row as before.

    Read in one thread, as large strings: Arrow's thread pool costs more than it saves on a
    table's few megabytes on two cores (a 10,000-application events file: 12 ms against 41 ms
    at best, measured in one run), and large strings are what pandas' "str" holds, so the
    columns are handed over without a copy (about 15 MB less at the peak at 50,000).
    """
    try:
        read = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()), null_values=[""],
                strings_can_be_null=True, quoted_strings_can_be_null=True),
        )
    except (pa.ArrowException, ValueError):
        return None
    if read.column_names != names or not all(pa.types.is_large_string(t)
                                             for t in read.schema.types):
        return None
    return read.to_pandas(types_mapper={pa.large_string(): _TEXT}.get)


def wide_row_problem(row: int, columns: int) -> Problem:
    return Problem(row, None, f"has more values than the header's {columns} columns (a comma "
                              "inside a value needs the value in double quotes)")


def _parse_frame(table: Table, data: bytes, encoding: str, path: Path) -> pd.DataFrame:
    try:
        raw, wide = read_csv_frame(data, encoding)
    except CsvShapeError as exc:
        raise DataFileError(table.name, path, [exc.problem]) from None
    header = [str(c) for c in raw.columns]
    if not header:
        return empty_frame(table)  # nothing but a byte-order mark or blank lines
    if table.key not in raw.columns:
        raise DataFileError(
            table.name,
            path,
            [Problem(1, table.key, f"the header has no {table.key!r} column")],
            hint=f"The first row must name the columns: {', '.join(table.column_names)}.",
        )
    if wide:
        raise DataFileError(table.name, path, [wide_row_problem(r, len(header)) for r in wide])
    _check_not_cut_off(table, data, encoding, header, path)
    raw = normalise_choices(table, raw)
    frame, cell_problems = convert_columns(table, raw, first_line=2)
    problems = [Problem(p.row, p.column, f"{p.value!r}: {p.message}") for p in cell_problems]
    # A cell that is not a date is wrong for that reason, not also "required but empty".
    reported = {(p.row, p.column) for p in cell_problems}
    problems += [p for p in frame_problems(table, frame) if (p.row, p.column) not in reported]
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        raise DataFileError(table.name, path, problems)
    return frame


def _parser_problem(message: str, columns: int | None = None) -> Problem:
    fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if fields:
        expected, line, saw = (int(g) for g in fields.groups())
        return Problem(
            line,
            None,
            f"has {saw} values but the header has {columns or expected} columns "
            "(a comma inside a value needs the value in double quotes)",
        )
    if "EOF inside string" in message or "EOF while" in message:
        start = re.search(r"line (\d+)", message)
        return Problem(
            int(start.group(1)) if start else None,
            None,
            "a quoted value is never closed: the file looks cut off or has a stray double quote",
        )
    return Problem(None, None, f"not a readable CSV file ({message.strip()})")


def _check_not_cut_off(
    table: Table, data: bytes, encoding: str, header: list[str], path: Path
) -> None:
    """A file that stops mid-row (no final newline, too few values) was cut off while saving."""
    if data.endswith((b"\n", b"\r")):
        return
    last_line = data.rsplit(b"\n", 1)[-1].decode(encoding, errors="replace")
    try:
        fields = next(csv.reader([last_line]))
    except (csv.Error, StopIteration):
        return
    if 0 < len(fields) < len(header):
        row = data.count(b"\n") + 1
        raise DataFileError(
            table.name,
            path,
            [
                Problem(
                    row,
                    None,
                    f"the last row has {len(fields)} of {len(header)} values: the file looks "
                    "cut off",
                )
            ],
        )


def normalise_frame(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Schema columns first, in order and in their dtypes; extra columns kept as text after them."""
    frame = frame.reset_index(drop=True)
    missing = [c for c in table.columns if c.name not in frame.columns]
    mistyped = [
        c
        for c in table.columns
        if c.name in frame.columns and str(frame[c.name].dtype) != str(PANDAS_DTYPES[c.kind])
    ]
    if missing or mistyped:
        frame, problems = convert_columns(table, frame, first_line=2)
        if problems:
            raise ValidationError(
                table.name,
                [Problem(p.row, p.column, f"{p.value!r}: {p.message}") for p in problems],
            )
    for column in table.columns:
        if column.kind == "date":
            values = frame[column.name]
            if (values.dropna().dt.normalize() != values.dropna()).any():
                frame[column.name] = values.dt.normalize()
    order = table.column_names + [c for c in frame.columns if c not in table.column_names]
    if list(frame.columns) != order:
        frame = frame[order]
    return frame
