"""Nothing a page draws can come before the app shell: every page file opens the screen first.

Streamlit runs a page file on its own when a fresh server's first request is that page's URL
(see components.shared.navigation.require_app_shell). A page that drew before ``open_screen`` would
draw twice then; this test reads every page file and fails if anything but imports comes first.
"""

from __future__ import annotations

import ast

import pytest

from components.shared.navigation import PAGES


def _first_statement(tree: ast.Module) -> ast.stmt:
    for node in tree.body:
        is_docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        if is_docstring or isinstance(node, ast.Import | ast.ImportFrom):
            continue
        return node
    raise AssertionError("the page does nothing")


@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_every_page_opens_the_screen_before_anything_else(spec) -> None:
    tree = ast.parse(spec.path.read_text(encoding="utf-8"))
    first = _first_statement(tree)
    call = first.value if isinstance(first, ast.Expr) else None
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) == "open_screen", (
        f"{spec.file} line {first.lineno}: the first statement must be open_screen(...)"
    )
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and getattr(n.func, "id", None) == "open_screen"]
    assert len(calls) == 1, f"{spec.file} opens the screen {len(calls)} times"


def test_the_check_catches_a_page_that_draws_first() -> None:
    tree = ast.parse('"""Doc."""\nimport streamlit as st\nst.title("x")\nopen_screen("x")\n')
    first = _first_statement(tree)
    assert isinstance(first, ast.Expr) and first.value.func.attr == "title"


def test_what_the_legacy_pages_mode_workaround_relies_on_still_holds() -> None:
    """``leave_legacy_pages_mode`` (in components/shared/navigation.py) flips an attribute of
    Streamlit's.
    If an upgrade renames it, or stops deciding the mode by the pages/ folder, or stops reading
    the flag when it runs the script, this fails and names what changed."""
    import inspect

    from streamlit.commands import navigation as st_navigation
    from streamlit.runtime import pages_manager
    from streamlit.runtime.scriptrunner import script_runner

    from components.shared.navigation import leave_legacy_pages_mode

    manager = pages_manager.PagesManager
    assert "uses_pages_directory" in vars(manager), "PagesManager.uses_pages_directory is gone"
    assert '"pages"' in inspect.getsource(manager.__init__), "the mode no longer follows pages/"
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner), (
        "the script runner no longer reads the flag"
    )
    assert "PagesManager.uses_pages_directory = False" in inspect.getsource(st_navigation), (
        "st.navigation no longer clears the flag itself"
    )
    before = manager.uses_pages_directory
    try:
        manager.uses_pages_directory = True
        leave_legacy_pages_mode()
        assert manager.uses_pages_directory is False
    finally:
        manager.uses_pages_directory = before
