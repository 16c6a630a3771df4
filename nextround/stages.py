"""The stage registry: every stage of an application and what it means, read from stages.toml.

Like the event-kind registry, it sits at the bottom of the package (it imports nothing of Next
Round), so storage takes the file format's allowed stages from it without importing the domain,
and the rules, the forms, the badges and the charts read one table instead of keeping their own
lists of stages, words and colours. Adding or renaming a stage is one entry in the TOML file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTRY_PATH = Path(__file__).with_name("stages.toml")
#: Streamlit's badge colours (``:blue-badge[...]``): an entry naming another is an error.
BADGE_COLOURS = ("blue", "green", "orange", "red", "violet", "gray", "primary")


@dataclass(frozen=True)
class Stage:
    """One stage (see the comments in stages.toml for each field)."""

    name: str
    label: str
    open: bool
    badge: str
    colour: str


@cache
def registry() -> dict[str, Stage]:
    """Every stage by name, in the file's order (the order an application moves through)."""
    with REGISTRY_PATH.open("rb") as handle:
        raw = tomllib.load(handle)
    known = {f for f in Stage.__dataclass_fields__ if f != "name"}
    out: dict[str, Stage] = {}
    for name, entry in raw.items():
        if set(entry) != known:
            raise RuntimeError(f"stage {name!r}: fields {sorted(entry)}, expected {sorted(known)}")
        if entry["badge"] not in BADGE_COLOURS:
            raise RuntimeError(f"stage {name!r}: badge {entry['badge']!r} is not one of "
                               f"{', '.join(BADGE_COLOURS)}")
        out[name] = Stage(name=name, **entry)
    return out


def stage_names() -> tuple[str, ...]:
    """The stages in order: the values the applications file allows."""
    return tuple(registry())


def open_stages() -> tuple[str, ...]:
    """The stages of an application still in progress, in order."""
    return tuple(name for name, stage in registry().items() if stage.open)


def stage_label(name: str) -> str:
    """The words for a stage on a form or a badge; a stage the registry does not know (a hand
    edit of the file) is shown as written."""
    stage = registry().get(name)
    return stage.label if stage else name


def stage_badge(name: str) -> str:
    """The badge colour of a stage; blue for one the registry does not know."""
    stage = registry().get(name)
    return stage.badge if stage else "blue"


def stage_colours() -> dict[str, str]:
    """Each stage's chart colour, in order."""
    return {name: stage.colour for name, stage in registry().items()}
