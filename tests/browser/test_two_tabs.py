"""Two browser tabs edit the same application: the second save is refused, nothing is lost."""

from __future__ import annotations

import pytest

from nextround.storage.store import Store

pytestmark = pytest.mark.browser


def _open_acme_edit(new_page, make_ui, app):
    tab = make_ui(new_page(viewport={"width": 1400, "height": 1100}))
    tab.open(app, "pipeline")
    tab.fill("Search", "acme")
    tab.select_row(0)
    detail = tab.page.locator(".st-key-pipeline_detail")
    detail.wait_for()
    tab.click(detail.get_by_role("tab", name="Edit details"), "the Edit details tab")
    return tab, detail


def _save_notes(tab, detail, text: str) -> None:
    detail.get_by_role("textbox", name="Notes").fill(text)
    tab.click(detail.get_by_role("button", name="Save changes"), "Save changes")


def test_second_tab_is_refused_and_the_first_save_survives(new_page, make_ui, sample_app):
    first, first_detail = _open_acme_edit(new_page, make_ui, sample_app)
    second, second_detail = _open_acme_edit(new_page, make_ui, sample_app)
    _save_notes(first, first_detail, "Saved from the first tab")
    first.assert_no_exception()
    _save_notes(second, second_detail, "Saved from the second tab")
    second.page.get_by_text("changed since this page was opened").first.wait_for()
    second.screenshot("two-tabs-refused")
    apps = Store(sample_app.data_dir).load("applications")
    acme = apps[apps["company"] == "Acme Analytics"].iloc[0]
    assert acme["notes"] == "Saved from the first tab"
