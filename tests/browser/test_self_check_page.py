"""The self-check in Chromium: answer the signs for Acme's round 2, read, save, screenshot."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.storage.store import Store
from nextround.views.self_check import interview_choices
from tests.browser.conftest import open_page, screenshot, wait_until_idle

pytestmark = pytest.mark.browser

ANSWERS = {
    "Next steps (4)": {"sign-next-round-invite": "Not sure", "sign-fast-scheduling": "Yes"},
    "Talk of the future (5)": {"sign-when-you-join": "Yes", "sign-salary-raised": "No"},
    "Interest in you (5)": {"sign-dug-deeper": "Yes", "sign-asked-your-interest": "Yes"},
    "Time and attention (7)": {"sign-answered-your-questions": "Yes", "sign-rapport": "Yes"},
    "Warning signs (11)": {"sign-other-strong-candidates": "Yes", "sign-distracted": "No"},
}
RATINGS = {"rating-opening": "4", "rating-concrete-examples": "2", "rating-weakness": "1",
           "rating-asked-questions": "4"}


def _whole_page(page) -> None:
    """Streamlit scrolls inside its own container, so a full-page screenshot needs a viewport
    as tall as the content."""
    height = page.evaluate(
        "() => document.querySelector(\"[data-testid='stMain']\").scrollHeight"
    )
    page.set_viewport_size({"width": 1400, "height": int(height) + 40})
    page.wait_for_timeout(800)


def test_complete_a_self_check(page, sample_app):
    store = Store(sample_app.data_dir)
    choices = interview_choices(store.load("applications"), store.load("events"),
                                   date.today())
    acme = choices[choices["company"].eq("Acme Analytics") & choices["round"].eq(2)].iloc[0]
    open_page(page, sample_app, "self_check")
    page.locator(".st-key-sc_interview").click()
    page.get_by_role("option", name=acme["label"]).click()
    wait_until_idle(page)

    form_key = f"{acme['event_id']}_new"
    page.locator(f".st-key-sc_{form_key}_scheduled").wait_for()
    page.locator(f".st-key-sc_{form_key}_scheduled input").fill("45")
    page.locator(f".st-key-sc_{form_key}_actual input").fill("60")
    for tab, answers in ANSWERS.items():
        page.get_by_role("tab", name=tab).click()
        for sign_id, answer in answers.items():
            control = page.locator(f".st-key-sc_{form_key}_{sign_id}")
            control.get_by_role("radio", name=answer, exact=True).click()
    page.get_by_role("tab", name="Your own view").click()
    for item_id, rating in RATINGS.items():
        control = page.locator(f".st-key-sc_{form_key}_{item_id}")
        control.get_by_role("radio", name=rating, exact=True).click()
    page.get_by_role("button", name="See my reading").click()
    wait_until_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("Mostly encouraging signs").first.wait_for()
    page.get_by_text("Not a prediction.").wait_for()
    page.get_by_text("Send a thank-you note to Acme Analytics").wait_for()

    page.locator(f".st-key-sc_{form_key}_went_well textarea").fill(
        "The case study: they asked two follow-ups and took notes."
    )
    page.locator(f".st-key-sc_{form_key}_prepare_better textarea").fill(
        "Why I am leaving my current job."
    )
    page.get_by_role("button", name="Save this check").click()
    wait_until_idle(page)
    page.get_by_role("button", name="Save changes").wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    saved = Store(sample_app.data_dir).load("self_checks")
    assert len(saved) == 1 and saved.iloc[0]["band"] == "Mostly encouraging signs"

    _whole_page(page)
    path = screenshot(page, "self-check-finished")
    assert path.stat().st_size > 50_000
