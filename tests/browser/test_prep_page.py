"""The Prep page in Chromium with the sample data: tick a step, write a practice answer."""

from __future__ import annotations

import pytest

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
