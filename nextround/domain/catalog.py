"""Load the content catalogues (signs, questions, checklists): TOML files that sit beside the
feature that uses them, in nextround/domain/<feature>/.

Content is data, not code: a careers adviser can correct a tip without touching Python.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN_DIR = Path(__file__).parent
#: Each catalogue and the feature folder it lives in.
CATALOGS = {
    "settings": "",
    "kinds": "",
    "waiting": "",
    "signs": "selfcheck",
    "self_rating": "selfcheck",
    "qualities": "prep",
    "questions": "prep",
    "checklist": "prep",
    "compose": "notes",
    "checks": "notes",
}


def catalog_path(name: str) -> Path:
    try:
        return DOMAIN_DIR / CATALOGS[name] / f"{name}.toml"
    except KeyError:
        raise ValueError(f"not a catalogue name: {name!r}") from None


@cache
def load_catalog(name: str) -> dict[str, Any]:
    """Parse a catalogue once per process (the files ship with the app)."""
    with catalog_path(name).open("rb") as fh:
        return tomllib.load(fh)
