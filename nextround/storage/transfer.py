"""Import from spreadsheets and other trackers; export for spreadsheets.

Imports are all or nothing: every row is checked first, bad rows are listed with their row
number, and the good ones are written in one save (or none are). Exports neutralise cells that a
spreadsheet would run as a formula (OWASP: CSV injection); the stored files are never altered.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from nextround.storage.csvfile import decode_csv_bytes
from nextround.storage.errors import Problem
from nextround.storage.frames import to_csv_text, typed_frame
from nextround.storage.ids import new_ids
from nextround.storage.schema import APPLICATIONS, OUTCOMES, STAGES, TABLES, get_table
from nextround.storage.store import Store
from nextround.storage.validation import application_errors

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_ROWS = 20_000
IMPORTABLE = ("company", "role", "posting_url", "source", "location", "date_applied", "stage",
              "outcome", "contact_name", "contact_email", "priority", "notes")

# Column names other trackers and spreadsheets use for ours (compared case- and space-blind).
ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organisation", "organization"),
    "role": ("role", "job title", "title", "position", "job", "job position"),
    "posting_url": ("posting url", "url", "link", "job url", "job link", "posting"),
    "source": ("source", "found via", "channel", "where found"),
    "location": ("location", "city", "place"),
    "date_applied": ("date applied", "applied", "applied on", "application date", "date"),
    "stage": ("stage", "status", "state", "column"),
    "outcome": ("outcome", "result"),
    "contact_name": ("contact name", "contact", "recruiter", "hiring manager"),
    "contact_email": ("contact email", "email", "recruiter email"),
    "priority": ("priority", "excitement", "interest"),
    "notes": ("notes", "note", "comments", "description"),
}

# Statuses other trackers use, as (stage, outcome).
STATUS_WORDS: dict[str, tuple[str, str | None]] = {
    "wishlist": ("wishlist", None), "bookmarked": ("wishlist", None), "saved": ("wishlist", None),
    "to apply": ("wishlist", None), "applied": ("applied", None), "applying": ("applied", None),
    "screening": ("screening", None), "phone screen": ("screening", None),
    "interviewing": ("interviewing", None), "interview": ("interviewing", None),
    "offer": ("offer", None), "offered": ("offer", None),
    "accepted": ("closed", "offer accepted"), "declined": ("closed", "offer declined"),
    "rejected": ("closed", "rejected"), "rejection": ("closed", "rejected"),
    "withdrawn": ("closed", "withdrew"), "withdrew": ("closed", "withdrew"),
    "ghosted": ("closed", "no response"), "no response": ("closed", "no response"),
    "closed": ("closed", None),
}
DATE_FORMATS = {"YYYY-MM-DD": "%Y-%m-%d", "DD/MM/YYYY": "%d/%m/%Y", "MM/DD/YYYY": "%m/%d/%Y"}


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix an apostrophe to text cells a spreadsheet would treat as a formula."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if col.dtype == "str" or col.dtype == object:
            text = col.astype("str")
            risky = text.str.startswith(FORMULA_PREFIXES).fillna(False)
            if risky.any():
                out[name] = text.where(~risky, "'" + text)
    return out


def spreadsheet_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads accents), formulas neutralised."""
    text = neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def export_csv_bytes(table: str, frame: pd.DataFrame) -> bytes:
    """A table as spreadsheet CSV, its dates and numbers in the files' formats."""
    return spreadsheet_csv_bytes(to_csv_text(get_table(table), frame))


def export_zip(store: Store) -> bytes:
    """Every table that exists, as spreadsheet-safe CSV files in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in TABLES:
            if store.path(name).exists():
                zf.writestr(f"{name}.csv", export_csv_bytes(name, store.load(name)))
    return buffer.getvalue()


# --- import ------------------------------------------------------------------------------------


class ImportFileError(ValueError):
    """The uploaded file cannot be read at all; the message says why and where."""


def read_upload(raw: bytes) -> pd.DataFrame:
    """An uploaded CSV as text cells, or ImportFileError naming the line."""
    try:
        text = decode_csv_bytes(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"Line {line} is not text in UTF-8 or Windows-1252. Save the file as 'CSV UTF-8'."
        ) from None
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype="str", keep_default_na=False, na_values=[""],
            sep=None, engine="python",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, Exception) as exc:
        raise ImportFileError(f"This is not a CSV file that can be read: {exc}") from None
    if frame.empty:
        raise ImportFileError("The file has a header but no rows to import.")
    if len(frame) > MAX_IMPORT_ROWS:
        raise ImportFileError(f"The file has {len(frame):,} rows; import at most "
                              f"{MAX_IMPORT_ROWS:,} at a time.")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def suggest_mapping(columns: list[str]) -> dict[str, str | None]:
    """For each of our columns, the uploaded column that most likely holds it."""
    by_squashed = {_squash(c): c for c in columns}
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    for ours in IMPORTABLE:
        match = None
        for alias in (ours.replace("_", " "), *ALIASES.get(ours, ())):
            theirs = by_squashed.get(alias)
            if theirs and theirs not in used:
                match = theirs
                break
        mapping[ours] = match
        if match:
            used.add(match)
    return mapping


def guess_date_format(values: pd.Series) -> str:
    """The date format (a key of DATE_FORMATS) under which most non-empty values parse."""
    sample = values.dropna().astype("str").str.strip()
    sample = sample[sample != ""].head(500)
    best, best_count = "YYYY-MM-DD", -1
    for label, fmt in DATE_FORMATS.items():
        count = int(pd.to_datetime(sample, format=fmt, errors="coerce").notna().sum())
        if count > best_count:
            best, best_count = label, count
    return best


@dataclass
class ImportPreview:
    """What an import would add. ``applications`` holds only the rows that passed."""

    applications: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})


def _parse_date(text: str, fmt: str) -> date | None:
    for candidate in (fmt, "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, candidate).date()
        except ValueError:
            continue
    raise ValueError(text)


def prepare_import(
    upload: pd.DataFrame,
    mapping: Mapping[str, str | None],
    date_format: str,
    existing: pd.DataFrame,
    now: datetime,
) -> ImportPreview:
    """Check every row of an upload and build the applications it would add."""
    fmt = DATE_FORMATS[date_format]
    records: list[dict] = []
    problems: list[Problem] = []
    for pos, row in enumerate(upload.to_dict("records")):
        line = pos + 2
        record: dict = {}
        row_problems: list[Problem] = []
        for ours, theirs in mapping.items():
            if not theirs:
                continue
            value = row.get(theirs)
            if value is None or (isinstance(value, float) and pd.isna(value)):
                continue
            record[ours] = str(value).strip()
        status = record.pop("stage", "").lower()
        if status:
            stage_outcome = STATUS_WORDS.get(status) or (
                (status, None) if status in STAGES else None
            )
            if stage_outcome is None:
                row_problems.append(Problem(line, mapping["stage"], f"unknown status {status!r}"))
            else:
                record["stage"], outcome = stage_outcome
                if outcome and not record.get("outcome"):
                    record["outcome"] = outcome
        if record.get("outcome"):
            record["outcome"] = record["outcome"].lower()
            if record["outcome"] not in OUTCOMES:
                row_problems.append(
                    Problem(line, mapping["outcome"], f"unknown outcome {record['outcome']!r}")
                )
        if record.get("priority"):
            record["priority"] = record["priority"].lower()
            if record["priority"] not in APPLICATIONS.column("priority").choices:
                record.pop("priority")
        if record.get("date_applied"):
            try:
                record["date_applied"] = _parse_date(record["date_applied"], fmt)
            except ValueError:
                row_problems.append(
                    Problem(line, mapping["date_applied"],
                            f"{record['date_applied']!r} is not a date in {date_format}")
                )
                record.pop("date_applied")
        record.setdefault("stage", "applied" if record.get("date_applied") else "wishlist")
        if record["stage"] != "closed":
            record.pop("outcome", None)
        for name, message in application_errors(record, now.date()).items():
            if name == "date_applied" and "applied" not in record.get("stage", ""):
                continue
            row_problems.append(Problem(line, mapping.get(name) or name, message))
        if row_problems:
            problems.extend(row_problems)
            continue
        record["created_at"] = now
        record["updated_at"] = now
        records.append(record)
    frame = typed_frame("applications", records)
    frame["id"] = new_ids("applications", existing["id"], len(frame))
    return ImportPreview(frame, problems, len(upload))


def apply_import(store: Store, preview: ImportPreview) -> int:
    """Add the previewed applications (and an 'applied' event for each) in one save per table."""
    if preview.applications.empty:
        return 0
    added = preview.applications

    def add_apps(current: pd.DataFrame) -> pd.DataFrame:
        # Numbered against the table as it is now, in case another tab added rows meanwhile.
        added["id"] = new_ids("applications", current["id"], len(added))
        return pd.concat([current, added], ignore_index=True)

    store.update("applications", add_apps)
    applied = added[added["date_applied"].notna()]
    if not applied.empty:

        def add_events(current: pd.DataFrame) -> pd.DataFrame:
            ids = new_ids("events", current["id"], len(applied))
            events = typed_frame(
                "events",
                [
                    {
                        "id": ids[i],
                        "application_id": app_id,
                        "date": when,
                        "kind": "applied",
                        "details": "Imported.",
                        "created_at": datetime.now().replace(microsecond=0),
                    }
                    for i, (app_id, when) in enumerate(
                        zip(applied["id"], applied["date_applied"], strict=True)
                    )
                ],
            )
            return pd.concat([current, events], ignore_index=True)

        store.update("events", add_events)
    return len(added)
