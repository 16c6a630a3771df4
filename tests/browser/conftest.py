"""Start the real app with `streamlit run` and drive it in Chromium through Playwright.

Playwright's own browser download does not work on machines without internet, so the tests use
an installed Chromium (Debian's /usr/bin/chromium) when there is one, else Playwright's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import CHROMIUM_FLAGS, StreamlitServer, chromium_path

SHOTS = Path(__file__).resolve().parent / "screenshots"


class App(StreamlitServer):
    """The app under test, its server log beside its data folder."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir, log=data_dir.parent / f"streamlit-{data_dir.name}.log",
                         timeout=60)


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
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[App]:
    app = App(tmp_path / "data")
    yield app
    app.stop()


@pytest.fixture
def sample_app(tmp_path: Path) -> Iterator[App]:
    from datetime import date

    from nextround import demo

    data_dir = tmp_path / "data"
    demo.write(data_dir, date.today())
    app = App(data_dir)
    yield app
    app.stop()


def wait_until_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has run and finished, as Streamlit's own e2e tests do: the app's
    script state leaves 'initial' and 'running' and stays so for a moment."""
    ready = """() => {
        const app = document.querySelector("[data-testid='stApp']");
        if (!app) return false;
        const state = app.getAttribute("data-test-script-state");
        return state !== "initial" && state !== "running"
            && !document.querySelector("[data-testid='stStatusWidgetRunningIcon']");
    }"""
    page.wait_for_function(ready, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_function(ready, timeout=timeout)


def open_page(page, app: App, url_path: str = "") -> None:
    page.goto(f"{app.url}/{url_path}")
    wait_until_idle(page)


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its own container, so the window is first made
    as tall as the content (full_page alone would stop at the window's edge)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
            "[data-testid='stMain'], [data-testid='stAppViewContainer'], section.main")]
            .map(e => e.scrollHeight), document.body.scrollHeight)"""
    )
    size = page.viewport_size or {"width": 1400, "height": 1000}
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 6000)})
        page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path
