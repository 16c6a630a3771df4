"""The Prep page in Chromium with the sample data: tick a step, write a practice answer."""

from __future__ import annotations

import pytest

from nextround.domain import dates
from nextround.storage.store import Store

pytestmark = pytest.mark.browser


def test_prep_plan_and_practice(ui, sample_app):
    page = ui.page
    ui.open(sample_app, "prep")
    ui.assert_no_exception()
    assert page.get_by_text("Cobalt Robotics: Product manager").first.is_visible()

    ui.click(page.locator("[class*='st-key-prep_item_'][class*='prep-research-company'] label"),
             "ticking 'research the company'")
    page.get_by_text("1 of 21 done").first.wait_for()
    progress = Store(sample_app.data_dir).load("prep_progress")
    assert progress["item_id"].tolist() == ["prep-research-company"]
    ui.assert_no_exception()
    ui.screenshot("prep-plan")

    page.get_by_role("tab", name="Your answers").click()
    ui.pick(page, "Core questions")
    ui.pick(page, "Tell me about yourself.")
    answer = page.get_by_label("Your answer, as you would say it")
    answer.fill("I am a product manager who ships small, useful things. " * 8)
    page.get_by_text("Ready: I am happy with this answer").click()
    ui.click(page.get_by_role("button", name="Save answer"), "Save answer")
    page.get_by_text("Saved answer: 80 words").first.wait_for()
    saved = Store(sample_app.data_dir).load("practice_answers")
    assert saved["id"].tolist() == ["tell-me-about-yourself"]
    assert bool(saved["ready"].iloc[0])
    ui.assert_no_exception()
    ui.screenshot("prep-practice")


def test_short_notice_catch_up_and_the_question_to_prepare_better(ui, start_app):
    """Cobalt's panel is three days away: the week-before steps are "catch up" in the days
    left, never "Overdue"; the question a self-check of another company named is on top."""
    from datetime import timedelta

    from nextround.commands.sample import write_sample
    from nextround.commands.self_check import save_check

    def setup(folder):
        store = write_sample(folder, dates.today())
        apps = store.load("applications")
        birch = apps.loc[apps["company"] == "Birchwood Health", "id"].iloc[0]
        save_check(store, {"application_id": birch, "answers": {},
                           "interview_date": dates.today() - timedelta(days=5),
                           "prepare_better": "Why do you want to leave your current team?"},
                   dates.now())

    app = start_app(setup)
    page = ui.page
    ui.open(app, "prep")
    ui.assert_no_exception()
    page.get_by_text("The question you wanted to prepare better").wait_for()
    page.get_by_text("Why do you want to leave your current team?").wait_for()
    page.get_by_text("Short notice:", exact=False).wait_for()
    assert page.get_by_text("Catch up", exact=True).count() >= 8
    assert page.get_by_text("Overdue", exact=True).count() == 0
    ui.screenshot("prep-catch-up")


def test_the_prep_sheet_opens_as_a_page_that_prints_cleanly(ui, new_page, sample_app, tmp_path):
    """Issue 24, 12: the "printable" prep sheet was a .md download. Now it is an HTML page: it
    opens in the browser with nothing fetched from outside, and in print the button is gone."""
    from tests.browser.conftest import SHOTS

    page = ui.page
    ui.open(sample_app, "prep")
    ui.assert_no_exception()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the prep sheet").click()
    assert download.value.suggested_filename.endswith(".html")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)

    sheet = new_page(viewport={"width": 900, "height": 1100})
    outside: list[str] = []
    sheet.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file:") else None)
    sheet.goto(saved.as_uri())
    assert sheet.get_by_role("heading", level=1).inner_text().startswith(
        "Prep sheet: Cobalt Robotics")
    assert sheet.get_by_role("heading", name="Checklist").is_visible()
    assert sheet.get_by_role("button", name="Print this sheet").is_visible()
    assert outside == []
    sheet.screenshot(path=str(SHOTS / "prep-sheet-screen.png"), full_page=True)
    sheet.emulate_media(media="print")
    assert not sheet.get_by_role("button", name="Print this sheet").is_visible()
    sheet.screenshot(path=str(SHOTS / "prep-sheet-print.png"), full_page=True)
    pdf = sheet.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000
