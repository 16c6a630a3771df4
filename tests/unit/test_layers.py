"""The layers, where import-linter cannot look: only the commands write, and the page scripts
never import storage.

import-linter (``make test``, contracts in pyproject.toml) holds every import between packages.
Two rules are out of its sight: a method call (``store.update(...)`` anywhere would be a
write outside a command), and the scripts outside any package (``pages/``, ``app.py``,
``serve.py``). These tests read the source instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: The Store's methods that change a file (everything else on it only reads).
WRITES = {"update", "replace", "apply", "restore", "quarantine", "mark_undone", "write_meta",
          "migrate", "recover", "clean_temp_files"}
#: Where a write may be: the commands, and the store itself (its schema upgrades included).
WRITERS = ("nextround/commands/", "nextround/storage/")
#: What hands out a store, so that a call on what it returns is a call on the store.
STORE_MAKERS = {"Store", "get_store", "real_store", "_store", "open"}


def _sources() -> Iterator[Path]:
    for folder in ("nextround", "components", "pages"):
        yield from sorted((ROOT / folder).rglob("*.py"))
    yield ROOT / "app.py"
    yield ROOT / "serve.py"


def _is_store(node: ast.expr, names: set[str]) -> bool:
    """Whether an expression is (by its name, its annotation or where it came from) a store."""
    if isinstance(node, ast.Name):
        return node.id in names
    if isinstance(node, ast.Attribute):
        return node.attr in names or node.attr == "store"
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in STORE_MAKERS or _is_store(func, names)
    return False


def _annotated_store(annotation: ast.expr | None) -> bool:
    return annotation is not None and "Store" in ast.unparse(annotation)


def store_writes(source: str) -> list[str]:
    """Every call of a store's writing method in ``source``, as ``line: code``. A store is a
    name called ``store``, one annotated ``Store``, or one assigned from ``Store(...)``,
    ``get_store()`` and the like."""
    tree = ast.parse(source)
    names = {"store"}
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and _annotated_store(node.annotation):
            names.add(node.arg)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                and _annotated_store(node.annotation):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign) and _is_store(node.value, set()):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in WRITES and _is_store(node.func.value, names):
            found.append(f"{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_only_the_commands_call_a_method_of_the_store_that_writes() -> None:
    outside = {}
    for path in _sources():
        where = path.relative_to(ROOT).as_posix()
        if where.startswith(WRITERS):
            continue
        found = store_writes(path.read_text(encoding="utf-8"))
        if found:
            outside[where] = found
    assert not outside, ("Writes outside nextround.commands (make each one a command that "
                         f"takes the versions the page drew from): {outside}")


def test_the_commands_do_write() -> None:
    """The scan sees the writes where they are: it is not passing because it sees nothing."""
    found = {path.name for path in (ROOT / "nextround" / "commands").glob("*.py")
             if store_writes(path.read_text(encoding="utf-8"))}
    assert {"applications.py", "actions.py", "notes.py", "settings.py", "self_check.py",
            "prep.py", "data.py", "mail.py", "sample.py"} <= found


@pytest.mark.parametrize("code", [
    "store.update('events', fn)",
    "def f(folder: Store):\n    folder.apply('x', [])",
    "page.store.replace('events', frame)",
    "get_store().write_meta(viewing_sample=True)",
    "real = real_store()\nreal.write_meta(viewing_sample=False)",
])
def test_the_scan_catches_a_write(code: str) -> None:
    assert store_writes(code)


@pytest.mark.parametrize("code", [
    "name.replace('_', ' ')",
    "settings.update({'a': 1})",
    "frame.apply(len)",
    "store.load_with_version('events')",
])
def test_the_scan_leaves_what_is_not_a_write(code: str) -> None:
    assert not store_writes(code)


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_the_page_scripts_never_import_storage() -> None:
    """pages/, app.py and serve.py are scripts outside any package: the contract "the screens
    never import storage" in pyproject.toml cannot see them, so it is checked here."""
    scripts = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py", ROOT / "serve.py"]
    assert len(scripts) > 3
    bad = {path.name: sorted(m for m in _imports(path)
                             if m == "nextround.storage" or m.startswith("nextround.storage."))
           for path in scripts}
    assert not {name: mods for name, mods in bad.items() if mods}
