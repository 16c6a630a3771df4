"""Import from spreadsheets and other trackers, as one change that can be undone.

Every row is checked first and bad rows are listed with their spreadsheet row number, one
message per fault. The good rows and their "applied" events are then written as one unit
(``Store.apply``): both tables or neither, listed in the backups as "before import of FILE
(40 rows)", undone in one step. The same file coming again, and rows already in the
applications, are recognised before anything is written.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from nextround.storage.backups import Unit
from nextround.storage.csvfile import CsvShapeError, decode_csv_bytes, read_csv_frame
from nextround.storage.errors import NextRoundError, Problem
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_ids
from nextround.storage.schema import APPLICATIONS, OUTCOMES, STAGES
from nextround.storage.store import Store
from nextround.storage.validation import application_errors

MAX_IMPORT_ROWS = 20_000
IMPORTABLE = ("company", "role", "posting_url", "source", "location", "date_applied", "stage",
              "outcome", "contact_name", "contact_email", "priority", "notes")
DELIMITERS = (",", ";", "\t", "|")

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
    "contact_name": ("contact name", "contact", "contact person", "recruiter",
                     "recruiter name", "hiring manager", "person"),
    "contact_email": ("contact email", "email", "recruiter email", "contact person email"),
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
DATE_FORMATS = {"YYYY-MM-DD": "%Y-%m-%d", "DD/MM/YYYY": "%d/%m/%Y", "MM/DD/YYYY": "%m/%d/%Y",
                "DD.MM.YYYY": "%d.%m.%Y"}


class ImportFileError(ValueError):
    """The uploaded file cannot be read at all; the message says why and where."""


@dataclass(frozen=True)
class Upload:
    """An uploaded CSV as text cells, with the rows that had more values than its header."""

    frame: pd.DataFrame
    digest: str
    wide_rows: tuple[int, ...] = ()


def _delimiter(text: str) -> str:
    """The separator that splits the header into the most columns (a comma on a tie)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: len(next(csv.reader([first], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], d == ","))


def read_upload(raw: bytes) -> Upload:
    """An uploaded CSV, or ImportFileError saying in plain words why it cannot be used."""
    if not raw.strip(b" \t\r\n\xef\xbb\xbf\x00"):
        raise ImportFileError("The file is empty: there is nothing in it to import. If you "
                              "exported it from a spreadsheet, save it there again as CSV.")
    try:
        text = decode_csv_bytes(raw)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"Line {line} is not text in UTF-8 or Windows-1252. Save the file as 'CSV UTF-8'."
        ) from None
    try:
        frame, wide = read_csv_frame(text.encode("utf-8"), "utf-8", _delimiter(text))
    except CsvShapeError as exc:
        raise ImportFileError(f"This CSV file cannot be read: {exc.problem}.") from None
    if frame.empty:
        raise ImportFileError("The file has a header but no rows to import.")
    if len(frame) > MAX_IMPORT_ROWS:
        raise ImportFileError(f"The file has {len(frame):,} rows; import at most "
                              f"{MAX_IMPORT_ROWS:,} at a time.")
    frame.columns = [str(c).strip() for c in frame.columns]
    return Upload(frame, hashlib.sha256(raw).hexdigest(), tuple(wide))


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
    """What an import would add. ``applications`` holds only the rows that passed;
    ``duplicate`` marks those already in the applications (same company, role and date)."""

    applications: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0
    duplicate: pd.Series = field(default_factory=lambda: pd.Series([], dtype=bool))

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def duplicates(self) -> int:
        return int(self.duplicate.sum())


def _parse_date(text: str, fmt: str) -> date:
    for candidate in (fmt, "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, candidate).date()
        except ValueError:
            continue
    raise ValueError(text)


def _same_application(frame: pd.DataFrame) -> pd.Series:
    """A key that is equal for the same job entered twice: company, role, date applied."""
    def part(column: str) -> pd.Series:
        return frame[column].astype("str").str.strip().str.casefold().fillna("")

    day = pd.to_datetime(frame["date_applied"]).dt.strftime("%Y-%m-%d").fillna("")
    return part("company") + "\x1f" + part("role") + "\x1f" + day


def _row_record(row: Mapping, mapping: Mapping[str, str | None], fmt: str, date_format: str,
                line: int, today: date) -> tuple[dict, list[Problem]]:
    """One uploaded row as an application record, and its problems: one per faulty field."""
    record: dict = {}
    problems: dict[str, Problem] = {}
    for ours, theirs in mapping.items():
        value = row.get(theirs) if theirs else None
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            record[ours] = str(value).strip()
    status = record.pop("stage", "").lower()
    if status:
        stage_outcome = STATUS_WORDS.get(status) or ((status, None) if status in STAGES else None)
        if stage_outcome is None:
            problems["stage"] = Problem(line, mapping["stage"], f"unknown status {status!r}")
        else:
            record["stage"], outcome = stage_outcome
            if outcome and not record.get("outcome"):
                record["outcome"] = outcome
    if record.get("outcome"):
        record["outcome"] = record["outcome"].lower()
        if record["outcome"] not in OUTCOMES:
            problems["outcome"] = Problem(line, mapping["outcome"],
                                          f"unknown outcome {record['outcome']!r}")
    if record.get("priority"):
        record["priority"] = record["priority"].lower()
        if record["priority"] not in APPLICATIONS.column("priority").choices:
            record.pop("priority")
    if record.get("date_applied"):
        try:
            record["date_applied"] = _parse_date(record["date_applied"], fmt)
        except ValueError:
            problems["date_applied"] = Problem(
                line, mapping["date_applied"],
                f"{record.pop('date_applied')!r} is not a date in {date_format}")
    record.setdefault("stage", "applied" if "date_applied" in record else "wishlist")
    if record["stage"] != "closed":
        record.pop("outcome", None)
    for name, message in application_errors(record, today).items():
        if name not in problems:  # one message per field: the first, most precise one
            problems[name] = Problem(line, mapping.get(name) or name, message)
    return record, list(problems.values())


def prepare_import(
    upload: pd.DataFrame | Upload,
    mapping: Mapping[str, str | None],
    date_format: str,
    existing: pd.DataFrame,
    now: datetime,
) -> ImportPreview:
    """Check every row of an upload and build the applications it would add."""
    wide = set(upload.wide_rows) if isinstance(upload, Upload) else set()
    frame = upload.frame if isinstance(upload, Upload) else upload
    fmt = DATE_FORMATS[date_format]
    records: list[dict] = []
    problems: list[Problem] = []
    for pos, row in enumerate(frame.to_dict("records")):
        line = pos + 2
        if line in wide:
            problems.append(Problem(line, None, "has more values than the header has columns "
                                                "(a comma inside a value needs double quotes)"))
            continue
        record, row_problems = _row_record(row, mapping, fmt, date_format, line, now.date())
        if row_problems:
            problems.extend(row_problems)
            continue
        stamp = now.replace(microsecond=0)
        records.append(record | {"created_at": stamp, "updated_at": stamp})
    added = typed_frame("applications", records)
    added["id"] = new_ids("applications", existing["id"], len(added))
    known = set(_same_application(existing)) if not existing.empty else set()
    duplicate = _same_application(added).isin(known) if not added.empty else pd.Series(
        [], dtype=bool)
    return ImportPreview(added, problems, len(frame), duplicate.reset_index(drop=True))


def previous_import(store: Store, digest: str) -> Unit | None:
    """The import of this very file that is still in place, if there was one."""
    return next((u for u in store.units(["import"])
                 if u.source == digest and u.state == "done"), None)


def apply_import(store: Store, preview: ImportPreview, file_name: str = "", digest: str = "",
                 skip_duplicates: bool = True) -> Unit | None:
    """Add the previewed applications and an 'applied' event for each that has a date, as one
    unit: both tables or neither. Returns the unit (None when there was nothing to add)."""
    keep = ~preview.duplicate.to_numpy() if skip_duplicates and len(preview.duplicate) else None
    added = preview.applications if keep is None else preview.applications[keep]
    added = added.reset_index(drop=True).copy()
    if added.empty:
        return None

    def add_apps(current: pd.DataFrame) -> pd.DataFrame:
        # Numbered against the table as it is now, in case another tab added rows meanwhile.
        added["id"] = new_ids("applications", current["id"], len(added))
        return pd.concat([current, added], ignore_index=True)

    applied = added["date_applied"].notna()

    def add_events(current: pd.DataFrame) -> pd.DataFrame:
        dated = added[applied]
        ids = new_ids("events", current["id"], len(dated))
        stamp = datetime.now().replace(microsecond=0)
        events = typed_frame("events", [
            {"id": event_id, "application_id": app_id, "date": when, "kind": "applied",
             "details": "Imported.", "created_at": stamp}
            for event_id, app_id, when in zip(ids, dated["id"], dated["date_applied"],
                                              strict=True)])
        return pd.concat([current, events], ignore_index=True)

    steps = [("applications", add_apps)] + ([("events", add_events)] if applied.any() else [])
    name = " ".join(str(file_name).split())[:80] or "a file"
    return store.apply(f"import of {name} ({len(added)} rows)", steps, kind="import",
                       source=digest, rows=len(added))


def undo_import(store: Store, unit_id: str) -> Unit:
    """Take back what an import added, in one step: its applications, and every event that
    belongs to them (also ones logged since). Nothing else is touched."""
    unit = next((u for u in store.units(["import"]) if u.id == unit_id), None)
    if unit is None or unit.state != "done":
        raise NextRoundError("That import is not in place any more (already undone?).")
    apps = set(unit.added.get("applications", []))
    events = set(unit.added.get("events", []))

    def drop_apps(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[~frame["id"].isin(apps)]

    def drop_events(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[~(frame["id"].isin(events) | frame["application_id"].isin(apps))]

    steps = [("applications", drop_apps)]
    if store.path("events").exists():
        steps.append(("events", drop_events))
    undo = store.apply(f"undo of the {unit.label}", steps, kind="undo", undoes=unit.id)
    store.mark_undone(unit.id, undo.id)
    return undo
