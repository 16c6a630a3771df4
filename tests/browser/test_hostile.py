"""Hostile text in the user's data is shown as text on every page: no script runs, no dialog
opens, no link or markup is created from it."""

from __future__ import annotations

import pytest

from components.shared.navigation import PAGES
from tests.browser.conftest import sample_with

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned = 1; alert('pwned')</script>"
IMG = "<img src=x onerror=\"window.__pwned=2;alert(2)\">"
LINK = "[free offer](javascript:window.__pwned=3)"


@pytest.fixture
def hostile_app(serve):
    return serve("hostile", sample_with(
        {"company": f"{SCRIPT} Evil Corp", "role": f"{IMG} {LINK}",
         "notes": "=HYPERLINK(\"http://x\")", "location": "\u202eevil RTL 🎉"},
        {"interviewers": f"{SCRIPT}; Bo", "details": f"# Heading {LINK} $x^2$ :red[red]"},
    ))


def test_hostile_text_stays_text(ui, hostile_app) -> None:
    """Every page in turn, in one tab (each opened by its own address): what went wrong on
    any page is reported with the page's name."""
    page = ui.page
    found: dict[str, dict[str, object]] = {}
    for spec in PAGES:
        dialogs = len(page.dialogs)  # type: ignore[attr-defined]
        ui.open(hostile_app, spec.url_path)
        ui.assert_no_exception()
        scripts = page.evaluate(
            "[...document.scripts].filter(s => s.textContent.includes('__pwned')).length")
        seen = {"script ran": not page.evaluate("window.__pwned === undefined"),
                "dialogs": page.dialogs[dialogs:],  # type: ignore[attr-defined]
                "images from the text": page.locator("img[src='x']").count(),
                "javascript links": page.locator("a[href^='javascript']").count(),
                "scripts with the text": scripts}
        if any(seen.values()):
            found[spec.title] = seen
        ui.screenshot(f"hostile-{spec.title.lower().replace(' ', '-')}")
    assert not found, found
