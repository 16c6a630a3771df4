"""Every page in a real browser, empty and with sample data: no exception, a screenshot each.

Each test starts a fresh server and opens the page's own URL as its first request: the case in
which Streamlit runs a page file on its own, before app.py has set the shell up. The page must
still show exactly one title and the shared sidebar."""

from __future__ import annotations

import pytest

from components.navigation import PAGES
from tests.browser.conftest import open_page, screenshot

pytestmark = pytest.mark.browser


def _current_page(page) -> str:
    link = page.locator("[data-testid='stSidebarNavLink'][aria-current='page']")
    return link.inner_text().split("\n")[-1].strip()


@pytest.mark.parametrize("data", ["empty", "sample"])
@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_page_renders_as_the_first_visit(request, page, spec, data):
    app = request.getfixturevalue(f"{data}_app")
    open_page(page, app, spec.url_path)
    assert _current_page(page).endswith(spec.title)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").count() == 1
    assert "Private: everything stays" in page.locator("[data-testid='stSidebar']").inner_text()
    screenshot(page, f"{data}-{spec.title.lower().replace(' ', '-')}")


def test_try_sample_from_welcome(page, empty_app):
    open_page(page, empty_app)
    page.get_by_role("button", name="Try with sample data").click()
    page.wait_for_selector("text=You are looking at")
    assert page.locator("[data-testid='stException']").count() == 0
    assert (empty_app.data_dir / "sample" / "applications.csv").exists()
    assert not (empty_app.data_dir / "applications.csv").exists()
    screenshot(page, "welcome-after-sample")
