"""Columns written as the app writes them are converted by Arrow (issue 25: the typed load at
most 3x a plain read_csv); any other column by the general path, which names the bad cells. The
two must give the same values and flag the same cells, whatever the file holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.storage.errors import DataFileError
from nextround.storage.frames import convert_column
from nextround.storage.schema import get_table
from nextround.storage.store import Store
from nextround.storage.validation import _blank

ROOT = Path(__file__).resolve().parents[3]

EVENTS = get_table("events")
_DAY = st.dates().map(lambda d: f"{d:%Y-%m-%d}")
_ODD = st.sampled_from(["", " ", "2026-02-30", "2026-01-05 10:00+01", "2026-01-05T10:00Z",
                        "2026-13-01", "2026-1-5", " 2026-01-05",
                        "2026-01-05 ", "2026-01-05 10:00:00", "2026-01-05T10:00:00",
                        "next tuesday", "0000-01-01", "1.0", "-3", "007", "+4", "3 ", "1e3",
                        "99999999999999999999", "2026-01-05 24:00:00", "2026-01-05 10:61:00"])
_CELLS = {
    "date": st.one_of(_DAY, _ODD),
    "decision_date": st.one_of(_DAY, _ODD),
    "created_at": st.one_of(
        st.datetimes().map(lambda d: f"{d:%Y-%m-%d %H:%M:%S}"), _DAY, _ODD),
    "round": st.one_of(st.integers(-10**6, 10**6).map(str), _ODD),
}


def _both_ways(name: str, cells: list[str | None]) -> None:
    column = EVENTS.column(name)
    as_read = pd.Series(cells, dtype="str")  # Arrow-backed, as the CSV reader gives it
    general = pd.Series(cells, dtype=object)  # takes the general path
    fast_values, fast_bad = convert_column(column, as_read)
    values, bad = convert_column(column, general)
    pd.testing.assert_series_equal(fast_values, values)
    pd.testing.assert_series_equal(fast_bad.astype(bool), bad.astype(bool))


@given(name=st.sampled_from(sorted(_CELLS)), data=st.data())
def test_a_canonical_or_odd_column_converts_as_the_general_path_does(name, data) -> None:
    cells = data.draw(st.lists(st.one_of(st.none(), _CELLS[name]), max_size=8))
    _both_ways(name, cells)


@pytest.mark.parametrize(("name", "cells"), [
    ("date", ["2026-01-05", None, "2026-12-31"]),
    ("created_at", ["2026-01-05 09:30:00", ""]),
    ("round", ["1", "2", None, "12"]),
    ("date", ["2026-02-30"]),  # not a day: the general path names it
    ("round", ["1.0", "2"]),  # a whole number written as a float is still accepted
])
def test_examples_convert_as_the_general_path_does(name: str, cells: list) -> None:
    _both_ways(name, cells)


def test_a_bad_date_among_canonical_ones_is_still_named_by_row(tmp_path: Path) -> None:
    rows = [f"E{i},A1,2026-01-{i:02d},note,,,,,,,," for i in range(1, 29)]
    rows[20] = "E21,A1,2026-02-30,note,,,,,,,,"
    header = ",".join(EVENTS.column_names)
    (tmp_path / "events.csv").write_text("\n".join([header, *rows]) + "\n")
    with pytest.raises(DataFileError) as caught:
        Store(tmp_path).load("events")
    assert [(p.row, p.column) for p in caught.value.problems] == [(22, "date")]
    assert "'2026-02-30'" in caught.value.first.message


def test_a_padded_or_capitalised_kind_still_loads_and_an_unknown_one_is_named(
        tmp_path: Path) -> None:
    header = ",".join(EVENTS.column_names)
    (tmp_path / "events.csv").write_text(
        f"{header}\nE1,A1,2026-01-05, Applied ,,,,,,,,\nE2,A1,2026-01-06,note,,,,,,,,\n")
    assert list(Store(tmp_path).load("events")["kind"]) == ["applied", "note"]
    (tmp_path / "events.csv").write_text(
        f"{header}\nE1,A1,2026-01-05,lunch,,,,,,,,\nE2,A1,2026-01-06,   ,,,,,,,,\n")
    with pytest.raises(DataFileError) as caught:
        Store(tmp_path).load("events")
    messages = {(p.row, p.column): p.message for p in caught.value.problems}
    assert "'lunch' is not one of" in messages[(2, "kind")]
    assert messages[(3, "kind")] == "is required but empty"


@given(cells=st.lists(st.one_of(st.none(), st.text(max_size=4),
                                st.sampled_from(["", " ", "\t", "\u00a0", "\u2028", " x "])),
                      max_size=8))
def test_a_blank_cell_is_told_apart_as_the_general_path_does(cells: list) -> None:
    """Required cells: missing, empty or only spaces is blank, on Arrow text as on any other."""
    as_read = pd.Series(cells, dtype="str")
    general = as_read.isna() | (as_read.astype(object).astype("str").str.strip() == "")
    assert list(_blank(as_read)) == list(general)


def test_arrow_allocates_from_a_pool_that_gives_memory_back() -> None:
    """mimalloc kept what the CSV reader freed: 65 MB more at the peak after Home at 50,000."""
    import pyarrow as pa

    from nextround.storage.csvfile import use_a_memory_pool_that_gives_back

    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:  # pragma: no cover - a pyarrow built without jemalloc
        pytest.skip("this pyarrow has no jemalloc")
    assert use_a_memory_pool_that_gives_back() == "jemalloc"
    assert pa.default_memory_pool().backend_name == "jemalloc"


_LARGE_BLOCKS = """
import numpy as np
import nextround.storage.csvfile as csvfile
def rss():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS"))
print(csvfile.give_back_large_blocks())
a = np.ones(20_000_000 // 8); del a   # glibc would now keep blocks of up to 20 MB in its heap
before = rss()
b = np.ones(10_000_000 // 8); del b
print(rss() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_large_block_freed_goes_back_to_the_system() -> None:
    """After a large block is freed, glibc served later ones from its heap and kept them: the
    process held about 20 MB more at the peak after every page at 50,000 applications."""
    out = subprocess.run([sys.executable, "-c", _LARGE_BLOCKS], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    if out[0] != "True":
        pytest.skip("not glibc: its allocator has its own ways")
    assert int(out[1]) < 2_000  # KiB still held after the 10 MB block was freed
