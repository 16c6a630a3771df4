"""Imports: files as other trackers and spreadsheets write them, one message per fault, the
same file recognised, and the import written as one unit that is undone in one step."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from nextround.commands import data as data_commands
from nextround.storage import importer
from nextround.storage.errors import DataFileError, NextRoundError
from nextround.storage.store import Store

NOW = datetime(2026, 9, 20, 10, 0)
TRACKER = (
    "Employer;Job Title;Status;Applied On;Contact Person;Notes\r\n"
    "Acme;Data analyst;Applied;01.09.2026;Ann Lee;\r\n"
    "Beta;Developer;Interviewing;03.09.2026;Bo;\"multi\nline\"\r\n"
    "Gamma;Designer;Rejected;31.02.2026;Cy;\r\n"
    "Delta;QA;Wishlist;;;\r\n"
)


def _preview(store: Store, raw: bytes = TRACKER.encode()) -> tuple[importer.Upload,
                                                                    importer.ImportPreview]:
    upload = importer.read_upload(raw, "tracker.csv")
    answers = importer.first_answers(upload)
    return upload, importer.prepare_import(upload, answers, store.load("applications"), NOW)


def test_a_tracker_export_is_read_and_mapped(store: Store) -> None:
    upload, preview = _preview(store)
    answers = importer.first_answers(upload)
    assert answers.mapping["contact_name"] == "Contact Person"  # before: left unmapped
    assert answers.order == "dmy"  # settled by 31.02.2026 (a 31 can only be a day)
    assert preview.applications["company"].tolist() == ["Acme", "Beta", "Delta"]
    assert preview.applications["contact_name"].tolist()[:2] == ["Ann Lee", "Bo"]
    assert preview.applications.loc[1, "notes"] == "multi\nline"


def test_one_bad_date_gives_one_correct_message(store: Store) -> None:
    """Before: two messages, the second wrong ("Only wishlist entries may leave it empty")."""
    _, preview = _preview(store)
    assert [(p.row, p.column, p.message) for p in preview.problems] == [
        (4, "Applied On", "'31.02.2026' is not a day that exists")]


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"\r\n \r\n"],
                         ids=["0 bytes", "bom", "blank"])
def test_an_empty_file_gets_a_clear_message(raw: bytes) -> None:
    """Before: "Could not determine delimiter"."""
    with pytest.raises(importer.ImportFileError, match="The file is empty"):
        importer.read_upload(raw)


def test_a_trailing_comma_does_not_shift_and_a_wider_row_is_named(store: Store) -> None:
    """Before: "Acme,Data Analyst,Paris,2026-01-05," imported with company "Data Analyst"."""
    raw = (b"Company,Role,Location,Date applied\n"
           b"Acme,Data Analyst,Paris,2026-01-05,\n"
           b"Beta,Developer,Berlin,2026-01-06,\n"
           b"Gamma,Designer,Rome,2026-01-07,oops\n")
    upload, preview = _preview(store, raw)
    assert upload.wide_rows == (4,)
    assert preview.applications[["company", "role", "location"]].values.tolist() == [
        ["Acme", "Data Analyst", "Paris"], ["Beta", "Developer", "Berlin"]]
    assert [p.row for p in preview.problems] == [4]
    assert "more values than the header" in preview.problems[0].message


def test_an_import_is_one_unit_listed_by_file_and_undone_in_one_step(store: Store) -> None:
    upload, preview = _preview(store)
    unit = data_commands.apply_import(store, preview, "my tracker.csv", upload.digest)
    assert unit is not None and unit.label == "import of my tracker.csv (3 rows)"
    apps, events = store.load("applications"), store.load("events")
    assert len(apps) == 3 and len(events) == 2  # the wishlist entry has no "applied" event
    # Used for a while: one more event logged for an imported application, one own application.
    store.update("events", lambda f: pd.concat([f, f.iloc[[0]].assign(id="E000099",
                                                                      kind="interview")]))
    store.update("applications", lambda f: pd.concat([f, f.iloc[[0]].assign(id="A00099",
                                                                            company="Mine")]))
    undo = data_commands.undo_import(store, unit.id)
    assert store.load("applications")["company"].tolist() == ["Mine"]
    assert store.load("events").empty
    assert {b.label for b in store.backups()} >= {f"before {undo.label}"}
    assert store.shelf.unit(unit.id).state == "undone"
    with pytest.raises(NextRoundError, match="not in place"):
        data_commands.undo_import(store, unit.id)


def test_the_same_file_again_is_recognised_and_its_rows_skipped(store: Store) -> None:
    """Before: after a good import the button stayed enabled and a second press imported
    everything again."""
    upload, preview = _preview(store)
    unit = data_commands.apply_import(store, preview, "tracker.csv", upload.digest)
    again, repeat = _preview(store)
    assert importer.previous_import(store, again.digest).id == unit.id
    assert repeat.duplicates == 3
    assert data_commands.apply_import(store, repeat, "tracker.csv", again.digest) is None
    assert len(store.load("applications")) == 3
    data_commands.undo_import(store, unit.id)
    assert importer.previous_import(store, again.digest) is None


def test_a_broken_events_file_stops_the_import_every_time(store: Store) -> None:
    """Before: with events.csv broken each press added the applications (5, 7, 9) without
    their events."""
    store.path("events").parent.mkdir(parents=True, exist_ok=True)
    store.path("events").write_text('id,application_id,date,kind\n"E1,A1\n')
    upload, preview = _preview(store)
    for _ in range(3):
        with pytest.raises(DataFileError):
            data_commands.apply_import(store, preview, "tracker.csv", upload.digest)
    assert not store.path("applications").exists()
