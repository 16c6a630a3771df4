"""Accessibility in a real browser: axe-core finds nothing, of any impact, on any page.

Every page is checked empty and with sample data, in a browser set to light and to dark mode
(the app follows the browser's colour scheme), and every tab of a page is opened and checked
too: axe only sees what is on screen. axe-core ships inside axe-playwright-python, so nothing
is downloaded. Each page leaves a screenshot per scheme in tests/browser/screenshots/.
"""

from __future__ import annotations

import pytest

from components.navigation import PAGES

pytestmark = pytest.mark.browser

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright",
                               reason="axe-playwright-python is not installed")

# A page background darker than this (0-255) is the dark theme (ours is in config.toml).
DARK_BACKGROUND_MAX = 60
# The one finding the app cannot change, left out by rule and element, never by whole rule:
# Streamlit 1.67 gives st.file_uploader's drop zone role="presentation" together with a label
# and a tabindex ("presentational should be consistently ignored", minor). Its "Browse files"
# button inside is a labelled, focusable button, so the uploader stays usable by keyboard.
STREAMLIT_OWN = {("presentation-role-conflict", 'data-testid="stFileUploaderDropzone"')}


def _ours(rule: str, node: dict) -> bool:
    return not any(rule == known and marker in node["html"] for known, marker in STREAMLIT_OWN)


def _violations(page) -> list[str]:
    """axe's violations as readable lines: rule, impact, and where (the first few elements)."""
    found = axe_sync.Axe().run(page).response["violations"]
    lines = []
    for rule in found:
        rule["nodes"] = [node for node in rule["nodes"] if _ours(rule["id"], node)]
        if not rule["nodes"]:
            continue
        nodes = "; ".join(n["html"][:120] for n in rule["nodes"][:3])
        lines.append(f"{rule['id']} ({rule['impact']}, {len(rule['nodes'])}x): {rule['help']}"
                     f" -- {nodes}")
    return lines


def _background_brightness(page) -> int:
    """The page's background as one 0-255 brightness (the mean of its red, green and blue)."""
    colour = page.evaluate(
        "() => getComputedStyle(document.querySelector(\"[data-testid='stApp']\"))"
        ".backgroundColor"
    )
    red, green, blue = (int(part) for part in colour[colour.index("(") + 1:-1].split(",")[:3])
    return (red + green + blue) // 3


def _tabs_checked(ui) -> list[str]:
    """Open every tab of the page in turn and check each; returns what was found, by tab."""
    found = []
    tabs = ui.page.get_by_role("tab")
    for index in range(tabs.count()):
        tab = tabs.nth(index)
        if tab.get_attribute("aria-selected") != "true":
            runs = ui.runs()
            tab.click()
            ui.settled(runs - 1, f"the tab {tab.inner_text()!r} to open")
        found += [f"[tab {tab.inner_text().strip()!r}] {line}" for line in _violations(ui.page)]
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("data", ["empty", "sample"])
def test_no_axe_violations_on_any_page(request, new_page, make_ui, data, scheme):
    app = request.getfixturevalue(f"{data}_app")
    ui = make_ui(new_page(color_scheme=scheme))
    found: dict[str, list[str]] = {}
    for spec in PAGES:
        ui.open(app, spec.url_path)
        ui.assert_no_exception()
        dark = _background_brightness(ui.page) < DARK_BACKGROUND_MAX
        assert dark == (scheme == "dark"), f"{spec.title} ignores the browser's {scheme} mode"
        ui.screenshot(f"{scheme}-{data}-{spec.title.lower()}")
        problems = _violations(ui.page) + _tabs_checked(ui)
        if problems:
            found[spec.title] = problems
    assert not found, "\n".join(f"{page}: {line}" for page, lines in found.items()
                                for line in lines)
