"""The project stands alone: no file in it cites or reads notes kept outside the repository.
The facts behind the content are carried, with their sources, in docs/sources.md."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Spelled in pieces so that this file does not cite them either.
OUTSIDE = ("../" + "shared", "DOMAIN" + ".md", "ENGINEERING" + ".md")
SKIPPED = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "data",
           "screenshots", "failures", "results"}
TEXT = {".py", ".md", ".toml", ".txt", ".j2", ".cfg", ".ini", ".sh", ".yml", ".yaml", ".csv"}


def _project_files() -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if s not in SKIPPED]
        found += [Path(folder, n) for n in names
                  if Path(n).suffix in TEXT or n in {"Makefile", "run"}]
    return found


def test_no_project_file_cites_notes_outside_it() -> None:
    files = _project_files()
    assert any(p.name == "README.md" for p in files)  # the walk found the project itself
    cited = [f"{p.relative_to(ROOT)}: {word}" for p in files
             for word in OUTSIDE if word in p.read_text(encoding="utf-8", errors="replace")]
    assert cited == []
