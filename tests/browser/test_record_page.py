"""The record's meaning in Chromium (issue 24): the learning view with its intervals and the
readings-against-outcomes chart, and Pipeline's timeline with closed applications that end
where they ended, screenshotted to be looked at."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nextround.commands.sample import write_sample
from nextround.domain import dates
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store
from tests.learning_data import write_learning_search

pytestmark = pytest.mark.browser

CHART = "[data-testid='stVegaLiteChart']"


def test_the_learning_view_with_intervals(ui, start_app):
    app = start_app(lambda folder: write_learning_search(folder, extra=6))
    page = ui.page
    ui.open(app, "self_check")
    ui.assert_no_exception()
    page.get_by_role("heading", name="What your outcomes say").wait_for()
    page.get_by_text("The difference:").wait_for()
    page.get_by_text("Answers and interviews by where you found the job").wait_for()
    chart = page.locator(CHART).filter(has=page.locator("canvas, svg")).last
    chart.wait_for()
    page.get_by_role("heading", name="What your outcomes say").scroll_into_view_if_needed()
    ui.screenshot("learning-intervals")


def _closed_rows(folder) -> None:
    """The sample search plus two closed rows the timeline once drew wrongly: one imported
    closed with only its applied date (a 3-day stub), one rejected whose stage an import left
    at "interviewing" (a bar running to today)."""
    today = dates.today()
    write_sample(folder, today)
    store = Store(folder)
    apps = store.load("applications")
    extra = typed_frame("applications", [
        {"id": "A09001", "company": "Imported Closed", "role": "Analyst", "stage": "closed",
         "outcome": "no response", "date_applied": today - timedelta(days=70),
         "created_at": dates.now() - timedelta(days=1),
         "updated_at": dates.now() - timedelta(days=25)},
        {"id": "A09002", "company": "Stage Says Interviewing", "role": "Analyst",
         "stage": "interviewing", "outcome": "rejected",
         "date_applied": today - timedelta(days=60),
         "created_at": dates.now() - timedelta(days=60),
         "updated_at": dates.now() - timedelta(days=20)}])
    store.replace("applications", typed_frame("applications", [
        *apps.to_dict("records"), *extra.to_dict("records")]))


def test_the_timeline_ends_closed_bars_where_they_ended(ui, start_app):
    app = start_app(_closed_rows)
    page = ui.page
    ui.open(app, "pipeline")
    ui.assert_no_exception()
    page.locator(CHART).first.wait_for()
    page.get_by_text("Waiting to hear back after an interview").wait_for()
    ui.screenshot("pipeline-timeline-closed")
