"""Importing a 40-row spreadsheet from another tracker in Chromium: the bad rows named, one
entry in the backups, the same file recognised when it comes again, and one step to undo it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from nextround.storage.store import Store

pytestmark = pytest.mark.browser

STATUSES = ["Applied"] * 14 + ["Phone screen"] * 6 + ["Interviewing"] * 8 + ["Offer"] * 2 + [
    "Rejected"] * 6 + ["Ghosted"] * 2 + ["Bookmarked"] * 2


def _spreadsheet() -> bytes:
    """40 rows as another tracker exports them: its own column names and order, DD/MM/YYYY
    dates, a trailing comma on every row, and two bad rows (a date that does not exist, a
    status nobody knows)."""
    start = date(2026, 8, 3)
    lines = ["Status;Job Title;Employer;Applied On;Contact Person;Link;"]
    for i, status in enumerate(STATUSES):
        day = "" if status == "Bookmarked" else (start + timedelta(days=i)).strftime("%d/%m/%Y")
        lines.append(f"{status};Analyst {i + 1};Company {i + 1:02d};{day};Person {i + 1};"
                     f"https://jobs.example.com/{i + 1};")
    lines[5] = lines[5].replace("07/08/2026", "31/02/2026")
    lines[9] = lines[9].replace("Applied", "Sleeping")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_import_recognise_the_same_file_and_undo_in_one_step(ui, empty_app) -> None:
    page = ui.page
    ui.open(empty_app, "data")
    page.get_by_role("tab", name="Import").click()
    chooser = page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.csv']")
    upload = {"name": "jobs.csv", "mimeType": "text/csv", "buffer": _spreadsheet()}
    ui.rerun(lambda: chooser.set_input_files(upload), "the upload")
    page.get_by_text("2 of 40 rows have problems").first.wait_for()
    ui.click(page.get_by_text("Skip the 2 rows with problems"), "skipping the bad rows")
    ui.screenshot("import-preview")
    ui.click(page.get_by_role("button", name="Import 38 applications"), "Import")
    page.get_by_text("You imported this file before").first.wait_for()
    assert page.get_by_role("button", name="Import 0 applications").is_disabled()
    store = Store(empty_app.data_dir)
    assert len(store.load("applications")) == 38
    assert len(store.load("events")) == 36  # the two bookmarked ones have no date

    page.get_by_role("tab", name="Backups").click()
    entry = page.get_by_text("import of jobs.csv (38 rows)")
    entry.first.wait_for()
    ui.screenshot("import-backups")
    ui.click(page.get_by_role("button", name="Undo that import").last, "Undo that import")
    ui.click(page.get_by_role("button", name="Undo the import"), "confirming the undo")
    page.get_by_text("(undone)").first.wait_for()
    ui.assert_no_exception()
    store = Store(empty_app.data_dir)
    assert store.load("applications").empty and store.load("events").empty
