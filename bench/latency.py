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

import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.server import CURRENT_PAGE, RUN_COUNTER, SETTLE_POLL_MS, SETTLED, StreamlitServer
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
    #: Done before each click and not timed (opening the popover a button sits in).
    before: Callable[[object, int], None] | None = None


def settle(page, after: int) -> None:
    page.evaluate("() => { window.__nextround.calm = 0; }")
    try:
        page.wait_for_function(SETTLED, arg=after + 1, timeout=TIMEOUT_MS,
                                polling=SETTLE_POLL_MS)
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


class Tab:
    """One interaction's own server (on its own copy of the data: Home's clicks change it) and
    browser tab, opened and ready to be clicked."""

    def __init__(self, browser, interaction: Interaction, data_dir: Path) -> None:
        self.interaction = interaction
        self.server = StreamlitServer(data_dir, script=interaction.script)
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.context.add_init_script(RECORDER)
        self.page = self.context.new_page()
        self.clicks = 0
        #: The server's processor time of each click (every thread, from the press to the
        #: page settled): what a busy machine does not inflate, unlike the time on the clock.
        self.cpu: list[float] = []
        #: The page's main thread busy per click (Chromium's own count of its tasks: running
        #: scripts, React drawing the elements a run sent, style and layout), the browser's
        #: share of a click beside the server's.
        self.main_thread: list[float] = []
        self._devtools = self.context.new_cdp_session(self.page)
        self._devtools.send("Performance.enable")
        open_page(self.page, self.server, interaction)

    def click(self) -> float:
        n, self.clicks = self.clicks, self.clicks + 1
        if self.interaction.before is not None:
            self.interaction.before(self.page, n)
        cpu, busy = self.server.cpu_seconds(), self._busy()
        seconds = timed_click(self.page, self.interaction.target(self.page, n))
        self.cpu.append(self.server.cpu_seconds() - cpu)
        self.main_thread.append(self._busy() - busy)
        return seconds

    def _busy(self) -> float:
        metrics = self._devtools.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "TaskDuration")

    def close(self) -> None:
        self.context.close()
        self.server.stop()


def interleaved(browser, interactions: tuple[Interaction, ...], data_dir: Path, clicks: int,
                cpu: dict[str, list[float]] | None = None,
                main_thread: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Every interaction's samples, taken in rounds of one click each (after one unmeasured
    round that warms up): on a shared machine a burst of load then falls on every click of a
    ratio alike, not on one side. ``cpu``, when given, receives the server's processor time of
    each measured click."""
    work = Path(tempfile.mkdtemp(prefix="nextround-clicks-"))
    tabs: list[Tab] = []
    try:
        for i, interaction in enumerate(interactions):
            folder = work / str(i)
            shutil.copytree(data_dir, folder)
            tabs.append(Tab(browser, interaction, folder))
        for tab in tabs:
            tab.click()
        samples: dict[str, list[float]] = {i.name: [] for i in interactions}
        for _ in range(clicks):
            for tab in tabs:
                samples[tab.interaction.name].append(tab.click())
        if cpu is not None:
            cpu.update({tab.interaction.name: tab.cpu[1:] for tab in tabs})
        if main_thread is not None:
            main_thread.update({tab.interaction.name: tab.main_thread[1:] for tab in tabs})
        return samples
    finally:
        for tab in tabs:
            tab.close()
        shutil.rmtree(work, ignore_errors=True)


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


def _open_snooze(page, n: int) -> None:
    """Open the first card's Snooze popover (not timed: the click is the Snooze inside)."""
    page.locator("[class*='st-key-home_card_'] [data-testid='stPopover'] button").first.click()
    _snooze_button(page).wait_for(state="visible", timeout=TIMEOUT_MS)


def _snooze_button(page):
    return page.locator("[class*='st-key-home_snooze_']:not([class*='date']) button").filter(
        visible=True).first


def _snooze(page, n: int):
    return _snooze_button(page)


def _open_only(page, n: int):
    return page.locator(".st-key-pipeline_open_only label")


def _write_note(page, n: int):
    return page.locator(".st-key-notes_write button")


APP = ROOT / "app.py"
INTERACTIONS = (
    Interaction("reference: tick its one checkbox", CHECKBOX_PAGE, "", _checkbox),
    Interaction("Prep: tick a checklist item", APP, "prep", _prep_item),
    Interaction("Self-check: answer a sign", APP, "self_check", _sign, _open_signs),
    Interaction("Home: mark an action done", APP, "", _done),
    Interaction("Home: snooze an action", APP, "", _snooze, before=_open_snooze),
    Interaction("Pipeline: applications on the timeline", APP, "pipeline", _timeline_rows),
    Interaction("Pipeline: only those still open", APP, "pipeline", _open_only),
    Interaction("Notes: write the note", APP, "notes", _write_note),
)


def latencies(browser, data_dir: Path, clicks: int) -> dict[str, float]:
    """Median seconds per interaction, the reference first, measured in one interleaved run."""
    samples = interleaved(browser, INTERACTIONS, data_dir, clicks)
    return {name: statistics.median(times) for name, times in samples.items()}


def main(argv: list[str] | None = None) -> int:
    """Only the clicks, in one interleaved run: ``python -m bench.latency --clicks 7``."""
    import argparse
    import logging
    from datetime import date

    from playwright.sync_api import sync_playwright

    from bench.server import CHROMIUM_FLAGS, chromium_path
    from nextround.commands.sample import write_sample

    parser = argparse.ArgumentParser(prog="python -m bench.latency")
    parser.add_argument("--applications", type=int, default=100)
    parser.add_argument("--clicks", type=int, default=7, help="measured clicks per interaction")
    parser.add_argument("--only", default="", help="comma-separated words: the clicks whose "
                        "name holds one (the reference always runs)")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    words = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    chosen = tuple(i for n, i in enumerate(INTERACTIONS)
                   if n == 0 or not words or any(w in i.name.lower() for w in words))
    data = Path(tempfile.mkdtemp(prefix="nextround-clicks-data-"))
    try:
        write_sample(data, date.today(), applications=args.applications, seed=11)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            cpu: dict[str, list[float]] = {}
            busy: dict[str, list[float]] = {}
            samples = interleaved(browser, chosen, data, args.clicks, cpu, busy)
            browser.close()
    finally:
        shutil.rmtree(data, ignore_errors=True)
    reference = statistics.median(samples[INTERACTIONS[0].name])
    reference_cpu = statistics.mean(cpu[INTERACTIONS[0].name])
    reference_busy = statistics.median(busy[INTERACTIONS[0].name])
    print(f"| click (N={args.applications:,}, medians of {args.clicks}) | ms | ratio | "
          "server CPU ms (mean) | CPU ratio | browser main thread ms (median) | its ratio | "
          "samples (ms) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, times in samples.items():
        seconds, used = statistics.median(times), statistics.mean(cpu[name])
        browser_ms = statistics.median(busy[name])
        print(f"| {name} | {seconds * 1000:.0f} | {seconds / reference:.2f}x | "
              f"{used * 1000:.0f} | {used / reference_cpu:.2f}x | {browser_ms * 1000:.0f} | "
              f"{browser_ms / reference_busy:.2f}x | "
              + " ".join(f"{t * 1000:.0f}" for t in times) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
