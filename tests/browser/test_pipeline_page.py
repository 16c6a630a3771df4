"""Pipeline in a real browser: the charts draw, a row opens its detail, and 10,000 applications
still load with a timeline of at most 50 rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nextround.commands.sample import write_sample
from nextround.domain import dates

pytestmark = pytest.mark.browser

CHART = "[data-testid='stVegaLiteChart']"


def _charts_drawn(page, at_least: int) -> None:
    """Wait until Vega has drawn (a canvas or an svg with marks) in ``at_least`` charts."""
    page.wait_for_function(
        """(n) => [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
            .filter(c => c.querySelector(
                "canvas, svg .mark-rect path, svg .mark-symbol path, svg .mark-text text"))
            .length >= n""",
        arg=at_least, timeout=30_000,
    )


def _timeline_labels(page) -> list[str]:
    """The row labels of the first chart, the timeline (drawn as SVG, so they are text)."""
    return page.evaluate(
        """() => {
            const chart = document.querySelector("[data-testid='stVegaLiteChart']");
            const axis = [...chart.querySelectorAll("svg g.role-axis")]
                .find(a => (a.getAttribute("aria-label") || "").startsWith("Y-axis"));
            return axis ? [...axis.querySelectorAll("g.role-axis-label text")]
                .map(t => t.textContent) : [];
        }"""
    )


def test_sample_search_charts_table_and_detail(ui, served_sample):
    page = ui.page
    ui.open(served_sample, "pipeline")
    ui.assert_no_exception()
    _charts_drawn(page, 4)
    labels = _timeline_labels(page)
    assert len(labels) == 15
    assert any(label.startswith("Acme Analytics") for label in labels)
    # What the caption promises: each chart's toolbar saves it as a PNG.
    page.locator(CHART).first.hover()
    save = page.get_by_role("button", name="Download as PNG").first
    save.wait_for()
    with page.expect_download() as download:
        save.click()
    assert download.value.suggested_filename.endswith(".png")
    ui.screenshot("pipeline-sample")

    ui.fill("Search", "acme")
    page.get_by_text("1 of 15 applications match").wait_for()
    ui.select_row(0)
    detail = page.locator(".st-key-pipeline_detail")
    detail.wait_for()
    assert detail.get_by_role("heading", name="Acme Analytics · Data analyst").is_visible()
    assert detail.get_by_text("Send a thank-you").first.is_visible()
    ui.assert_no_exception()
    _charts_drawn(page, 5)
    detail.scroll_into_view_if_needed()
    ui.screenshot("pipeline-detail")


def test_ten_thousand_applications(ui, start_app):
    page = ui.page
    big = start_app(lambda folder: write_sample(folder, dates.today(), 10_000))
    ui.open(big, "pipeline")
    ui.assert_no_exception()
    _charts_drawn(page, 4)
    assert len(_timeline_labels(page)) == 25
    rows = page.get_by_role("spinbutton", name="Applications on the timeline")
    rows.fill("50")
    ui.rerun(lambda: rows.press("Enter"), "asking for 50 applications on the timeline")
    _charts_drawn(page, 4)
    labels = _timeline_labels(page)
    assert 25 < len(labels) <= 50
    ui.assert_no_exception()
    ui.screenshot("pipeline-10k")


def test_when_will_i_hear_back_with_real_dates(ui, served_sample):
    """Acme waits on an answer after its second round: the detail dates what they said, what
    the person's own history says and the follow-up; the still-waiting curve marks the waits
    going on now; Home lists the same."""
    from nextround.domain.dates import format_day

    page = ui.page
    today = dates.today()
    ui.open(served_sample, "pipeline")
    ui.fill("Search", "acme")
    ui.select_row(0)
    page.get_by_text("When you may hear back").wait_for()
    decision = format_day(today + timedelta(days=8), today)
    page.get_by_text(f"They said they would decide by {decision}.").wait_for()
    page.get_by_text("Still waiting after an interview").first.wait_for()
    ui.assert_no_exception()
    ui.screenshot("pipeline-waiting")
    ui.open(served_sample, "")
    page.get_by_text("Waiting to hear back").first.wait_for()
    page.get_by_text(f"They said they would decide by {decision}.").wait_for()
    ui.assert_no_exception()
    ui.screenshot("home-waiting")
