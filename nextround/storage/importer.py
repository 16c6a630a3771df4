"""Import from spreadsheets and other trackers, as one change that can be undone.

Every row is checked first and bad rows are listed with their spreadsheet row number, one
message per fault. The good rows and their "applied" events are then written as one unit
(``Store.apply``, by ``nextround.commands.data.apply_import``): both tables or neither,
listed in the backups as "before import of FILE (40 rows)", undone in one step. The same file
coming again, and rows already in the applications, are recognised before anything is
written.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from nextround.storage.backups import Unit
from nextround.storage.errors import Problem
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_ids
from nextround.storage.imports import dates, values
from nextround.storage.imports.dates import DateColumn
from nextround.storage.imports.reading import (
    MAX_IMPORT_ROWS,
    UPLOAD_TYPES,
    ImportFileError,
    Upload,
    read_upload,
)
from nextround.storage.imports.suggest import IMPORTABLE, linkedin_kind, suggest_mapping
from nextround.storage.schema import APPLICATIONS, OUTCOMES
from nextround.storage.store import Store
from nextround.storage.validation import application_errors
from nextround.text import plural

__all__ = ["IMPORTABLE", "MAX_IMPORT_ROWS", "UPLOAD_TYPES", "Answers", "ImportFileError",
           "ImportPreview", "Questions", "Upload", "apply_fixes", "ask", "first_answers",
           "linkedin_kind", "prepare_import", "previous_import", "read_upload", "remember_key",
           "remembered", "suggest_mapping"]

#: The settings row that remembers a file's answers is this prefix and a digest of its columns.
REMEMBER_PREFIX = "import_answers:"


@dataclass
class Answers:
    """What the person said on the preview: which column holds what, how the dates are
    written, what each status and outcome value means, and the refused rows they fixed
    (spreadsheet row number to our column to text)."""

    mapping: dict[str, str | None]
    order: str | None = None
    year: int | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)
    fixes: dict[int, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> str:
        """The answers worth remembering for the next file with the same columns."""
        return json.dumps({"mapping": self.mapping, "order": self.order,
                           "statuses": self.statuses, "outcomes": self.outcomes},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Answers | None:
        """Remembered answers, or None when the stored text is not what ``to_json`` wrote
        (a hand-edited settings file must not stop an import)."""
        try:
            data = json.loads(text)
            answers = cls(mapping={str(k): (None if v is None else str(v))
                                   for k, v in dict(data["mapping"]).items()},
                          order=data.get("order") if data.get("order") in (
                              dates.DAY_FIRST, dates.MONTH_FIRST) else None,
                          statuses={str(k): str(v) for k, v in dict(data["statuses"]).items()
                                    if str(v) in values.status_choices()},
                          outcomes={str(k): str(v) for k, v in dict(data["outcomes"]).items()
                                    if str(v) in (values.NO_OUTCOME, *OUTCOMES)})
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        return answers


@dataclass(frozen=True)
class Questions:
    """What the preview asks: the date column's open points, every distinct status and outcome
    value with its row count and proposal (None: not a word we know)."""

    dates: DateColumn | None
    statuses: list[tuple[str, int, str | None]]
    outcomes: list[tuple[str, int, str | None]]

    def open_points(self, answers: Answers) -> list[str]:
        """What is still unanswered, in words (the import waits for these)."""
        points: list[str] = []
        if self.dates is not None and self.dates.asks_order and answers.order is None:
            points.append("whether your dates are written day first or month first")
        if self.dates is not None and self.dates.yearless and answers.year is None:
            points.append("the year of the dates written without one")
        missing = [v for v, _, _ in self.statuses if v not in answers.statuses]
        if missing:
            points.append(f"what {len(missing)} status "
                          f"{'value means' if len(missing) == 1 else 'values mean'}")
        return points


def apply_fixes(upload: Upload, answers: Answers) -> pd.DataFrame:
    """The uploaded cells with the person's fixes written over them (the file is untouched)."""
    frame = upload.frame
    if not answers.fixes:
        return frame
    frame = frame.copy()
    for line, fixed in answers.fixes.items():
        position = line - upload.first_line
        if not 0 <= position < len(frame):
            continue
        for ours, text in fixed.items():
            theirs = answers.mapping.get(ours)
            if theirs in frame.columns:
                frame.iat[position, frame.columns.get_loc(theirs)] = (
                    str(text).strip() or None) if text is not None else None
    return frame


def ask(frame: pd.DataFrame, mapping: Mapping[str, str | None]) -> Questions:
    """The questions a file leaves open under a mapping."""
    date_column = mapping.get("date_applied")
    stage_column, outcome_column = mapping.get("stage"), mapping.get("outcome")
    return Questions(
        dates.analyse(frame[date_column]) if date_column else None,
        [(v, n, values.propose_status(v)) for v, n in values.distinct(frame[stage_column])]
        if stage_column else [],
        [(v, n, values.propose_outcome(v)) for v, n in values.distinct(frame[outcome_column])]
        if outcome_column else [],
    )


def remember_key(columns: list[str]) -> str:
    """The settings row for files with these columns (in any order, any case)."""
    names = "\x1f".join(sorted(" ".join(str(c).split()).casefold() for c in columns))
    return REMEMBER_PREFIX + hashlib.sha256(names.encode()).hexdigest()[:16]


def remembered(settings: pd.DataFrame, columns: list[str]) -> Answers | None:
    """The answers given for the last file with the same columns, if any."""
    row = settings.loc[settings["id"] == remember_key(columns), "value"].dropna()
    if row.empty:
        return None
    answers = Answers.from_json(str(row.iloc[0]))
    if answers is None or any(v is not None and v not in columns
                              for v in answers.mapping.values()):
        return None
    return answers


def first_answers(upload: Upload, settings: pd.DataFrame | None = None) -> Answers:
    """The answers the preview starts from: the ones remembered for these columns, else the
    suggestion and the proposals (unknown values stay unanswered: the person is asked)."""
    columns = [str(c) for c in upload.frame.columns]
    earlier = remembered(settings, columns) if settings is not None else None
    mapping = earlier.mapping if earlier else suggest_mapping(upload.frame)
    mapping = {ours: mapping.get(ours) for ours in IMPORTABLE}
    questions = ask(upload.frame, mapping)
    statuses = {v: p for v, _, p in questions.statuses if p}
    outcomes = {v: p or values.NO_OUTCOME for v, _, p in questions.outcomes}
    order = questions.dates.order if questions.dates else None
    if order is None and linkedin_kind(columns):
        order = dates.MONTH_FIRST  # LinkedIn writes its dates the American way: 1/2/26
    if earlier:
        statuses |= earlier.statuses
        outcomes |= earlier.outcomes
        order = order or earlier.order
    return Answers(mapping, order, None, statuses, outcomes)


@dataclass
class ImportPreview:
    """What an import would add. ``applications`` holds only the rows that passed;
    ``duplicate`` marks those already in the applications (same company, role and date);
    ``warnings`` say what was left out of rows that pass (an outcome on an open row)."""

    applications: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0
    duplicate: pd.Series = field(default_factory=lambda: pd.Series([], dtype=bool))
    warnings: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems})

    @property
    def duplicates(self) -> int:
        return int(self.duplicate.sum())


def _same_application(frame: pd.DataFrame) -> pd.Series:
    """A key that is equal for the same job entered twice: company, role, date applied."""
    def part(column: str) -> pd.Series:
        return frame[column].astype("str").str.strip().str.casefold().fillna("")

    day = pd.to_datetime(frame["date_applied"]).dt.strftime("%Y-%m-%d").fillna("")
    return part("company") + "\x1f" + part("role") + "\x1f" + day


def _row_record(row: Mapping, answers: Answers, line: int, today: date,
                notes: Counter) -> tuple[dict, list[Problem]]:
    """One uploaded row as an application record, and its problems: one per faulty field.
    ``notes`` counts what was left out of the row without refusing it."""
    mapping = answers.mapping
    record: dict = {}
    problems: dict[str, Problem] = {}
    for ours, theirs in mapping.items():
        value = row.get(theirs) if theirs else None
        if value is not None and not (isinstance(value, float) and pd.isna(value)):
            text = str(value).strip()
            if text:
                record[ours] = text
    status = record.pop("stage", "")
    status_outcome = None
    if status:
        choice = answers.statuses.get(status)
        if choice is None:
            problems["stage"] = Problem(line, mapping["stage"],
                                        f"status {status!r}: choose above what it means")
        else:
            record["stage"], status_outcome = values.split_choice(choice)
    written_outcome = record.pop("outcome", "")
    outcome = answers.outcomes.get(written_outcome) or None if written_outcome else None
    if written_outcome and outcome is None:
        notes[f"outcome {written_outcome!r} is not one of ours, so it was left out"] += 1
    outcome = outcome or status_outcome
    if record.get("priority"):
        record["priority"] = record["priority"].lower()
        if record["priority"] not in APPLICATIONS.column("priority").choices:
            record.pop("priority")
    if record.get("date_applied"):
        day = dates.read_date(record["date_applied"], answers.order, answers.year, today)
        if isinstance(day, date):
            record["date_applied"] = day
        else:
            record.pop("date_applied")
            problems["date_applied"] = Problem(line, mapping["date_applied"], day)
    record.setdefault("stage", "applied" if "date_applied" in record or "date_applied"
                      in problems else "wishlist")
    if outcome and record["stage"] != "closed":
        notes[f"outcome {outcome!r} on a row that is still open ({record['stage']}), so it "
              "was left out"] += 1
    elif outcome:
        record["outcome"] = outcome
    for name, message in application_errors(record, today).items():
        if name not in problems:  # one message per field: the first, most precise one
            problems[name] = Problem(line, mapping.get(name) or name, message)
    return record, list(problems.values())


def prepare_import(
    upload: Upload,
    answers: Answers,
    existing: pd.DataFrame,
    now: datetime,
) -> ImportPreview:
    """Check every row of an upload, as the person answered the preview's questions, and
    build the applications it would add."""
    wide = set(upload.wide_rows) - set(answers.fixes)
    frame = apply_fixes(upload, answers)
    records: list[dict] = []
    lines: list[int] = []
    problems: list[Problem] = []
    notes: Counter = Counter()
    for pos, row in enumerate(frame.to_dict("records")):
        line = pos + upload.first_line
        if line in wide:
            problems.append(Problem(line, None, "has more values than the header has columns "
                                                "(a comma inside a value needs double quotes)"))
            continue
        record, row_problems = _row_record(row, answers, line, now.date(), notes)
        if row_problems:
            problems.extend(row_problems)
            continue
        stamp = now.replace(microsecond=0)
        records.append(record | {"created_at": stamp, "updated_at": stamp})
        lines.append(line)
    added = typed_frame("applications", records)
    added["id"] = new_ids("applications", existing["id"], len(added))
    known = set(_same_application(existing)) if not existing.empty else set()
    duplicate = _same_application(added).isin(known) if not added.empty else pd.Series(
        [], dtype=bool)
    warnings = [f"{plural(n, 'row')}: {what}." for what, n in notes.items()]
    return ImportPreview(added, problems, len(frame), duplicate.reset_index(drop=True),
                         warnings, lines)


def previous_import(store: Store, digest: str) -> Unit | None:
    """The import of this very file that is still in place, if there was one."""
    return next((u for u in store.units(["import"])
                 if u.source == digest and u.state == "done"), None)
