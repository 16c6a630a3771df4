"""Interaction latency in Chromium: from a click to the page settled, for the clicks people make
most, each set against the same click on a reference page with one checkbox.

The waiting is the browser tests' own, shared with them in bench/server.py: the page counts the
script runs the app finishes, and a click has settled once at least one run has finished after
it and the app stays idle (not running, no skeleton, no running indicator) for three polls in a
row. The time itself is read in the page, not from the polling: from the press of the click
(``pointerdown``) to the first paint after the last run that finished, so the figure does not
depend on how often the bench polls.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.server import CURRENT_PAGE, RUN_COUNTER, SETTLED, StreamlitServer
from components.shared.navigation import PAGES

ROOT = Path(__file__).resolve().parent.parent
CHECKBOX_PAGE = ROOT / "bench" / "yardsticks" / "checkbox.py"
TIMEOUT_MS = 20_000

# On top of the run counter (bench/server.py): the time of the last press, and of the first
# paint after the last run finished (the frame after the app has taken the finished run in, its
# state no longer "running", then one more so that frame is on screen).
RECORDER = RUN_COUNTER + """
const bench = window.__nextround;
bench.pressed = null;
bench.painted = null;
document.addEventListener("pointerdown", () => { bench.pressed = performance.now(); }, true);
window.addEventListener("nextround:run", () => {
  const count = bench.runs;
  const state = () => {
    const app = document.querySelector("[data-testid='stApp']");
    return app && app.getAttribute("data-test-script-state");
  };
  const wait = () => requestAnimationFrame(() => {
    if (state() === "running") { wait(); return; }
    requestAnimationFrame(() => { if (bench.runs === count) bench.painted = performance.now(); });
  });
  wait();
});
"""
STATE = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return {bench: window.__nextround, script: app && app.getAttribute("data-test-script-state"),
          connection: app && app.getAttribute("data-test-connection-state"),
          skeleton: !!document.querySelector("[data-testid='stSkeleton']"),
          running: !!document.querySelector("[data-testid='stStatusWidgetRunningIcon']")};
}"""
@dataclass(frozen=True)
class Interaction:
    """A click to time: the page it is on, what to do once after opening it, and the control
    to click each time (called with the click's number, so a toggle can alternate)."""

    name: str
    script: Path
    url_path: str
    target: Callable[[object, int], object]
    prepare: Callable[[object], None] | None = None


def settle(page, after: int) -> None:
    page.evaluate("() => { window.__nextround.calm = 0; }")
    try:
        page.wait_for_function(SETTLED, arg=after + 1, timeout=TIMEOUT_MS, polling=100)
    except Exception as error:
        state = page.evaluate(STATE)
        raise RuntimeError(f"no settled run after run {after}: the page says {state}") from error


def runs(page) -> int:
    return int(page.evaluate("() => window.__nextround.runs"))


def timed_click(page, locator) -> float:
    """Seconds from pressing ``locator`` to the paint after the last run it caused."""
    before = runs(page)
    page.evaluate("() => { window.__nextround.pressed = null; window.__nextround.painted = null; }")
    locator.click()
    settle(page, before)
    page.wait_for_function("() => window.__nextround.painted !== null", timeout=TIMEOUT_MS)
    pressed, painted = page.evaluate("() => [window.__nextround.pressed, "
                                     "window.__nextround.painted]")
    return (painted - pressed) / 1000


def open_page(page, server: StreamlitServer, interaction: Interaction) -> None:
    page.goto(f"{server.url}/{interaction.url_path}")
    if interaction.script != CHECKBOX_PAGE:  # the app's own navigation replaces a first list
        title = next(p.title for p in PAGES if p.url_path == interaction.url_path)
        page.wait_for_function(CURRENT_PAGE, arg=title, timeout=TIMEOUT_MS, polling=100)
    settle(page, 0)
    if interaction.prepare is not None:
        interaction.prepare(page)


def measure(browser, interaction: Interaction, data_dir: Path, clicks: int) -> float:
    """The median latency of ``clicks`` clicks (after one unmeasured click that warms up)."""
    server = StreamlitServer(data_dir, script=interaction.script)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(RECORDER)
    try:
        page = context.new_page()
        open_page(page, server, interaction)
        samples = [timed_click(page, interaction.target(page, n)) for n in range(clicks + 1)]
        return statistics.median(samples[1:])
    finally:
        context.close()
        server.stop()


# --- the clicks -----------------------------------------------------------------------------


def _checkbox(page, n: int):
    return page.locator(".st-key-only_open label")  # the box itself is drawn over a hidden input


def _prep_item(page, n: int):
    return page.locator("[class*='st-key-prep_item_'] label").first


def _open_signs(page) -> None:
    before = runs(page)
    page.get_by_role("tab", name="Next steps", exact=False).first.click()
    settle(page, before)


def _sign(page, n: int):
    sign = page.locator("[class*='st-key-sc_'][class*='_sign-']").first
    answer = page.get_by_role("radio", name="Yes" if n % 2 == 0 else "No", exact=True)
    # The option a person sees (the input itself is visually hidden under it).
    return sign.locator("[data-testid='stRadioOption']").filter(has=answer)


def _done(page, n: int):
    return page.get_by_role("button", name="Done").first


def _timeline_rows(page, n: int):
    rows = page.locator(".st-key-pipeline_rows")
    return rows.get_by_test_id("stNumberInputStepUp" if n % 2 == 0 else "stNumberInputStepDown")


APP = ROOT / "app.py"
INTERACTIONS = (
    Interaction("reference: tick its one checkbox", CHECKBOX_PAGE, "", _checkbox),
    Interaction("Prep: tick a checklist item", APP, "prep", _prep_item),
    Interaction("Self-check: answer a sign", APP, "self_check", _sign, _open_signs),
    Interaction("Home: mark an action done", APP, "", _done),
    Interaction("Pipeline: applications on the timeline", APP, "pipeline", _timeline_rows),
)


def latencies(browser, data_dir: Path, clicks: int) -> dict[str, float]:
    """Seconds per interaction, the reference first. Each gets a fresh server and browser tab;
    the data folder is the caller's (Home's clicks mark actions done in it)."""
    return {i.name: measure(browser, i, data_dir, clicks) for i in INTERACTIONS}
