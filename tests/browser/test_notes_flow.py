"""Issue 21 in a real browser: a panel of two, one thank-you marked sent, the other still due on
Notes and on Home; and a nudge on a plain application drafted as an application nudge. Each
screen is saved as a screenshot to look at."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from nextround.domain import dates
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store
from tests.browser.test_notes_page import DISCUSSED, write

pytestmark = pytest.mark.browser


def panel(folder: Path) -> None:
    today = dates.today()
    store = Store(folder)
    store.update("applications", lambda _f: typed_frame("applications", [
        {"id": "A1", "company": "Lumen Health", "role": "Data analyst", "stage": "interviewing",
         "date_applied": today - timedelta(30)},
        {"id": "A2", "company": "Quiet Co", "role": "Analyst", "stage": "applied",
         "date_applied": today - timedelta(12), "contact_name": "Rita Okoye",
         "contact_email": "rita@quiet.example"}]))
    store.update("events", lambda _f: typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": today - timedelta(1), "kind": "interview",
         "interviewers": "Priya Raman; Anika Chen",
         "interviewer_emails": "priya@lumen.example; anika@lumen.example"},
        {"id": "E2", "application_id": "A2", "date": today - timedelta(12), "kind": "applied"}]))


def test_a_panel_of_two_one_marked_sent_the_other_still_due(ui, start_app):
    app = start_app(panel)
    page = ui.page
    ui.open(app, "")
    page.get_by_text("no thank-you to Anika Chen logged yet").first.wait_for()
    assert page.get_by_text("no thank-you to Priya Raman logged yet").count() == 1
    ui.screenshot("flow-home-panel-two-due")

    ui.open(app, "notes")
    page.get_by_text("Suggested: thank-you.").wait_for()
    assert page.get_by_role("textbox", name=DISCUSSED).count() == 2
    write(ui, ["the plan to rebuild the churn dashboard", "the data platform migration"],
          strength="five years of SQL reporting")
    ui.screenshot("flow-notes-panel-drafts")
    ui.click(page.get_by_role("button", name="Mark as sent").first, "Mark Priya's as sent")
    page.get_by_text("Marked as sent today").first.wait_for()
    ui.assert_no_exception()
    page.get_by_text("no thank-you to Anika Chen logged yet").first.wait_for()
    assert page.get_by_text("Suggested: thank-you.").count() == 1
    ui.screenshot("flow-notes-priya-sent")
    page.get_by_role("tab", name="To Anika Chen").click()
    anika = page.get_by_role("textbox", name="Body", exact=True).last
    assert anika.input_value().startswith("Dear Anika,")
    assert "the data platform migration" in anika.input_value()
    assert page.get_by_role("button", name="Mark as sent").count() == 1
    ui.screenshot("flow-notes-anika-still-due")
    events = Store(app.data_dir).load("events")
    assert events.loc[events["kind"].eq("thank-you sent"), "interviewers"].tolist() == [
        "Priya Raman"]

    ui.open(app, "")
    page.get_by_text("no thank-you to Anika Chen logged yet").first.wait_for()
    assert page.get_by_text("no thank-you to Priya Raman logged yet").count() == 0
    assert page.get_by_text("Nothing is due right now").count() == 0
    ui.screenshot("flow-home-anika-still-due")


def test_a_nudge_on_a_plain_application_is_an_application_nudge(ui, start_app):
    app = start_app(panel)
    page = ui.page
    ui.open(app, "")
    page.get_by_text("Nudge about your application").first.wait_for()
    ui.click(page.locator("[class*='st-key-home_write_A2'] button"), "Write the nudge")
    page.get_by_text("Suggested: application nudge.").wait_for()
    [text] = write(ui, [], strength="five years of SQL reporting")
    assert text.startswith("Dear Rita,") and "I applied for the Analyst role at Quiet Co" in text
    assert "speaking with me" not in text
    ui.screenshot("flow-notes-application-nudge")


def test_the_timing_form_offers_the_holiday_country(ui, start_app):
    app = start_app(panel)
    page = ui.page
    ui.open(app, "pipeline")
    ui.rerun(lambda: page.get_by_text("Follow-up timing").first.click(), "opening the timing")
    page.get_by_text("Public holidays of").first.wait_for()
    page.get_by_text("Between two notes to one person (business days)").first.wait_for()
    ui.assert_no_exception()
    ui.screenshot("flow-pipeline-timing-holidays")
