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
PLAIN = ["-3", "+44", "-0.5", "3.14", "Acme", "a = b", "me@example.com", "", "x-1", "  ",
         "\u200bAcme", "\u202eemaN", "\ufeffnotes", "a\ufe66b", "x\u200b=1"]
#: Invisible characters in front of a formula, and the small forms of = + - @ (issue 23).
INVISIBLE_FIRST = ["\u200b=1+1", "\ufeff=1+1", "\u202e=1+1", "\u2060+1", "\u00ad@SUM(A1)",
                   "\u200e-1+1", "\U000e0001=1", " \u200b\u202e =1", "\u3164=1",
                   "\ufe66 1+1", "\ufe62 1", "\ufe63 1+1", "\ufe6bSUM(A1)", "\u200b\ufe66 1"]


@pytest.mark.parametrize("value", RISKY)
def test_formula_starts_are_neutralised(value: str) -> None:
    """Before: only a first character of = + - @ tab or CR was caught: spaces, a line break or
    NUL in front, and the full-width forms, went through to the spreadsheet."""
    out = transfer.neutralise_formulas(pd.DataFrame({"notes": [value]}, dtype="str"))
    assert out.loc[0, "notes"] == "'" + value


@pytest.mark.parametrize("value", INVISIBLE_FIRST)
def test_invisible_and_small_form_starts_are_neutralised(value: str) -> None:
    """Before: a zero-width space, a byte-order mark or a right-to-left override in front of
    =, and the small forms of = + -, went through to the spreadsheet as they were."""
    out = transfer.neutralise_formulas(pd.DataFrame({"notes": [value]}, dtype="str"))
    assert out.loc[0, "notes"] == "'" + value


def test_every_format_character_counts_as_invisible() -> None:
    """Every Unicode format character (category Cf) in front of = is caught, whichever it is."""
    import sys
    import unicodedata

    found = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    values = pd.Series([f"{char}=1" for char in found], dtype="str")
    assert len(found) > 150 and transfer.formula_like(values).all()


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
