"""Every page and every tab in a real browser, empty and with sample data, in light and dark
mode: axe-core finds nothing of any impact, the console stays clean, and the page follows the
browser's colour scheme.

axe only sees what is on screen, so every tab of a page is opened and checked too; axe-core
ships inside axe-playwright-python, so nothing is downloaded. The console check collects what
the browser logs at "warning" or "error" (Vega's warnings included), every uncaught page error,
every request that fails and every response of 400 or more. Each page leaves a screenshot per
scheme in tests/browser/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from components.shared.navigation import PAGES

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


# The only requests allowed to fail, by exact pattern, with their cause. Streamlit 1.67 finds
# its server by asking each possible base path in turn: opened at /pipeline, it first asks
# /pipeline/_stcore/health and /pipeline/_stcore/host-config (404: there is no app mounted
# there), then the root, which answers (streamlit/streamlit issue 7074, open). The browser logs
# each 404 as a console error. It happens only when a page's address is opened directly (a
# bookmark, a reload), never when moving between pages in the app.
BASE_PATH_PROBE = re.compile(
    r"^http://127\.0\.0\.1:\d+/(?P<page>[a-z_]+)/_stcore/(health|host-config)$"
)
PROBE_CONSOLE_LINE = "Failed to load resource: the server responded with a status of 404"


class Console:
    """What a page reported, collected as it happened (``clear`` starts afresh for the next
    page opened in the same tab)."""

    def __init__(self, page) -> None:
        self.clear()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.lines.append(f"page error: {error}"))
        page.on("requestfailed",
                lambda r: self.lines.append(f"request failed: {r.url} ({r.failure})"))
        page.on("response", self._response)

    def clear(self) -> None:
        self.lines: list[str] = []
        self.probes = 0

    def _console(self, message) -> None:
        if message.type not in ("error", "warning"):
            return
        if PROBE_CONSOLE_LINE in message.text and self.probes:
            self.probes -= 1  # the browser's own line for a probe counted below
            return
        self.lines.append(f"console {message.type}: {message.text}")

    def _response(self, response) -> None:
        if response.status < 400:
            return
        probe = BASE_PATH_PROBE.match(response.url)
        if response.status == 404 and probe and probe["page"] in PAGE_PATHS:
            self.probes += 1
            return
        self.lines.append(f"HTTP {response.status}: {response.url}")


PAGE_PATHS = {spec.url_path for spec in PAGES if spec.url_path}


def _charts_drawn(page) -> None:
    """Every chart on the page has drawn its SVG (Vega logs while it draws)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll("[data-testid='stVegaLiteChart']")]
                  .every(chart => chart.querySelector("svg, canvas"))""",
        timeout=30_000,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("data", ["empty", "sample"])
def test_every_page_is_accessible_clean_and_follows_the_scheme(
    request, new_page, make_ui, data, scheme
):
    # Nothing here saves, so the light and dark runs share a server per data folder; each page
    # is opened by its own address in one tab, after a blank page that ends the one before
    # (a tab of its own per page cost twice the processor time, the browser loading and
    # compiling the app's scripts anew each time).
    app = request.getfixturevalue(f"served_{data}")
    page = new_page(color_scheme=scheme)
    console = Console(page)
    ui = make_ui(page)
    found: dict[str, list[str]] = {}
    for spec in PAGES:
        page.goto("about:blank")
        console.clear()
        ui.open(app, spec.url_path)
        ui.assert_no_exception()
        dark = _background_brightness(page) < DARK_BACKGROUND_MAX
        assert dark == (scheme == "dark"), f"{spec.title} ignores the browser's {scheme} mode"
        ui.screenshot(f"{scheme}-{data}-{spec.title.lower()}")
        problems = _violations(page)
        for tab in ui.each_tab():  # opens each tab in turn; axe checks it while it is open
            problems += [f"[tab {tab!r}] {line}" for line in _violations(page)]
        _charts_drawn(page)
        ui.settled(ui.runs() - 1, "the page to settle after its charts")
        problems += console.lines
        if problems:
            found[spec.title] = problems
    assert not found, "\n".join(f"{title}: {line}" for title, lines in found.items()
                                for line in lines)
