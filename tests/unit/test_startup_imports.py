"""The first page opens without the heavy libraries only other pages need (issue 25).

Cold start is measured from process start to Home drawn (bench/__main__.py, cold_start), so
every module app.py and pages/home.py import is on that path. Holidays, statistics, sentiment,
spreadsheet and mail libraries are imported where they are used, not by the modules; this
imports exactly what the shell and Home import, in a fresh interpreter, and looks.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Libraries the first page does not need to import its modules (some are needed later, once
#: the rules reckon a due date or another page opens).
HEAVY = ("holidays", "scipy", "vaderSentiment", "python_calamine", "imap_tools", "imaplib",
         "keyring", "altair", "jinja2")


def imported_modules(script: Path) -> list[str]:
    """The modules a page script imports at its top level."""
    names = []
    for node in ast.parse(script.read_text()).body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def loaded_after_importing(modules: list[str]) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError:\n"
        "        pass  # a name imported from a module (a function), not a module\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return set(json.loads(out))


def test_the_shell_and_home_import_no_heavy_library():
    modules = imported_modules(ROOT / "app.py") + imported_modules(ROOT / "pages" / "home.py")
    assert "components.home.sections" in modules  # the list is the real one
    loaded = loaded_after_importing(modules)
    assert "nextround.views.home" in loaded
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY)
    assert heavy == [], f"imported before the first page needs them: {heavy}"


#: Imported only inside the functions that use them, whichever page is opened: statistics for
#: the self-check's intervals (58 MB), sentiment for notes, spreadsheets for an import, the IMAP
#: client and the keyring for mail.
ON_USE_ONLY = ("holidays", "scipy", "vaderSentiment", "python_calamine", "imap_tools", "keyring")


def test_no_page_imports_a_library_it_uses_only_on_demand():
    modules = imported_modules(ROOT / "app.py")
    for page in sorted((ROOT / "pages").glob("*.py")):
        modules += imported_modules(page)
    loaded = loaded_after_importing(modules)
    assert "components.self_check.learning" in loaded or "nextround.domain.self_check" in loaded
    heavy = sorted(m for m in loaded if m.split(".")[0] in ON_USE_ONLY)
    assert heavy == [], f"imported by a page's modules: {heavy}"


def test_the_server_imports_what_home_needs_before_the_browser_connects():
    """serve.py (what `make run` starts) imports the first page's modules and the default
    country's holiday calendar in the background, so Home's first run finds them ready."""
    code = ("import json, sys, serve\n"
            "serve.import_the_first_page()\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    loaded = set(json.loads(out.strip().splitlines()[-1]))
    home = [m for m in imported_modules(ROOT / "pages" / "home.py") if m.startswith(
        ("components.", "nextround."))]
    assert "components.home.sections" in home
    # Each name Home imports is a loaded module, or a name from one (a function, a class).
    assert [m for m in home if m not in loaded and m.rsplit(".", 1)[0] not in loaded] == []
    assert "holidays.countries" in loaded


def _warm(folder: Path) -> list[str]:
    """serve.py's warm-up in a fresh interpreter on ``folder``: the tables then cached."""
    code = ("import json, serve\n"
            "serve.warm_up()\n"
            "from components.shared.store import get_store\n"
            "print(json.dumps(sorted(get_store()._cache)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={**os.environ, "NEXTROUND_DATA_DIR": str(folder)}).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_the_server_reads_homes_tables_before_the_browser_connects(tmp_path: Path):
    """Home's first run then parses no file; a folder that is not there yet is not made."""
    from nextround.commands.sample import write_sample
    from nextround.domain import dates

    folder = tmp_path / "data"
    write_sample(folder, dates.today(), applications=12, seed=3)
    assert {"applications", "events"} <= set(_warm(folder))
    assert _warm(tmp_path / "not yet") == []
    assert not (tmp_path / "not yet").exists()
