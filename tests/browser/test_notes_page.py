"""Notes in a real browser: open it on the sample data, write the thank-you, mark it sent."""

from __future__ import annotations

import pytest

from nextround.storage.store import Store

pytestmark = pytest.mark.browser


def test_write_a_thank_you_and_mark_it_sent(ui, sample_app):
    page = ui.page
    ui.open(sample_app, "notes")
    ui.assert_no_exception()
    page.get_by_text("Suggested: thank-you.").wait_for()
    ui.screenshot("notes-start")

    def box(name: str):
        return page.get_by_role("textbox", name=name, exact=True)

    box("One specific thing you discussed").fill("their plan to open an office in Lisbon")
    box("Your full name").fill("Sam Okafor")
    box("Main strength").fill("five years of SQL reporting")
    ui.click(page.locator("[data-testid='stFormSubmitButton'] button"), "Write the note")
    body = box("Body").first
    body.wait_for()
    text = body.input_value()
    assert "their plan to open an office in Lisbon" in text
    assert text.rstrip().endswith("Sam Okafor")
    assert page.get_by_text("Ready to send: every check passes").first.is_visible()
    link = page.locator("a", has_text="Open in email").first
    assert link.get_attribute("href").startswith("mailto:")
    ui.screenshot("notes-finished")

    ui.click(page.get_by_role("button", name="Mark as sent").first, "Mark as sent")
    page.get_by_text("Marked as sent today").first.wait_for()
    ui.assert_no_exception()
    sent = Store(sample_app.data_dir).load("sent_notes")
    assert sent["body"].iloc[0] == text
    ui.screenshot("notes-sent")
