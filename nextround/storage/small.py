"""The checks and the file text of a save, on plain Python values when the table is small.

A click saves one row, but a save checks every row of its table and turns every cell into
text again (the file is rewritten whole: that is what keeps it atomic). On a table of a few
hundred rows pandas costs the same per operation as on fifty thousand, and a save runs about
a hundred of them: at 100 applications the checks and the text of a Done's two tables were
about 20 ms of processor time, and the same work on plain values well under half that. Large
tables keep the vectorised path (``frame_problems``, ``to_csv_text``), which this module must
match exactly: the same problems in the same order, the same bytes (tested side by side).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from nextround.storage.errors import Problem
from nextround.storage.frames import PANDAS_DTYPES, scalar_text, to_csv_text, typed_frame
from nextround.storage.schema import DATE_FORMAT, DATETIME_FORMAT, Table, get_table
from nextround.storage.validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_PROBLEMS,
    date_range_problem,
    frame_problems,
)

#: Up to this many rows a save works on plain values (about where the two cost the same).
SMALL_ROWS = 2_000

_LOW = pd.Timestamp(EARLIEST_DATE)
_HIGH = pd.Timestamp(LATEST_DATE) + pd.Timedelta(days=1)


def save_problems(table: Table, frame: pd.DataFrame) -> list[Problem]:
    """What ``frame_problems`` says of a table about to be saved, sooner for a small one."""
    if len(frame) > SMALL_ROWS:
        return frame_problems(table, frame)
    return _problems(table, frame)


def csv_bytes(table: Table, frame: pd.DataFrame) -> bytes:
    """The file's bytes for a checked frame: CSV with CRLF line ends (RFC 4180, so a lone
    carriage return inside a cell gets quoted too), the cells as ``to_csv_text`` writes them."""
    kinds = {c.name: c.kind for c in table.columns}
    if len(frame) > SMALL_ROWS or not all(_typed(kinds.get(name, "text"), frame[name])
                                          for name in frame.columns):
        text = to_csv_text(table, frame).to_csv(index=False, lineterminator="\r\n")
        return text.encode("utf-8")
    columns = [_cells(kinds.get(name, "text"), frame[name]) for name in frame.columns]
    out = io.StringIO()
    # The dialect pandas' to_csv writes with (QUOTE_MINIMAL, doubled quotes, no escape).
    writer = csv.writer(out, lineterminator="\r\n", delimiter=",", quotechar='"',
                        doublequote=True, escapechar=None, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([str(name) for name in frame.columns])
    writer.writerows(zip(*columns, strict=True))
    return out.getvalue().encode("utf-8")


def _typed(kind: str, series: pd.Series) -> bool:
    """The column is in the dtype a check gives it (else the vectorised path converts it)."""
    if kind in ("date", "datetime"):
        return pd.api.types.is_datetime64_any_dtype(series)
    if kind in ("bool", "int"):
        return str(series.dtype) == {"bool": "boolean", "int": "Int64"}[kind]
    return True


def _missing(values: list) -> list[bool]:
    """``isna`` per cell, read off the plain values (cheaper than pandas on a few rows)."""
    return [v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v)
            for v in values]


def _day(v: pd.Timestamp) -> str:
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d}" if v.year >= 1000 else v.strftime(DATE_FORMAT)


def _moment(v: pd.Timestamp) -> str:
    if v.year < 1000:  # strftime writes such a year unpadded; never saved (out of range)
        return v.strftime(DATETIME_FORMAT)
    return (f"{v.year:04d}-{v.month:02d}-{v.day:02d} "
            f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}")


def _cells(kind: str, series: pd.Series) -> list[str]:
    """One column's cells as ``to_csv_text`` gives them (a missing value: the empty cell)."""
    values = series.tolist()
    missing = _missing(values)
    if kind in ("date", "datetime"):
        write = _day if kind == "date" else _moment
        return ["" if gone else write(v) for v, gone in zip(values, missing, strict=True)]
    if kind == "bool":
        return ["" if gone else ("true" if v else "false")
                for v, gone in zip(values, missing, strict=True)]
    if kind == "int":
        return ["" if gone else str(int(v)) for v, gone in zip(values, missing, strict=True)]
    if series.dtype == "str":
        return ["" if gone else v for v, gone in zip(values, missing, strict=True)]
    return ["" if gone else scalar_text(v) for v, gone in zip(values, missing, strict=True)]


def _blank_cells(series: pd.Series, values: list, missing: list[bool]) -> list[bool]:
    """``validation._blank`` per cell: missing, or (in a text column) only spaces."""
    if series.dtype == "str" or series.dtype == object:
        return [gone or str(v).strip() == "" for v, gone in zip(values, missing, strict=True)]
    return missing


def _problems(table: Table, frame: pd.DataFrame, first_row: int = 2) -> list[Problem]:
    """``frame_problems`` on plain values: the same problems, in the same order."""
    problems: list[Problem] = []
    for column in table.columns:
        if column.name not in frame.columns:
            continue
        series = frame[column.name]
        values = series.tolist()
        missing = _missing(values)
        blank: list[bool] | None = None
        if column.required:
            blank = _blank_cells(series, values, missing)
            for pos in _first([i for i, b in enumerate(blank) if b]):
                problems.append(Problem(first_row + pos, column.name, "is required but empty"))
        if column.choices:
            allowed = set(column.choices)
            bad = [i for i, (v, gone) in enumerate(zip(values, missing, strict=True))
                   if not gone and v not in allowed]
            if bad:
                blank = blank or _blank_cells(series, values, missing)
                bad = [i for i in bad if not blank[i]]
            for pos in _first(bad):
                problems.append(Problem(first_row + pos, column.name,
                                        f"{values[pos]!r} is not one of: "
                                        + ", ".join(column.choices)))
        if column.kind in ("date", "datetime") and pd.api.types.is_datetime64_any_dtype(series):
            out = [i for i, (v, gone) in enumerate(zip(values, missing, strict=True))
                   if not gone and (v < _LOW or v >= _HIGH)]
            for pos in _first(out):
                problems.append(Problem(first_row + pos, column.name,
                                        date_range_problem(values[pos].date())))
        if len(problems) >= MAX_PROBLEMS:
            return problems
    if table.key in frame.columns:
        keys = frame[table.key]
        values = keys.tolist()
        missing = _missing(values)
        blank = _blank_cells(keys, values, missing)
        counts = Counter(_same(v) for v, b in zip(values, blank, strict=True) if not b)
        dup = [i for i, (v, b) in enumerate(zip(values, blank, strict=True))
               if not b and counts[_same(v)] > 1]
        seen: dict[Any, int] = {}
        for pos in _first(dup):
            key = _same(values[pos])
            if key in seen:
                problems.append(Problem(
                    first_row + pos, table.key,
                    f"the id {values[pos]!r} is also used on row {seen[key]}; "
                    "ids must be unique"))
            else:
                seen[key] = first_row + pos
    return problems[:MAX_PROBLEMS]


def _same(value: Any) -> Any:
    """A key as ``duplicated`` compares it (every NaN alike)."""
    return "\x00nan" if isinstance(value, float) and math.isnan(value) else value


def _first(positions: list[int]) -> list[int]:
    return positions[:MAX_PROBLEMS]


def typed_row(table: Table | str, record: Mapping[str, Any]) -> pd.DataFrame:
    """``typed_frame(table, [record])``, built directly when every value is already of its
    column's Python type (what a command passes: a date, a time, a number, text or None).

    Converting one row goes through the same dozens of pandas operations as a whole file (about
    5 ms a row); a click appends one or two. Anything else (text for a date, a column the schema
    does not know, a zoned time) takes ``typed_frame``, which converts it or says why not.
    """
    table = get_table(table) if isinstance(table, str) else table
    kinds = {c.name: c.kind for c in table.columns}
    if any(name not in kinds or not _plain(kinds[name], value)
           for name, value in record.items()):
        return typed_frame(table, [record])
    columns = {}
    for column in table.columns:
        value = record.get(column.name, _ABSENT)
        if value is _ABSENT:
            value = None
        elif value is None and column.kind == "bool":
            value = False  # an empty cell of a true/false column reads as false
        elif value is not None and column.kind in ("date", "datetime"):
            value = pd.Timestamp(value)
            value = value.normalize() if column.kind == "date" else value
        columns[column.name] = pd.Series([value], dtype=PANDAS_DTYPES[column.kind])
    return pd.DataFrame(columns, index=pd.RangeIndex(1))


_ABSENT = object()


def _plain(kind: str, value: Any) -> bool:
    """The value needs no conversion but its dtype's (see ``typed_row``)."""
    if value is None:
        return True
    if kind == "text":
        return isinstance(value, str)
    if kind == "int":
        return type(value) is int and abs(value) < 2**53  # beyond: typed_frame rounds it
    if kind == "float":
        return type(value) in (int, float)
    if kind == "bool":
        return type(value) is bool
    if kind in ("date", "datetime"):
        return (type(value) is dt.date or (isinstance(value, dt.datetime)
                                           and value.tzinfo is None))
    return False
