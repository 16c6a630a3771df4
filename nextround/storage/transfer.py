"""Export for spreadsheets: copies whose cells a spreadsheet shows and never runs.

A spreadsheet runs a cell that starts like a formula (OWASP: CSV injection). The stored files
keep the user's text exactly as typed; exports neutralise it with a leading apostrophe. What
counts as "starts like a formula" is wider than the first character: spaces, tabs, line breaks,
NUL or invisible characters (every Unicode format character, such as the zero-width space
U+200B, the byte-order mark U+FEFF or the right-to-left override U+202E, and the blank-looking
fillers) before = + - @, or their full-width (＝ ＋ － ＠) and small (﹦ ﹢ ﹣ ﹫) forms, which
spreadsheets also read, still start a formula; and so does a column name. A plain number such
as -3 is not a formula and is left as it is, or negative amounts would turn into text.

Imports live in ``importer``.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from functools import cache

import pandas as pd

from nextround.storage.frames import to_csv_text
from nextround.storage.schema import TABLES, get_table
from nextround.storage.store import Store

#: = + - @ and their full-width and small forms.
_FORMULA_CHARS = "=+\\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
#: Blank-looking characters that are letters or marks, not format characters.
_FILLERS = "\u034f\u115f\u1160\u3164\uffa0"
_PLAIN_NUMBER = r"^\s*[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)\s*$"


@cache
def _formula_start() -> re.Pattern[str]:
    """What may come before a formula character: white space, NUL, every format character
    (Unicode category Cf, worked out once from the running Python's Unicode tables; they all
    live in planes 0, 1 and 14) and the fillers."""
    planes = (*range(0x20000), *range(0xE0000, 0xF0000))
    invisible = "".join(chr(c) for c in planes if unicodedata.category(chr(c)) == "Cf")
    prefix = re.escape(invisible + _FILLERS)
    return re.compile(rf"^[\s\x00{prefix}]*[{_FORMULA_CHARS}]|^[\t\r]")


def formula_like(values: pd.Series) -> pd.Series:
    """True for each text value a spreadsheet would run as a formula."""
    text = values.astype("str")
    risky = text.str.contains(_formula_start(), regex=True) & ~text.str.fullmatch(_PLAIN_NUMBER)
    return risky.fillna(False).astype(bool) & values.notna().to_numpy()


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if frame[c].dtype == "str" or frame[c].dtype == object]


def formula_cells(frame: pd.DataFrame) -> int:
    """How many cells (and column names) of a table would run as formulas if the stored file
    were opened directly in a spreadsheet."""
    cells = sum(int(formula_like(frame[c]).sum()) for c in _text_columns(frame))
    return cells + int(formula_like(pd.Series(list(frame.columns), dtype="str")).sum())


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix an apostrophe to text cells and column names a spreadsheet would treat as a
    formula."""
    out = frame.copy()
    for name in _text_columns(out):
        risky = formula_like(out[name])
        if risky.any():
            text = out[name].astype("str")
            out[name] = text.where(~risky, "'" + text)
    names = pd.Series([str(c) for c in out.columns], dtype="str")
    out.columns = names.where(~formula_like(names), "'" + names).tolist()
    return out


def spreadsheet_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads accents), formulas neutralised."""
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def export_csv_bytes(table: str, frame: pd.DataFrame) -> bytes:
    """A table as spreadsheet CSV, its dates and numbers in the files' formats."""
    return spreadsheet_csv_bytes(to_csv_text(get_table(table), frame))


def export_zip(store: Store) -> bytes:
    """Every table that exists and reads cleanly, as spreadsheet-safe CSV files in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in TABLES:
            if store.path(name).exists() and not store.check(name):
                zf.writestr(f"{name}.csv", export_csv_bytes(name, store.load(name)))
    return buffer.getvalue()
