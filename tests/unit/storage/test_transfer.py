"""Exports for spreadsheets: a cell or a column name that a spreadsheet would run as a formula
gets a leading apostrophe; plain numbers and ordinary text are left exactly as they are."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from nextround.storage import transfer
from nextround.storage.store import Store

RISKY = ["=1+1", "+1-2", "-3+A1", "@SUM(A1)", "\tTab first", "\rCR first",
         "  =HYPERLINK(\"http://x\")", "\n=1", "\x00=1", " \t-2+3",
         "＝1+1", "＋1", "－1+1", "＠SUM(A1)"]
PLAIN = ["-3", "+44", "-0.5", "3.14", "Acme", "a = b", "me@example.com", "", "x-1", "  "]


@pytest.mark.parametrize("value", RISKY)
def test_formula_starts_are_neutralised(value: str) -> None:
    """Before: only a first character of = + - @ tab or CR was caught: spaces, a line break or
    NUL in front, and the full-width forms, went through to the spreadsheet."""
    out = transfer.neutralise_formulas(pd.DataFrame({"notes": [value]}, dtype="str"))
    assert out.loc[0, "notes"] == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_plain_numbers_and_text_are_left_alone(value: str) -> None:
    out = transfer.neutralise_formulas(pd.DataFrame({"notes": [value]}, dtype="str"))
    assert out.loc[0, "notes"] == value


def test_column_names_are_neutralised_too() -> None:
    """Before: a column the user added in a spreadsheet, named like a formula, was exported
    as it was."""
    text = transfer.spreadsheet_csv_bytes(pd.DataFrame({"=cmd|' /C calc'!A0": ["x"],
                                                        "notes": ["y"]}))
    assert text.decode("utf-8-sig").splitlines()[0] == "'=cmd|' /C calc'!A0,notes"


def test_exports_count_and_neutralise_but_the_stored_file_keeps_the_text(
    store: Store, app_row, add_rows
) -> None:
    add_rows(store, [app_row(1, notes=" =HYPERLINK(\"http://x\")"), app_row(2, notes="-3")])
    assert transfer.formula_cells(store.load("applications")) == 1
    with zipfile.ZipFile(io.BytesIO(transfer.export_zip(store))) as zf:
        exported = zf.read("applications.csv").decode("utf-8-sig")
    assert "' =HYPERLINK" in exported and ",-3," in exported
    assert store.load("applications")["notes"].tolist() == [" =HYPERLINK(\"http://x\")", "-3"]


def test_a_broken_table_is_left_out_of_the_zip_not_a_crash(store: Store, app_row,
                                                           add_rows) -> None:
    add_rows(store, [app_row(1)])
    store.path("events").write_text('id,application_id\n"E1,A1\n')
    with zipfile.ZipFile(io.BytesIO(transfer.export_zip(store))) as zf:
        assert zf.namelist() == ["applications.csv"]
