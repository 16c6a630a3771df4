"""An error nobody foresaw ends the page with the app's own sentence, never a traceback: no
local path, no error text, no link that would send it to a search engine, and the broken-file
panel is still the one a broken table gets."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from components.shared.feedback import DEBUG_ENV
from components.shared.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]
SECRET = "/home/someone/private/applications.csv: secret cell"


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch, sample_dir: Path) -> None:
    """Every page's first look at the data folder raises an error of no known kind; the app
    runs as it does for the person (the test suite's own let-it-through switch is off)."""

    def boom(_store) -> None:
        raise RuntimeError(SECRET)

    monkeypatch.delenv(DEBUG_ENV, raising=False)
    monkeypatch.setattr("components.shared.screen.folder_check", boom)


@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_an_unexpected_error_gives_a_sentence_not_a_traceback(texts, open_app, crashing,
                                                              spec) -> None:
    at = open_app(spec.file)
    assert not at.exception, at.exception  # before: Streamlit's traceback with SECRET in it
    shown = texts(at)
    assert "Something went wrong on this page" in shown
    assert "Your data is safe" in shown
    assert "secret" not in shown.casefold() and "/home/someone" not in shown
    assert [b.label for b in at.button if b.key == "unexpected_error_reload"] == ["Reload"]
    assert len(at.title) == 1  # the page's own title, drawn before the error


def test_streamlit_shows_no_error_details_or_links() -> None:
    """The errors the guard cannot catch (a widget's callback runs before the page) show
    Streamlit's generic sentence: no message, no traceback, no "Ask Google"."""
    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["client"]
    assert client["showErrorDetails"] == "none"
    assert client["showErrorLinks"] is False


def test_the_test_suite_still_sees_a_crash(open_app, sample_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """With the development switch on (as for every other test), a crash is an exception the
    test fails on, not a friendly panel that would hide it."""
    monkeypatch.setenv(DEBUG_ENV, "1")
    monkeypatch.setattr("components.shared.screen.folder_check",
                        lambda _s: (_ for _ in ()).throw(RuntimeError("boom")))
    at = open_app("pages/home.py")
    assert at.exception
