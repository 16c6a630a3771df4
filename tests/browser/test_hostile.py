"""Hostile text in the user's data is shown as text on every page: no script runs, no dialog
opens, no link or markup is created from it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from components.navigation import PAGES
from nextround import demo
from nextround.domain import applications, dates
from nextround.storage.store import Store

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned = 1; alert('pwned')</script>"
IMG = "<img src=x onerror=\"window.__pwned=2;alert(2)\">"
LINK = "[free offer](javascript:window.__pwned=3)"


def _hostile_search(data_dir: Path) -> None:
    demo.write(data_dir, dates.today())
    store = Store(data_dir)
    today = dates.today()
    app_id = applications.add_application(
        store,
        {"company": f"{SCRIPT} Evil Corp", "role": f"{IMG} {LINK}", "stage": "applied",
         "date_applied": today - timedelta(days=3), "notes": "=HYPERLINK(\"http://x\")",
         "location": "\u202eevil RTL 🎉"},
        dates.now(),
    )
    applications.log_event(store, {"application_id": app_id, "date": today - timedelta(days=1),
                              "kind": "interview", "round": 1, "interviewers": f"{SCRIPT}; Bo",
                              "details": f"# Heading {LINK} $x^2$ :red[red]"}, dates.now())


@pytest.fixture
def hostile_app(start_app):
    return start_app(_hostile_search)

@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_hostile_text_stays_text(ui, hostile_app, spec) -> None:
    page = ui.page
    ui.open(hostile_app, spec.url_path)
    ui.assert_no_exception()
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    scripts = page.evaluate(
        "[...document.scripts].filter(s => s.textContent.includes('__pwned')).length")
    assert scripts == 0
    ui.screenshot(f"hostile-{spec.title.lower().replace(' ', '-')}")
