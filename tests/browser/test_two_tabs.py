"""Two browser tabs edit the same application: the second save is refused, nothing is lost."""

from __future__ import annotations

import pytest

from nextround.storage.store import Store
from tests.browser.conftest import open_page, screenshot, wait_until_idle
from tests.browser.test_pipeline_page import _select_row

pytestmark = pytest.mark.browser


def _open_acme_edit(browser, app):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    tab = context.new_page()
    open_page(tab, app, "pipeline")
    search = tab.get_by_role("textbox", name="Search", exact=True)
    search.fill("acme")
    search.press("Enter")
    wait_until_idle(tab)
    _select_row(tab, 0)
    detail = tab.locator(".st-key-pipeline_detail")
    detail.wait_for()
    detail.get_by_role("tab", name="Edit details").click()
    wait_until_idle(tab)
    return context, tab, detail


def _save_notes(tab, detail, text: str) -> None:
    notes = detail.get_by_role("textbox", name="Notes")
    notes.fill(text)
    detail.get_by_role("button", name="Save changes").click()
    wait_until_idle(tab)


def test_second_tab_is_refused_and_the_first_save_survives(browser, sample_app) -> None:
    first_ctx, first, first_detail = _open_acme_edit(browser, sample_app)
    second_ctx, second, second_detail = _open_acme_edit(browser, sample_app)
    try:
        _save_notes(first, first_detail, "Saved from the first tab")
        assert first.locator("[data-testid='stException']").count() == 0
        _save_notes(second, second_detail, "Saved from the second tab")
        refusal = second.get_by_text("changed since this page was opened")
        refusal.first.wait_for(timeout=15_000)
        screenshot(second, "two-tabs-refused")
        apps = Store(sample_app.data_dir).load("applications")
        acme = apps[apps["company"] == "Acme Analytics"].iloc[0]
        assert acme["notes"] == "Saved from the first tab"
    finally:
        first_ctx.close()
        second_ctx.close()
