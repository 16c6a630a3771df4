"""Load the content catalogues (signs, questions, checklists) kept as TOML in nextround/content.

Content is data, not code: a careers adviser can correct a tip without touching Python.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).parent / "content"


@cache
def load_catalog(name: str) -> dict[str, Any]:
    """Parse nextround/content/<name>.toml once per process (the files ship with the app)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a catalogue name: {name!r}")
    path = CONTENT_DIR / f"{name}.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)
