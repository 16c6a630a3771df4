"""AppTest helpers: run app.py headless against a data folder of the test's own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nextround import demo

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("NEXTROUND_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def sample_dir(data_dir: Path) -> Path:
    demo.write(data_dir, date.today())
    return data_dir


@pytest.fixture
def open_app(data_dir: Path) -> Callable[..., AppTest]:
    """Run app.py, optionally switched to a page file such as "pages/data.py"."""

    def _open(page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
        at.run()
        if page:
            at.switch_page(str(ROOT / page))
            at.run()
        return at

    return _open


def texts(at: AppTest) -> str:
    """Everything the page wrote as text, for 'the user can read X' assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text", "metric"):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "") or getattr(element, "label", "")))
            if kind == "metric":
                parts.append(str(element.label))
    return "\n".join(parts)
