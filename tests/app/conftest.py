"""AppTest helpers: run app.py headless against a data folder of the test's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from components.shared.navigation import page_path, request_key
from nextround.commands import applications
from nextround.commands.sample import write_sample
from nextround.domain import dates
from nextround.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("NEXTROUND_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample_dir(data_dir: Path) -> Path:
    write_sample(data_dir, dates.today())
    return data_dir


@pytest.fixture
def add_application(data_dir: Path) -> Callable[..., str]:
    """Add one application as the Pipeline form would (an analyst role applied for today unless
    told otherwise); returns its id."""

    def _add(**fields: object) -> str:
        record = {"role": "Analyst", "stage": "applied", "date_applied": dates.today()} | fields
        return applications.add_application(Store(data_dir), record, dates.now())

    return _add


@pytest.fixture
def open_app(data_dir: Path) -> Callable[..., AppTest]:
    """Run app.py, optionally switched to a page file such as "pages/data.py"."""

    def _open(page: str | None = None) -> AppTest:
        # The app's config keeps Streamlit's error details off; a failing test shows them.
        config.set_option("client.showErrorDetails", "full")
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
        at.run()
        if page:
            at.switch_page(str(ROOT / page))
            at.run()
        return at

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
def go_to_page(open_app) -> Callable[..., AppTest]:
    """``go_to_page(title, **request)``: open a page from the menu, or with a request as another
    page would send it with ``go_to(title, ...)``."""

    def _go(title: str, **request: object) -> AppTest:
        at = open_app()
        if request:
            at.session_state[request_key(title)] = request
        at.switch_page(str(page_path(title))).run()
        assert not at.exception, at.exception
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
