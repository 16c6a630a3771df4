"""The app's pages, in menu order. app.py builds st.navigation from this list and the tests walk
it, so a new page is covered by the page tests the moment it is listed here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PageSpec:
    file: str  # relative to the project root, e.g. "pages/home.py"
    title: str
    icon: str
    default: bool = False

    @property
    def path(self) -> Path:
        return ROOT / self.file

    @property
    def url_path(self) -> str:
        """The page's address after the server's root (Streamlit names it after the file)."""
        return "" if self.default else Path(self.file).stem


PAGES: tuple[PageSpec, ...] = (
    PageSpec("pages/home.py", "Home", ":material/home:", default=True),
    PageSpec("pages/pipeline.py", "Pipeline", ":material/timeline:"),
    PageSpec("pages/self_check.py", "Self-check", ":material/psychology:"),
    PageSpec("pages/notes.py", "Notes", ":material/edit_note:"),
    PageSpec("pages/prep.py", "Prep", ":material/checklist:"),
    PageSpec("pages/data.py", "Data", ":material/database:"),
)


def build_navigation() -> st.Page:
    pages = [st.Page(p.path, title=p.title, icon=p.icon, default=p.default) for p in PAGES]
    return st.navigation(pages)


def page_path(title: str) -> Path:
    """The file of a page by its title, for st.switch_page and st.page_link."""
    for page in PAGES:
        if page.title == title:
            return page.path
    raise KeyError(title)


def has_page(title: str) -> bool:
    return any(p.title == title for p in PAGES)


SHELL_MARK = "_app_shell_ran"


def mark_app_shell() -> None:
    """app.py calls this before running the page, so the page can tell it was routed."""
    st.session_state[SHELL_MARK] = True


def require_app_shell() -> None:
    """Run app.py's shell around a page that Streamlit ran on its own.

    With a folder named pages/, Streamlit 1.67 starts in its legacy mode: if the first visit to a
    freshly started server is a page's URL (a bookmark, a refresh after a restart), it runs that
    page file directly, without app.py's navigation, layout and sidebar. (AppTest does the same
    on every run after the first.) Then app.py has not marked this run: clear the legacy flag and
    run app.py now, in this same run so widget clicks are kept; it routes back to this page.
    """
    if st.session_state.pop(SHELL_MARK, False):
        return
    import runpy

    leave_legacy_pages_mode()
    runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
    st.stop()


def leave_legacy_pages_mode() -> None:
    """Tell Streamlit this app routes with st.navigation, not by its pages/ folder.

    The one place the app reaches into Streamlit's internals: there is no public switch (1.67
    decides the mode from the folder's existence in ``PagesManager.__init__`` and reads it in the
    script runner; ``st.navigation`` clears it, but only once app.py runs). What this relies on is
    checked by tests/app/test_page_shell.py, which fails loudly when an upgrade changes it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def request_key(title: str) -> str:
    return f"{title.lower().replace('-', '_').replace(' ', '_')}_request"


def go_to(title: str, **request: object) -> None:
    """Open another page set up for a task, e.g. go_to("Notes", application_id=..., kind=...).

    The request rides in session state (never in the URL, so nothing a link carries is trusted)
    and the target page takes it once with ``take_request``.
    """
    st.session_state[request_key(title)] = request
    st.switch_page(page_path(title))


def take_request(title: str) -> dict:
    """The request another page left for this one (empty when opened from the menu)."""
    return st.session_state.pop(request_key(title), None) or {}
