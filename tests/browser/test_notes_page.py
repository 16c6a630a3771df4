"""Notes in a real browser: open it on the sample data, write the thank-you, mark it sent."""

from __future__ import annotations

import pytest

from nextround.storage.store import Store
from tests.browser.conftest import open_page, screenshot, wait_until_idle

pytestmark = pytest.mark.browser


def test_write_a_thank_you_and_mark_it_sent(page, sample_app):
    open_page(page, sample_app, "notes")
    assert page.locator("[data-testid='stException']").count() == 0
    page.get_by_text("Suggested: thank-you.").wait_for()
    screenshot(page, "notes-start")

    def box(name: str):
        return page.get_by_role("textbox", name=name, exact=True)

    box("One specific thing you discussed").fill("their plan to open an office in Lisbon")
    box("Your full name").fill("Sam Okafor")
    box("Main strength").fill("five years of SQL reporting")
    page.locator("[data-testid='stFormSubmitButton'] button").click()
    wait_until_idle(page)
    body = box("Body").first
    body.wait_for()
    text = body.input_value()
    assert "their plan to open an office in Lisbon" in text
    assert text.rstrip().endswith("Sam Okafor")
    assert page.get_by_text("Ready to send: every check passes").first.is_visible()
    link = page.locator("a", has_text="Open in email").first
    assert link.get_attribute("href").startswith("mailto:")
    # Streamlit scrolls inside its own container, so a tall window shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 2400})
    wait_until_idle(page)
    screenshot(page, "notes-finished")

    page.get_by_role("button", name="Mark as sent").first.click()
    wait_until_idle(page)
    page.get_by_text("Marked as sent today").first.wait_for()
    assert page.locator("[data-testid='stException']").count() == 0
    sent = Store(sample_app.data_dir).load("sent_notes")
    assert sent["body"].iloc[0] == text
    screenshot(page, "notes-sent")
