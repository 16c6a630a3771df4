"""An uploaded file as rows of text cells, or a sentence saying why it cannot be read.

People keep their search in whatever their computer offers: Excel's "CSV UTF-8", "CSV (Macintosh)"
(lines ending in a bare CR), "Unicode text" (UTF-16, tab-separated), an older Excel's Windows-1252,
semicolons where the comma is the decimal sign, a Google Sheets .ods or .xlsx download. All of
these are read here; what is not text at all, or holds Git's merge-conflict markers, is refused
with a sentence. Reading costs time in proportion to the file: Python's csv reader runs once over
the text (a 400,000-value row is read as fast as 400,000 short ones), and nothing is re-split per
column.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

import pandas as pd

MAX_IMPORT_ROWS = 20_000
MAX_COLUMNS = 200
TEXT_TYPES = ("csv", "txt", "tsv")
SHEET_TYPES = ("xlsx", "xls", "ods")
#: What the uploader accepts.
UPLOAD_TYPES = [*TEXT_TYPES, *SHEET_TYPES]
DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_LINES = 50
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls container
_MERGE_MARK = re.compile(r"^(<<<<<<< |=======$|>>>>>>> )", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# A cell may be as long as the file (a 128 KB notes cell is text like any other).
csv.field_size_limit(2**31 - 1)


class ImportFileError(ValueError):
    """The uploaded file cannot be read at all; the message says why and where."""


@dataclass(frozen=True)
class Upload:
    """An uploaded file as text cells (None where empty).

    ``first_line`` is the spreadsheet row number of the frame's first row (2 under a header row,
    1 when the file has none); ``wide_rows`` the rows with more values than the header names;
    ``header_found`` whether the first row looked like column names (the person can say
    otherwise: ``read_upload(header=...)``); ``sheets`` the sheets of a workbook.
    """

    frame: pd.DataFrame
    digest: str
    wide_rows: tuple[int, ...] = ()
    has_header: bool = True
    header_found: bool = True
    first_line: int = 2
    sheets: tuple[str, ...] = ()
    sheet: str | None = None
    delimiter: str = ","
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


def read_upload(raw: bytes, name: str = "", *, sheet: str | None = None,
                header: bool | None = None) -> Upload:
    """The file's rows as text, or ImportFileError with a sentence a person can act on.

    ``header`` None means: decide from the first row (column names, or already data).
    """
    if not raw.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        raise ImportFileError("The file is empty: there is nothing in it to import. If you "
                              "exported it from a spreadsheet, save it there again as CSV.")
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in SHEET_TYPES or raw.startswith((_ZIP, _OLE)):
        rows, sheets, chosen = _sheet_rows(raw, sheet)
        delimiter, encoding = "", "spreadsheet"
    else:
        text, encoding = decode_text(raw)
        _refuse_merge_markers(text.replace("\r\n", "\n").replace("\r", "\n"))
        delimiter = sniff_delimiter(text, prefer_tab=suffix == "tsv")
        # newline="": lines end at CR, LF or CRLF alike (a Mac's "CSV (Macintosh)", mixed
        # ends), and a line break inside a quoted cell is kept exactly as written.
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        sheets, chosen = (), None
    return _frame(rows, digest, header, sheets=sheets, sheet=chosen, delimiter=delimiter,
                  encoding=encoding)


# --- text -----------------------------------------------------------------------------------

def decode_text(raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: a byte-order mark first (UTF-32, UTF-8, UTF-16),
    then UTF-16 or UTF-32 told by where their zero bytes fall, then UTF-8, then Windows-1252."""
    boms = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
            (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    for bom, encoding in boms:
        if raw.startswith(bom):
            return _decode(raw[len(bom):], encoding), encoding
    sample = raw[:4096]
    if sample.count(b"\x00") > len(sample) // 8:  # mostly ASCII in UTF-16 or UTF-32
        encoding = _wide_encoding(sample)
        if encoding is None:
            raise ImportFileError(
                "This file is not text (it holds zero bytes): is it a spreadsheet or another "
                "document saved under a .csv name? Save it as CSV, or upload the .xlsx or .ods "
                "file itself.")
        return _decode(raw, encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in sample:  # UTF-16 or UTF-32 of other scripts: fewer zero bytes
        encoding = _wide_encoding(sample)
        if encoding is not None:
            with contextlib.suppress(ImportFileError):
                return _decode(raw, encoding), encoding
    text = raw.decode("cp1252", errors="replace")
    if len(_CONTROL.findall(text[:4096])) > 8 or text.count("\ufffd") > max(3, len(text) // 100):
        raise ImportFileError("This file is not text in any encoding a spreadsheet writes "
                              "(UTF-8, UTF-16, UTF-32 or Windows-1252). Save it as 'CSV UTF-8'.")
    return text, "windows-1252"


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file looks like {encoding.upper()} text but byte {exc.start + 1:,} is not: "
            "save it again as 'CSV UTF-8'.") from None


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark (Excel's "Unicode text" and some exporters
    leave the mark out): the first of them that decodes the start of the file into text
    without zero or control characters. UTF-32 is tried first: its text also decodes as
    UTF-16, with zeros in it."""
    for encoding in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        width = 4 if "32" in encoding else 2
        start = sample[: len(sample) - len(sample) % width]
        try:
            text = start.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_CONTROL.findall(text)) <= len(text) // 100 and any(
                mark in text for mark in ("\n", "\r", ",", ";", "\t")):
            return encoding
    return None


def _refuse_merge_markers(text: str) -> None:
    found = _MERGE_MARK.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise ImportFileError(
            f"Line {line} is a Git merge-conflict marker ({found.group(1).strip()!s}): the file "
            "holds two versions of the same rows, between lines starting <<<<<<<, ======= and "
            ">>>>>>>, from a merge that was never finished. Open it, keep the rows you want, "
            "delete the marker lines, and upload it again.")


def sniff_delimiter(text: str, prefer_tab: bool = False) -> str:
    """The separator that splits the first lines into the same number of columns, more than
    one (the widest on a tie; a comma before the others, a tab first for a .tsv)."""
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS:
        cut = max(sample.rfind("\n"), sample.rfind("\r"))
        sample = sample[:cut] if cut > 0 else sample
    order = ("\t", ",", ";", "|") if prefer_tab else DELIMITERS

    def score(delimiter: str) -> tuple[float, int, int]:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        widths = [len(r) for _, r in zip(range(_SNIFF_LINES), reader, strict=False) if r]
        if not widths or widths[0] < 2:
            return (0.0, 0, 0)
        steady = sum(w == widths[0] for w in widths) / len(widths)
        return (round(steady, 1), min(widths[0], MAX_COLUMNS), -order.index(delimiter))

    return max(order, key=score)


# --- spreadsheets ---------------------------------------------------------------------------

def _sheet_rows(raw: bytes, sheet: str | None) -> tuple[list[list[str]], tuple[str, ...], str]:
    """The cells of one sheet of an .xlsx, .xls or .ods workbook as text (the chosen sheet, or
    the first that holds anything), read by calamine (one fast reader for all three)."""
    try:
        book = pd.ExcelFile(io.BytesIO(raw), engine="calamine")
        names = tuple(str(n) for n in book.sheet_names)
        order = [sheet] if sheet in names else list(names)
        for candidate in order:
            cells = pd.read_excel(book, sheet_name=candidate, header=None, dtype=object)
            if not cells.dropna(how="all").empty:
                break
        else:
            raise ImportFileError("Every sheet of this workbook is empty: there is nothing in "
                                  "it to import.")
    except ImportFileError:
        raise
    except Exception:  # calamine, zip and XML readers raise many kinds
        raise ImportFileError("This file cannot be opened as a spreadsheet (.xlsx, .xls or "
                              ".ods): it may be damaged, protected by a password or another "
                              "kind of file. Open it in your spreadsheet and save it again, or "
                              "save it as CSV.") from None
    rows = [[_cell_text(v) for v in row] for row in cells.itertuples(index=False, name=None)]
    return rows, names, str(candidate)


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: dates as YYYY-MM-DD (with the time when
    there is one), whole numbers without ".0"."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
        return text.removesuffix(" 00:00:00")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- rows into a frame ------------------------------------------------------------------------

def column_letter(index: int) -> str:
    """The spreadsheet's name for a column: A, B, ..., Z, AA, AB, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _frame(rows: list[list[str]], digest: str, header: bool | None, **extra: object) -> Upload:
    from nextround.storage.imports.suggest import looks_like_data

    lines = [i + 1 for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not lines:
        raise ImportFileError("The file is empty: there is nothing in it to import.")
    first = rows[lines[0] - 1]
    found = not looks_like_data(first)
    has_header = found if header is None else header
    width = len(first)
    if has_header:
        while width and not first[width - 1].strip():
            width -= 1  # a trailing separator in the header: an unnamed empty column
        if width > MAX_COLUMNS:
            raise ImportFileError(
                f"The first row has {width:,} columns: a tracker has far fewer, so this is not "
                "a table of applications (or its separator is not a comma, semicolon or tab).")
        names = _names(first[:width])
        body = lines[1:]
    else:
        width = min(max(len(rows[i - 1]) for i in lines[:50]), MAX_COLUMNS)
        names = [f"Column {column_letter(i)}" for i in range(width)]
        body = lines
    if not body:
        raise ImportFileError("The file has a header but no rows to import.")
    if len(body) > MAX_IMPORT_ROWS:
        raise ImportFileError(f"The file has {len(body):,} rows; import at most "
                              f"{MAX_IMPORT_ROWS:,} at a time.")
    cells: list[list[str | None]] = []
    wide: list[int] = []
    first_line = 2 if has_header else 1
    for position, line in enumerate(body):
        row = rows[line - 1]
        if len(row) > width and any(c.strip() for c in row[width:]):
            wide.append(position + first_line)
        cells.append([(c if c.strip() else None) for c in row[:width]]
                     + [None] * (width - len(row)))
    frame = pd.DataFrame(cells, columns=names, dtype=object)
    return Upload(frame, digest, tuple(wide), has_header, found, first_line, **extra)


def _names(header: list[str]) -> list[str]:
    """Column names from the header row: empty ones named by their letter, repeated ones
    numbered, so that no column of the file is lost or merged."""
    names: list[str] = []
    seen: set[str] = set()
    for i, cell in enumerate(header):
        name = " ".join(cell.replace("\ufeff", "").split()) or f"Column {column_letter(i)}"
        base, n = name, 2
        while name.casefold() in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name.casefold())
        names.append(name)
    return names
