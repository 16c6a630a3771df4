"""AppTest helpers: run app.py headless against a data folder of the test's own.

Page tests are most of the suite's time, so three things AppTest would do per test are done
once: Streamlit's search of every installed package for custom components (the app has none; a
tenth of a second per AppTest), the sample search (copied, see ``FolderTemplates``), and the
wait for each run, which AppTest does by waking every millisecond to scan the run's events
while the script thread runs (here: join the thread, the same end without the polling).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import local_script_runner as _runner

from components.shared.navigation import PAGES, page_path, request_key
from nextround.commands import applications
from nextround.domain import dates
from nextround.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60

_poll_for_the_end = _runner.require_widgets_deltas


def _wait_for_the_end(runner: _runner.LocalScriptRunner, timeout: float = 3) -> None:
    """AppTest's wait for a run, without the busy wait: the script thread ends when the run
    has (AppTest joins it next anyway). If it has not ended in time, AppTest's own wait, with
    no time left, stops it and raises its timeout error."""
    thread = getattr(runner, "_script_thread", None)
    if thread is not None:
        thread.join(timeout)
    if not runner.script_stopped():
        _poll_for_the_end(runner, 0)


_runner.require_widgets_deltas = _wait_for_the_end


@functools.cache
def _components() -> object:
    """One registry of custom components for every AppTest (AppTest builds one per test by
    reading every installed package's metadata; the app uses none)."""
    from streamlit.components.v2.component_manager import BidiComponentManager

    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def new_app_test() -> AppTest:
    """app.py under AppTest, not yet run."""
    # The app's config keeps Streamlit's error details off; a failing test shows them.
    config.set_option("client.showErrorDetails", "full")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at._bidi_component_manager = _components()
    return at


#: Pages other than the one app.py opens on: AppTest can start on these directly (before the
#: first run it knows a page by its file name, which is these pages' address too).
_OTHER_PAGES = {p.file for p in PAGES if not p.default}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("NEXTROUND_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample_dir(data_dir: Path, folder_templates) -> Path:
    """The sample search, as ``write_sample(data_dir, dates.today())`` writes it."""
    return folder_templates.sample(data_dir)


@pytest.fixture
def add_application(data_dir: Path) -> Callable[..., str]:
    """Add one application as the Pipeline form would (an analyst role applied for today unless
    told otherwise); returns its id."""

    def _add(**fields: object) -> str:
        record = {"role": "Analyst", "stage": "applied", "date_applied": dates.today()} | fields
        return applications.add_application(Store(data_dir), record, dates.now())

    return _add


def run_on(at: AppTest, page: str | None) -> AppTest:
    """The first run of ``at``, opened on ``page`` (a file such as "pages/data.py") as a visit
    to that page's address would open it: the page's run is the first."""
    if page in _OTHER_PAGES:
        return at.switch_page(str(ROOT / page)).run()
    at.run()
    if page:
        at.switch_page(str(ROOT / page)).run()
    return at


@pytest.fixture
def open_app(data_dir: Path) -> Callable[..., AppTest]:
    """Run app.py, optionally opened on a page file such as "pages/data.py"."""

    def _open(page: str | None = None) -> AppTest:
        return run_on(new_app_test(), page)

    return _open


def _texts(at: AppTest) -> str:
    """Everything the page wrote as text, for 'the user can read X' assertions."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "text",
        "metric",
    ):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "") or getattr(element, "label", "")))
            if kind == "metric":
                parts.append(str(element.label))
    return "\n".join(parts)


@pytest.fixture
def go_to_page(data_dir: Path) -> Callable[..., AppTest]:
    """``go_to_page(title, **request)``: open a page from the menu, or with a request as another
    page would send it with ``go_to(title, ...)``."""

    def _go(title: str, **request: object) -> AppTest:
        at = new_app_test()
        if request:
            at.session_state[request_key(title)] = request
        run_on(at, str(page_path(title).relative_to(ROOT)))
        assert not at.exception, (title, request, at.exception)
        return at

    return _go


@pytest.fixture
def texts() -> Callable[[AppTest], str]:
    """``texts(at)``: everything the page wrote as text, for 'the user can read X' checks."""
    return _texts


@pytest.fixture
def upload() -> Callable[[AppTest, str, bytes], None]:
    """``upload(at, name, payload)``: put a file in the Data page's import uploader (AppTest has
    no file-uploader driver in every version, so this sets the value the widget holds)."""

    def _upload(at: AppTest, name: str, payload: bytes) -> None:
        from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

        rec = UploadedFileRec(file_id="f1", name=name, type="text/csv", data=payload)
        at.session_state["data_import_file"] = UploadedFile(rec, None)

    return _upload


@pytest.fixture
def hostile_text() -> str:
    """Text a form must store exactly and every page must show as text: markup, a formula,
    right-to-left override, template code, maths, a colour directive, and three kinds of line
    break."""
    return (
        "<script>alert('x')</script> [link](javascript:alert(1)) =SUM(A1) "
        "\u202eRTL 🎉 {{ 7*7 }} $x$ :red[red]\nsecond line\r\nthird"
    )
