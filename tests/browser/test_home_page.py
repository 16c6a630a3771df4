"""Home's two card buttons in a real browser, as a person uses them: Done takes the card away,
says what it logged and the log is on disk; Snooze (in its popover) hides the card until the
day. Each survives a reload. Looked at in screenshots."""

from __future__ import annotations

import pytest

from nextround.storage.store import Store

pytestmark = pytest.mark.browser
CARDS = "[class*='st-key-home_card_']"


def _first_card(page):
    """The first card and its key as the page writes it in the class name (Streamlit makes
    the action's key, with its colons, safe for CSS)."""
    card = page.locator(CARDS).first
    name = next(c for c in card.get_attribute("class").split()
                if c.startswith("st-key-home_card_"))
    return card, name.removeprefix("st-key-home_card_")


def _card(page, key: str):
    return page.locator(f"[class~='st-key-home_card_{key}']")


def _marked(store: Store, status: str) -> list[str]:
    state = store.load("actions")
    return state.loc[state["status"].eq(status), "id"].tolist()


def test_done_takes_the_card_away_and_logs_the_step(ui, sample_app):
    page = ui.page
    ui.open(sample_app, "")
    card, key = _first_card(page)
    title = card.locator("strong").first.inner_text()
    events_before = len(Store(sample_app.data_dir).load("events"))
    ui.click(card.get_by_role("button", name="Done"), "Done")
    ui.assert_no_exception()
    page.get_by_text("Logged:").first.wait_for()
    assert _card(page, key).count() == 0
    store = Store(sample_app.data_dir)
    assert len(store.load("events")) == events_before + 1  # on disk when the page says so
    assert len(_marked(store, "done")) == 1
    ui.screenshot("home-after-done")
    ui.open(sample_app, "")
    assert _card(page, key).count() == 0, title


def test_snooze_hides_the_card_until_the_day(ui, sample_app):
    page = ui.page
    ui.open(sample_app, "")
    card, key = _first_card(page)
    card.locator("[data-testid='stPopover'] button").click()
    snooze = page.locator(f"[class~='st-key-home_snooze_{key}'] button")
    snooze.wait_for()
    ui.screenshot("home-snooze-open")
    ui.click(snooze, "Snooze")
    ui.assert_no_exception()
    page.get_by_text("Snoozed until").first.wait_for()
    assert _card(page, key).count() == 0
    assert len(_marked(Store(sample_app.data_dir), "snoozed")) == 1
    ui.open(sample_app, "")
    assert _card(page, key).count() == 0
    ui.screenshot("home-after-snooze")
