"""Load the content catalogues (signs, questions, checklists): TOML files that sit beside the
feature that uses them, in nextround/domain/<feature>/.

Content is data, not code: a careers adviser can correct a tip without touching Python.
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

DOMAIN_DIR = Path(__file__).parent
#: Each catalogue and the feature folder it lives in.
CATALOGS = {
    "settings": "",
    "kinds": "",
    "waiting": "",
    "figures": "",
    "signs": "self_check",
    "self_rating": "self_check",
    "qualities": "prep",
    "questions": "prep",
    "checklist": "prep",
    "compose": "notes",
    "checks": "notes",
    "people": "notes",
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


def optional_text(entry: Mapping[str, Any], key: str) -> str | None:
    """An optional text field: missing and blank both become None."""
    value = entry.get(key)
    if value is None:
        return None
    return str(value).strip() or None


def _read_as(kind: Any) -> Callable[[Mapping[str, Any], str], Any]:
    """How a field of this declared type is read from a TOML entry."""
    if kind == str | None:
        return optional_text
    if kind == int | None:
        return lambda e, k: None if e.get(k) is None else int(e[k])
    if kind is bool:
        return lambda e, k: bool(e.get(k, False))
    if typing.get_origin(kind) is tuple:
        return lambda e, k: tuple(e.get(k, ()))
    if kind in (int, float):
        return lambda e, k: kind(e[k])
    return lambda e, k: e[k]


@cache
def _readers(cls: type) -> tuple[tuple[str, Callable[[Mapping[str, Any], str], Any]], ...]:
    """How each field of a content dataclass is read from its TOML entry, by its declared type:
    optional text through ``optional_text``, numbers converted, flags and lists false and empty
    when missing, required text as written. A field with a default keeps it when missing."""
    hints = typing.get_type_hints(cls)

    def reader(f: dataclasses.Field) -> Callable[[Mapping[str, Any], str], Any]:
        read = _read_as(hints[f.name])
        if f.default is not dataclasses.MISSING:
            return lambda e, k: read(e, k) if k in e else f.default
        if f.default_factory is not dataclasses.MISSING:
            return lambda e, k: read(e, k) if k in e else f.default_factory()
        return read

    return tuple((f.name, reader(f)) for f in dataclasses.fields(cls))


def entries(cls: type[T], raw: list[Mapping[str, Any]],
            **derived: Callable[[Mapping[str, Any]], Any]) -> tuple[T, ...]:
    """Each TOML entry as ``cls``, field by field (see ``_readers``); ``derived`` gives the
    fields worked out from the entry instead (a label looked up, a default from elsewhere)."""
    readers = _readers(cls)
    return tuple(
        cls(**{name: derived[name](e) if name in derived else read(e, name)
               for name, read in readers})
        for e in raw
    )
