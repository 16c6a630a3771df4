"""Importing a 40-row spreadsheet from another tracker in Chromium: the bad rows named, one
entry in the backups, the same file recognised when it comes again, and one step to undo it."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from components.data.importing import fix_key
from nextround.storage.store import Store
from tests.browser.conftest import ROW_PX

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


def _edit_first_cell(ui, editor, text: str) -> None:
    """Replace the first editable cell of an st.data_editor's first row (a canvas grid, with
    the row numbers before it): double-click opens the cell's editor, Enter saves and reruns."""
    page = ui.page
    editor.scroll_into_view_if_needed()
    box = editor.bounding_box()
    assert box is not None, "the editor is not on screen"
    page.mouse.dblclick(box["x"] + 110, box["y"] + ROW_PX * 1.5)
    field = page.locator("textarea.gdg-input")
    field.wait_for()
    field.fill(text)
    ui.rerun(lambda: page.keyboard.press("Enter"), f"editing a cell to {text!r}")


def test_import_answer_a_status_fix_a_row_recognise_the_same_file_and_undo(ui,
                                                                          empty_app) -> None:
    """The value step asks what "Sleeping" means (never refused), the row with 31/02/2026 is
    fixed in the preview, all 40 rows come in as one unit, and one step undoes it."""
    page = ui.page
    ui.open(empty_app, "data")
    page.get_by_role("tab", name="Import").click()
    chooser = page.locator("[data-testid='stFileUploaderDropzoneInput'][accept*='.csv']")
    upload = {"name": "jobs.csv", "mimeType": "text/csv", "buffer": _spreadsheet()}
    ui.rerun(lambda: chooser.set_input_files(upload), "the upload")
    page.get_by_text("What your status words mean").first.wait_for()
    assert page.get_by_role("combobox", name="Sleeping · 1 row", exact=True).input_value() == ""
    assert page.get_by_role("combobox", name="Phone screen · 6 rows",
                            exact=True).input_value() == "screening"
    assert page.get_by_role("button", name="Import 38 applications").is_disabled()
    page.get_by_text("To import, answer above: what 1 status value means").wait_for()
    ui.screenshot("import-value-step")
    page.get_by_text("2 of 40 rows have problems").first.wait_for()  # 31/02, and Sleeping
    ui.choose("Sleeping · 1 row", "applied")
    page.get_by_text("1 of 40 rows have problems").first.wait_for()
    page.get_by_text("Fix the row that cannot go in as it is").wait_for()
    editor = page.locator(f"[class*='st-key-data_import_{fix_key([6])}_']")
    ui.screenshot("import-fix-before")
    _edit_first_cell(ui, editor, "28/02/2026")  # the date: the column with the problem
    page.get_by_text("Ready to import 40 applications").wait_for()
    assert page.get_by_text("rows have problems").count() == 0
    ui.screenshot("import-fix-after")
    ui.click(page.get_by_role("button", name="Import 40 applications"), "Import")
    page.get_by_text("You imported this file before").first.wait_for()
    assert page.get_by_role("button", name="Nothing new to import").is_disabled()
    store = Store(empty_app.data_dir)
    apps = store.load("applications")
    assert len(apps) == 40
    assert apps.loc[apps["company"] == "Company 05", "date_applied"].iloc[0] == pd.Timestamp(
        2026, 2, 28)
    assert apps.loc[apps["company"] == "Company 09", "stage"].iloc[0] == "applied"
    assert len(store.load("events")) == 38  # the two bookmarked ones have no date

    page.get_by_role("tab", name="Backups").click()
    entry = page.get_by_text("import of jobs.csv (40 rows)")
    entry.first.wait_for()
    ui.screenshot("import-backups")
    ui.click(page.get_by_role("button", name="Undo that import").last, "Undo that import")
    ui.click(page.get_by_role("button", name="Undo the import"), "confirming the undo")
    page.get_by_text("(undone)").first.wait_for()
    ui.assert_no_exception()
    store = Store(empty_app.data_dir)
    assert store.load("applications").empty and store.load("events").empty


def test_linkedin_export_and_a_file_without_a_header_row(ui, empty_app) -> None:
    """LinkedIn's export is recognised and matched in one step (its Contact Email left out);
    a file whose first row is data gets letters for column names, to be matched by hand."""
    page = ui.page
    ui.open(empty_app, "data")
    page.get_by_role("tab", name="Import").click()
    chooser = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    linkedin = ("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,"
                "Job Url,Resume Name,Question And Answers\n"
                '"1/2/26, 9:00 AM",me@mail.example,,Acme,Analyst,'
                "https://www.linkedin.com/jobs/view/1,cv.pdf,\n"
                '"3/4/25, 2:22 PM",me@mail.example,,Beta,Developer,,cv.pdf,\n')
    ui.rerun(lambda: chooser.set_input_files({"name": "Job Applications.csv",
                                              "mimeType": "text/csv",
                                              "buffer": linkedin.encode()}), "the upload")
    page.get_by_text("This is LinkedIn's export of your job applications").wait_for()
    assert page.get_by_role("combobox", name="Contact email", exact=True).input_value() == (
        "(none)")
    page.get_by_text("Ready to import 2 applications").wait_for()
    ui.screenshot("import-linkedin")
    ui.assert_no_exception()

    rows = ("Acme,Data analyst,14/01/2026,ann@acme.example\n"
            "Beta,Developer,03/02/2026,bo@beta.example\n")
    ui.rerun(lambda: chooser.set_input_files({"name": "no header.csv", "mimeType": "text/csv",
                                              "buffer": rows.encode()}), "the second upload")
    page.get_by_text("The first row looks like an application").wait_for()
    page.get_by_text("Choose the columns for company and role").wait_for()
    ui.choose("Company", "Column A")
    ui.choose("Role", "Column B")
    page.get_by_text("Ready to import 2 applications").wait_for()
    ui.screenshot("import-no-header")
    ui.click(page.get_by_role("button", name="Import 2 applications"), "Import")
    ui.assert_no_exception()
    apps = Store(empty_app.data_dir).load("applications")
    assert apps["company"].tolist() == ["Acme", "Beta"]
    assert apps["date_applied"].tolist() == [pd.Timestamp(2026, 1, 14), pd.Timestamp(2026, 2, 3)]
