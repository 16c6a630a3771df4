"""Every page in a real browser, empty and with sample data: no exception, a screenshot each.

Each test starts a fresh server and opens the page's own URL as its first request: the case in
which Streamlit runs a page file on its own, before app.py has set the shell up. The page must
still show exactly one title and the shared sidebar."""

from __future__ import annotations

import pytest

from components.shared.navigation import PAGES

pytestmark = pytest.mark.browser


def _current_page(page) -> str:
    link = page.locator("[data-testid='stSidebarNavLink'][aria-current='page']")
    return link.inner_text().split("\n")[-1].strip()


@pytest.mark.parametrize("data", ["empty", "sample"])
@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_page_renders_as_the_first_visit(request, ui, spec, data):
    app = request.getfixturevalue(f"{data}_app")
    ui.open(app, spec.url_path)
    assert _current_page(ui.page).endswith(spec.title)
    ui.assert_no_exception()
    assert ui.page.locator("h1").count() == 1
    assert "Private: everything stays" in ui.page.locator("[data-testid='stSidebar']").inner_text()
    ui.screenshot(f"{data}-{spec.title.lower().replace(' ', '-')}")


def test_try_sample_from_welcome(ui, empty_app):
    ui.open(empty_app)
    ui.click(ui.page.get_by_role("button", name="Try with sample data"), "Try with sample data")
    ui.page.get_by_text("You are looking at").wait_for()
    ui.assert_no_exception()
    assert (empty_app.data_dir / "sample" / "applications.csv").exists()
    assert not (empty_app.data_dir / "applications.csv").exists()
    ui.screenshot("welcome-after-sample")
