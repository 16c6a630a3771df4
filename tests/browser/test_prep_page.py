"""The Prep page in Chromium with the sample data: tick a step, write a practice answer."""

from __future__ import annotations

import pytest

from nextround.storage.store import Store
from tests.browser.conftest import open_page, screenshot, wait_until_idle

pytestmark = pytest.mark.browser


def test_prep_plan_and_practice(page, sample_app):
    open_page(page, sample_app, "prep")
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Cobalt Robotics: Product manager").first.is_visible()

    page.locator("[class*='st-key-prep_item_'][class*='prep-research-company'] label").click()
    wait_until_idle(page)
    page.wait_for_selector("text=1 of 21 done")
    progress = Store(sample_app.data_dir).load("prep_progress")
    assert progress["item_id"].tolist() == ["prep-research-company"]
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "prep-plan")

    page.get_by_role("tab", name="Your answers").click()
    page.get_by_role("radio", name="Core questions").click()  # the segmented control's option
    wait_until_idle(page)
    page.get_by_text("Tell me about yourself.").first.click()
    wait_until_idle(page)
    answer = page.get_by_label("Your answer, as you would say it")
    answer.fill("I am a product manager who ships small, useful things. " * 8)
    page.get_by_text("Ready: I am happy with this answer").click()
    page.get_by_role("button", name="Save answer").click()
    wait_until_idle(page)
    page.wait_for_selector("text=Saved answer: 80 words")
    saved = Store(sample_app.data_dir).load("practice_answers")
    assert saved["id"].tolist() == ["tell-me-about-yourself"]
    assert bool(saved["ready"].iloc[0])
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "prep-practice")
