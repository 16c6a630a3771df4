"""Start the real app with `streamlit run` and drive it in Chromium through Playwright.

Playwright's own browser download does not work on machines without internet, so the tests use
an installed Chromium (Debian's /usr/bin/chromium) when there is one, else Playwright's own.

Everything a test does goes through the ``ui`` fixture, which never guesses with sleeps: it
waits for what Streamlit itself says (the script has finished the run the action caused, and
nothing is still loading), chooses selectbox options by typing to filter them and checks the
choice took, and names every wait. A test that fails leaves a screenshot and the page's text in
tests/browser/failures/.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bench.server import (
    CHROMIUM_FLAGS,
    CURRENT_PAGE,
    RUN_COUNTER,
    SETTLE_POLL_MS,
    SETTLED,
    StreamlitServer,
    chromium_path,
)
from components.shared.navigation import PAGES
from nextround.domain import dates

HERE = Path(__file__).resolve().parent
SHOTS = HERE / "screenshots"
FAILURES = HERE / "failures"
TIMEOUT_MS = 30_000
ROW_PX = 35  # st.dataframe's default row height, the header row included

# Resolves once the browser has laid out and painted twice (after a resize, say).
NEXT_PAINT = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class App(StreamlitServer):
    """The app under test, its server log beside its data folder."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir, log=data_dir.parent / f"streamlit-{data_dir.name}.log",
                         timeout=60)


class UI:
    """Drives one Chromium page of the app the way a person would, waiting on Streamlit."""

    def __init__(self, page) -> None:
        self.page = page

    # --- waiting -------------------------------------------------------------------------

    def runs(self) -> int:
        return int(self.page.evaluate("() => window.__nextround ? window.__nextround.runs : 0"))

    def settled(self, after: int = 0, what: str = "the app to finish its run") -> None:
        """Wait until the app has finished more than ``after`` runs and stays idle."""
        try:
            self.page.evaluate("() => { window.__nextround.calm = 0; }")
            self.page.wait_for_function(SETTLED, arg=after + 1, timeout=TIMEOUT_MS,
                                        polling=SETTLE_POLL_MS)
        except Exception as error:
            raise AssertionError(f"waited {TIMEOUT_MS // 1000} s for {what}") from error

    def rerun(self, action: Callable[[], object], what: str) -> None:
        """Do something that makes the script run again, then wait for that run to finish."""
        before = self.runs()
        action()
        self.settled(before, f"the run after {what}")

    # --- pages ---------------------------------------------------------------------------

    def open(self, app: App, url_path: str = "") -> None:
        """Open a page by its URL and wait until the app's own navigation shows it as the
        current page (on a fresh server the first run draws a provisional page list, and the
        app's navigation replaces it in a run of its own) and the app has settled."""
        title = next(p.title for p in PAGES if p.url_path == url_path)
        self.page.goto(f"{app.url}/{url_path}")
        try:
            self.page.wait_for_function(CURRENT_PAGE, arg=title, timeout=TIMEOUT_MS,
                                        polling=100)
        except Exception as error:
            raise AssertionError(f"waited for the navigation to show {title!r}") from error
        self.settled(what=f"/{url_path} to load")

    def assert_no_exception(self) -> None:
        errors = self.page.locator("[data-testid='stException']")
        assert errors.count() == 0, errors.first.inner_text()

    def each_tab(self) -> Iterator[str]:
        """Open every tab of the page in turn (what is in a closed tab is not on screen),
        yielding each tab's name once it is open and the app has settled."""
        tabs = self.page.get_by_role("tab")
        for index in range(tabs.count()):
            tab = tabs.nth(index)
            name = tab.inner_text().strip()
            if tab.get_attribute("aria-selected") != "true":
                tab.click()
                self.page.wait_for_function(
                    "(t) => t.getAttribute('aria-selected') === 'true'", arg=tab.element_handle(),
                    timeout=TIMEOUT_MS)
                self.settled(self.runs() - 1, f"the tab {name!r} to open")
            yield name

    # --- widgets -------------------------------------------------------------------------

    def click(self, locator, what: str) -> None:
        """Click something that reruns the script (a button, a checkbox, a radio)."""
        self.rerun(locator.click, what)

    def pick(self, scope, option: str, reruns: bool = True) -> None:
        """Pick an option of a radio group unless it is already the chosen one (choosing the
        current option again does not run the script). Streamlit hides the radio input itself
        and draws the option as its label, so the label is what a person (and this) clicks;
        ``reruns`` is False for a radio inside a form, which runs nothing until submitted."""
        label = scope.locator("[data-testid='stRadioOption']").filter(
            has=self.page.get_by_text(option, exact=True))
        if label.get_by_role("radio").is_checked():
            return
        if reruns:
            self.click(label, f"the option {option!r}")
        else:
            label.click()

    def choose(self, label: str, option: str, attempts: int = 3) -> None:
        """Pick ``option`` in the selectbox called ``label`` by typing to filter the list (the
        list is virtualised: an option further down is not in the page until filtered), then
        check that the box shows it (a rerun can close the list under the click)."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        if box.input_value() == option:
            return
        for _ in range(attempts):
            box.click()
            box.fill(option)
            choice = self.page.get_by_role("option", name=option, exact=True)
            choice.wait_for(timeout=TIMEOUT_MS)
            self.rerun(choice.click, f"choosing {option!r} in {label!r}")
            if box.input_value() == option:
                return
        raise AssertionError(f"{label!r} does not show {option!r} after {attempts} tries")

    def fill(self, label: str, text: str, submit: bool = True) -> None:
        """Type into a text box; Enter submits it (a rerun) unless ``submit`` is False."""
        field = self.page.get_by_role("textbox", name=label, exact=True)
        field.fill(text)
        if submit:
            self.rerun(lambda: field.press("Enter"), f"typing into {label!r}")

    def select_row(self, position: int, table: int = 0) -> None:
        """Tick a row of an st.dataframe (the grid is a canvas: click its row marker)."""
        grid = self.page.locator("[data-testid='stDataFrame']").nth(table)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None, "the table is not on screen"
        x, y = box["x"] + 18, box["y"] + ROW_PX * (position + 1.5)
        self.rerun(lambda: self.page.mouse.click(x, y), f"selecting row {position}")

    # --- pictures ------------------------------------------------------------------------

    def screenshot(self, name: str) -> Path:
        """The whole page: Streamlit scrolls inside its own container, so the window is first
        made as tall as the content (full_page alone would stop at the window's edge)."""
        return whole_page_screenshot(self.page, SHOTS / f"{name}.png")


def whole_page_screenshot(page, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
            "[data-testid='stMain'], [data-testid='stAppViewContainer'], section.main")]
            .map(e => e.scrollHeight), document.body.scrollHeight)"""
    )
    size = page.viewport_size or {"width": 1400, "height": 1000}
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 6000)})
        page.evaluate(NEXT_PAINT)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = chromium_path()
    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        except Exception as exc:  # no installed Chromium and no Playwright download either
            pytest.skip(f"no Chromium to run browser tests: {exc}")
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request) -> Iterator[Callable[..., object]]:
    """``new_page(**context_options)``: a fresh tab in its own context (a second browser tab
    of the same person, or a browser set to dark mode), with the run counter installed."""
    contexts = []

    def _open(**options: object):
        context = browser.new_context(**({"viewport": {"width": 1400, "height": 1000}} | options))
        context.add_init_script(RUN_COUNTER)
        contexts.append(context)
        page = context.new_page()
        request.node.pages_opened = [*getattr(request.node, "pages_opened", []), page]
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def ui(page) -> UI:
    return UI(page)


@pytest.fixture
def make_ui() -> Callable[[object], UI]:
    """``make_ui(page)``: a driver for another page (a second tab)."""
    return UI


@pytest.fixture
def start_app(tmp_path: Path) -> Iterator[Callable[..., App]]:
    """``start_app(setup=None)``: a fresh server on its own data folder; ``setup(folder)``
    writes what the test needs first. Each app is stopped after the test."""
    apps: list[App] = []

    def _start(setup: Callable[[Path], object] | None = None, name: str = "data") -> App:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        if setup is not None:
            setup(folder)
        apps.append(App(folder))
        return apps[-1]

    yield _start
    for app in apps:
        app.stop()


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., App]]:
    """``serve(name, setup=None)``: one server per module (per test process) and ``name``, for
    tests that only read what it serves: they open pages, type, filter and select, but save
    nothing, so each finds the folder as ``setup`` wrote it. A server costs two seconds of
    processor time to start and warm; a test that saves, or that must be the server's first
    visitor, takes ``start_app`` instead. Stopped after the module's last test."""
    apps: dict[str, App] = {}

    def _serve(name: str, setup: Callable[[Path], object] | None = None) -> App:
        if name not in apps:
            folder = tmp_path_factory.mktemp(f"served-{name}") / "data"
            folder.mkdir()
            if setup is not None:
                setup(folder)
            apps[name] = App(folder)
        return apps[name]

    yield _serve
    for app in apps.values():
        app.stop()


def _sample(folder: Path) -> None:
    from nextround.commands.sample import write_sample

    write_sample(folder, dates.today())


@pytest.fixture
def served_empty(serve) -> App:
    """An empty data folder, served to the module's read-only tests (see ``serve``)."""
    return serve("empty")


@pytest.fixture
def served_sample(serve) -> App:
    """The sample search, served to the module's read-only tests (see ``serve``)."""
    return serve("sample", _sample)


@pytest.fixture
def empty_app(start_app) -> App:
    return start_app()


@pytest.fixture
def sample_app(start_app) -> App:
    return start_app(_sample)


def sample_with(application: dict, interview: dict) -> Callable[[Path], None]:
    """A setup for ``start_app`` or ``serve``: the sample search plus one application with
    these fields, applied three days ago and interviewed yesterday (the interview's own fields
    in ``interview``). For text that must stay text."""

    def setup(folder: Path) -> None:
        from nextround.commands import applications
        from nextround.commands.sample import write_sample
        from nextround.storage.store import Store

        write_sample(folder, dates.today())
        store = Store(folder)
        app_id = applications.add_application(
            store, {"stage": "applied", "date_applied": dates.today() - timedelta(days=3)}
            | application, dates.now())
        applications.log_event(store, {"application_id": app_id, "kind": "interview",
                                       "round": 1, "date": dates.today() - timedelta(days=1)}
                               | interview, dates.now())

    return setup


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, keep what the page showed beside the report."""
    outcome = yield
    report = outcome.get_result()
    pages = getattr(item, "pages_opened", [])
    if report.when != "call" or not report.failed or not pages:
        return
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid.split("::", 1)[-1])[:120]
    for number, page in enumerate(pages, start=1):
        name = base if len(pages) == 1 else f"{base}-tab{number}"
        try:
            whole_page_screenshot(page, FAILURES / f"{name}.png")
            (FAILURES / f"{name}.txt").write_text(page.inner_text("body"), encoding="utf-8")
            report.sections.append(("page at failure", f"saved to {FAILURES / name}.png/.txt"))
        except Exception as error:  # the page may be gone; the failure itself matters more
            report.sections.append(("page at failure", f"{name} not saved: {error}"))
