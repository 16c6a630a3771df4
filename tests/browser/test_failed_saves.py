"""A save that the system refuses is shown as refused: the reason on the page, and the page
drawn as the file really is."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.commands.sample import write_sample
from nextround.domain import dates
from nextround.storage.store import Store

pytestmark = pytest.mark.browser


def _prep_saves_fail(folder: Path) -> None:
    """The sample search, with prep_progress's lock made unusable: every tick's save fails
    with an operating-system error, as on a full disk."""
    write_sample(folder, dates.today())
    (folder / ".locks" / "prep_progress.lock").mkdir(parents=True)


def test_a_tick_that_cannot_be_saved_is_shown_unticked_with_the_reason(ui, start_app) -> None:
    """Before: the box stayed ticked in the browser although nothing was saved."""
    app = start_app(_prep_saves_fail)
    page = ui.page
    ui.open(app, "prep")
    box = page.locator("[class*='st-key-prep_item_'][class*='prep-research-company']")
    ui.click(box.locator("label"), "ticking 'research the company'")
    page.get_by_text("Could not save prep_progress.csv").first.wait_for()
    assert not box.locator("input[type='checkbox']").is_checked()
    assert Store(app.data_dir).load("prep_progress").empty
    ui.assert_no_exception()
    ui.screenshot("prep-tick-refused")
