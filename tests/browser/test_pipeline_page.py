"""Pipeline in a real browser: the charts draw, a row opens its detail, and 10,000 applications
still load with a timeline of at most 50 rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from nextround import demo
from tests.browser.conftest import App, open_page, screenshot, wait_until_idle

pytestmark = pytest.mark.browser

CHART = "[data-testid='stVegaLiteChart']"
ROW_PX = 35  # st.dataframe's default row height, the header row included


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


def _select_row(page, position: int) -> None:
    """Tick a row of the applications table (the grid is a canvas: click its row marker)."""
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + ROW_PX * (position + 1) + ROW_PX / 2)
    wait_until_idle(page)


def test_sample_search_charts_table_and_detail(page, sample_app):
    open_page(page, sample_app, "pipeline")
    assert page.locator("[data-testid='stException']").count() == 0
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
    screenshot(page, "pipeline-sample")

    search = page.get_by_role("textbox", name="Search", exact=True)
    search.fill("acme")
    search.press("Enter")
    wait_until_idle(page)
    page.get_by_text("1 of 15 applications match").wait_for()
    _select_row(page, 0)
    detail = page.locator(".st-key-pipeline_detail")
    detail.wait_for()
    assert detail.get_by_role("heading", name="Acme Analytics · Data analyst").is_visible()
    assert detail.get_by_text("Send a thank-you").first.is_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    _charts_drawn(page, 5)
    detail.scroll_into_view_if_needed()
    screenshot(page, "pipeline-detail")


@pytest.fixture
def big_app(tmp_path: Path) -> Iterator[App]:
    folder = tmp_path / "data"
    demo.write(folder, date.today(), 10_000)
    app = App(folder)
    yield app
    app.stop()


def test_ten_thousand_applications(page, big_app):
    open_page(page, big_app, "pipeline")
    assert page.locator("[data-testid='stException']").count() == 0
    _charts_drawn(page, 4)
    assert len(_timeline_labels(page)) == 25
    slider = page.get_by_role("slider").first
    slider.focus()
    slider.press("End")
    wait_until_idle(page)
    _charts_drawn(page, 4)
    page.wait_for_function("() => true")
    labels = _timeline_labels(page)
    assert 25 < len(labels) <= 50
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "pipeline-10k")
