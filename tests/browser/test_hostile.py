"""Hostile text in the user's data is shown as text on every page: no script runs, no dialog
opens, no link or markup is created from it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from components.navigation import PAGES
from nextround import demo
from nextround.domain import applications
from nextround.storage.store import Store
from tests.browser.conftest import App, open_page, screenshot

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned = 1; alert('pwned')</script>"
IMG = "<img src=x onerror=\"window.__pwned=2;alert(2)\">"
LINK = "[free offer](javascript:window.__pwned=3)"


@pytest.fixture
def hostile_app(tmp_path: Path):
    data_dir = tmp_path / "data"
    demo.write(data_dir, date.today())
    store = Store(data_dir)
    today = date.today()
    app_id = applications.add_application(
        store,
        {"company": f"{SCRIPT} Evil Corp", "role": f"{IMG} {LINK}", "stage": "applied",
         "date_applied": today - timedelta(days=3), "notes": "=HYPERLINK(\"http://x\")",
         "location": "\u202eevil RTL 🎉"},
        datetime.now(),
    )
    applications.log_event(store, {"application_id": app_id, "date": today - timedelta(days=1),
                              "kind": "interview", "round": 1, "interviewers": f"{SCRIPT}; Bo",
                              "details": f"# Heading {LINK} $x^2$ :red[red]"}, datetime.now())
    app = App(data_dir)
    yield app
    app.stop()



@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_hostile_text_stays_text(page, hostile_app, spec) -> None:
    open_page(page, hostile_app, spec.url_path)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    scripts = page.evaluate(
        "[...document.scripts].filter(s => s.textContent.includes('__pwned')).length")
    assert scripts == 0
    screenshot(page, f"hostile-{spec.title.lower().replace(' ', '-')}")
