"""Hostile text in the user's data is shown as text on every page: no script runs, no dialog
opens, no link or markup is created from it."""

from __future__ import annotations

import pytest

from components.shared.navigation import PAGES

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned = 1; alert('pwned')</script>"
IMG = "<img src=x onerror=\"window.__pwned=2;alert(2)\">"
LINK = "[free offer](javascript:window.__pwned=3)"


@pytest.fixture
def hostile_app(sample_app_with):
    return sample_app_with(
        {"company": f"{SCRIPT} Evil Corp", "role": f"{IMG} {LINK}",
         "notes": "=HYPERLINK(\"http://x\")", "location": "\u202eevil RTL 🎉"},
        {"interviewers": f"{SCRIPT}; Bo", "details": f"# Heading {LINK} $x^2$ :red[red]"},
    )


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
