"""The self-check in Chromium: answer the signs for Acme's round 2, read, save, screenshot."""

from __future__ import annotations

from datetime import date

import pytest

from nextround.storage.store import Store
from nextround.views.self_check import interview_choices

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


def test_complete_a_self_check(ui, sample_app):
    store = Store(sample_app.data_dir)
    choices = interview_choices(store.load("applications"), store.load("events"), date.today())
    acme = choices[choices["company"].eq("Acme Analytics") & choices["round"].eq(2)].iloc[0]
    page = ui.page
    ui.open(sample_app, "self_check")
    ui.choose("Interview", acme["label"])

    form_key = f"{acme['event_id']}_new"
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
    ui.click(page.get_by_role("button", name="See my reading"), "See my reading")
    ui.assert_no_exception()
    page.get_by_text("Mostly encouraging signs").first.wait_for()
    page.get_by_text("Not a prediction.").wait_for()
    page.get_by_text("Send a thank-you note to Acme Analytics").wait_for()

    page.locator(f".st-key-sc_{form_key}_went_well textarea").fill(
        "The case study: they asked two follow-ups and took notes."
    )
    page.locator(f".st-key-sc_{form_key}_prepare_better textarea").fill(
        "Why I am leaving my current job."
    )
    ui.click(page.get_by_role("button", name="Save this check"), "Save this check")
    page.get_by_role("button", name="Save changes").wait_for()
    ui.assert_no_exception()
    saved = Store(sample_app.data_dir).load("self_checks")
    assert len(saved) == 1 and saved.iloc[0]["band"] == "Mostly encouraging signs"
    assert ui.screenshot("self-check-finished").stat().st_size > 50_000
