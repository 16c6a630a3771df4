"""The event-kind registry: every kind of event and what it means, read from event_kinds.toml.

One table in one place, at the bottom of the package (it imports nothing of Next Round), so the
storage layer can take the allowed kinds from it without importing the domain, and every other
layer reads the same meanings: the stage an event moves an application to, whether it counts as
contact or as a reply, whether it may be booked ahead, whether it ends a wait, and its words,
form fields, chart colour and mark. Adding a kind of event is one entry in the TOML file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REGISTRY_PATH = Path(__file__).with_name("event_kinds.toml")

#: The yes/no meanings an entry may set (all default to no).
FLAGS = ("contact", "reply", "booked", "ends_wait", "sent", "final", "shared")


@dataclass(frozen=True)
class EventKind:
    """One kind of event (see the comments in event_kinds.toml for each field)."""

    name: str
    label: str
    colour: str
    mark: str
    details: str = "Details"
    fields: tuple[str, ...] = ()
    stage: str | None = None
    outcome: str | None = None
    contact: bool = False
    reply: bool = False
    booked: bool = False
    ends_wait: bool = False
    sent: bool = False
    final: bool = False
    shared: bool = False
    details_help: str = "Private: never goes into a note to anyone."

    @property
    def closes_wait(self) -> bool:
        """Ends a wait after an interview, with an answer or without one."""
        return self.reply or self.ends_wait


@cache
def registry() -> dict[str, EventKind]:
    """Every event kind by name, in the file's order (the order of lists and legends)."""
    with REGISTRY_PATH.open("rb") as handle:
        raw = tomllib.load(handle)
    known = {f for f in EventKind.__dataclass_fields__ if f != "name"}
    out: dict[str, EventKind] = {}
    for name, entry in raw.items():
        unknown = set(entry) - known
        if unknown:
            raise RuntimeError(f"event kind {name!r}: unknown fields {sorted(unknown)}")
        if "fields" in entry:
            entry = entry | {"fields": tuple(entry["fields"])}
        out[name] = EventKind(name=name, **entry)
    return out


def event_kind(name: str) -> EventKind | None:
    """The entry for one kind, or None for a kind the registry does not know."""
    return registry().get(name)


def kinds_where(**flags: bool) -> tuple[str, ...]:
    """The kinds whose meanings match every flag given, in registry order.

    ``kinds_where(reply=True)`` are the employer's answers; ``kinds_where(contact=False)`` the
    events that do not reset the quiet clock. An unknown flag is an error, not an empty answer.
    """
    unknown = set(flags) - set(FLAGS) - {"closes_wait"}
    if unknown:
        raise ValueError(f"not an event-kind meaning: {sorted(unknown)}")
    return tuple(k.name for k in registry().values()
                 if all(getattr(k, flag) == wanted for flag, wanted in flags.items()))


def stage_setters() -> dict[str, str]:
    """Kind -> the stage logging it moves an application up to."""
    return {k.name: k.stage for k in registry().values() if k.stage}


def closing_outcomes() -> dict[str, str]:
    """Kind -> the outcome it closes an application with."""
    return {k.name: k.outcome for k in registry().values() if k.outcome}


#: Every kind, in order: the storage layer's allowed values for the events' kind column.
EVENT_KINDS: tuple[str, ...] = tuple(registry())
