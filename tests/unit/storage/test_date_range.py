"""One earliest and latest date for every source: a form, an import and a file read from disk
all refuse a date outside EARLIEST_DATE..LATEST_DATE, naming the row (or field) and the column.

Before: forms refused dates before 2000, but an import or a file edited by hand let 1926 in,
and one such date crashed the Pipeline page on every visit (MaxRowsError in the weekly chart).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from nextround.storage import importer
from nextround.storage.csvfile import parse_csv_bytes
from nextround.storage.doctor import check_folder
from nextround.storage.errors import DataFileError, ValidationError
from nextround.storage.frames import typed_frame
from nextround.storage.schema import get_table
from nextround.storage.store import Store
from nextround.storage.validation import (
    EARLIEST_DATE,
    LATEST_DATE,
    application_errors,
    event_errors,
)

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("day", ["1926-03-01", "1999-12-31", "2100-01-01", "9999-12-31"])
def test_a_file_with_a_date_out_of_range_names_the_row_and_column(day: str) -> None:
    raw = ("id,application_id,date,kind\nE1,A1,2026-03-01,applied\n"
           f"E2,A1,{day},interview\n").encode()
    with pytest.raises(DataFileError) as error:
        parse_csv_bytes(get_table("events"), raw, Path("events.csv"))
    [problem] = error.value.problems
    assert (problem.row, problem.column) == (3, "date")
    assert problem.message.startswith(day) and "is the year right?" in problem.message


@pytest.mark.parametrize("day", [EARLIEST_DATE, LATEST_DATE])
def test_the_first_and_last_day_are_kept(day: date) -> None:
    raw = f"id,application_id,date,kind\nE1,A1,{day:%Y-%m-%d},applied\n".encode()
    assert len(parse_csv_bytes(get_table("events"), raw, Path("events.csv"))) == 1


def test_a_save_with_a_date_out_of_range_is_refused(store: Store) -> None:
    row = {"id": "A1", "company": "Acme", "role": "Analyst", "stage": "applied",
           "date_applied": date(1926, 3, 1)}
    with pytest.raises(ValidationError, match="1926-03-01 is before 2000-01-01"):
        store.replace("applications", typed_frame("applications", [row]))
    assert not store.path("applications").exists()


def test_forms_refuse_it_next_to_the_field() -> None:
    record = {"company": "Acme", "role": "Analyst", "stage": "applied",
              "date_applied": date(1926, 3, 1)}
    assert "is the year right?" in application_errors(record, TODAY)["date_applied"]
    errors, _ = event_errors({"kind": "interview", "date": date(2126, 3, 1),
                              "decision_date": date(2126, 3, 5)}, None, TODAY)
    assert "after 2099-12-31" in errors["date"] and "after 2099-12-31" in errors["decision_date"]


def test_an_import_reports_it_as_a_row_problem(store: Store) -> None:
    upload = importer.read_upload(b"Company,Role,Date applied\nAcme,Analyst,1926-03-01\n"
                                  b"Beta,Developer,2026-03-02\n", "dates.csv")
    preview = importer.prepare_import(upload, importer.first_answers(upload),
                                      store.load("applications"), datetime(2026, 11, 20))
    assert preview.applications["company"].tolist() == ["Beta"]
    assert [(p.row, p.column) for p in preview.problems] == [(2, "Date applied")]
    assert "1926-03-01 is before" in preview.problems[0].message


def test_the_doctor_reports_it(store: Store) -> None:
    store.path("events").parent.mkdir(parents=True, exist_ok=True)
    store.path("events").write_text("id,application_id,date,kind\nE1,A1,1926-03-01,applied\n")
    report = check_folder(store.data_dir)
    assert report.exit_code == 1
    assert "1926-03-01 is before 2000-01-01" in report.text()
