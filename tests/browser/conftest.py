"""Start the real app with `streamlit run` and drive it in Chromium through Playwright.

Playwright's own browser download does not work on machines without internet, so the tests use
an installed Chromium (Debian's /usr/bin/chromium) when there is one, else Playwright's own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "browser" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """A running Streamlit server on its own port and data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"NEXTROUND_DATA_DIR": str(data_dir)}
        self.log = (data_dir.parent / f"streamlit-{self.port}.log").open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.port", str(self.port), "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not become healthy within 60 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = _chromium_path()
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
