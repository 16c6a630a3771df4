"""The user's settings: every delay the follow-up rules use, the country whose public holidays
are not business days, and the name they sign notes with.

They live in the settings table, one per row (name, value as text), so a person can read and
change them in a spreadsheet. Reading is lenient (a hand-edited value out of range keeps its
default: the app must always start); writing goes through the store with the stale-tab check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, field, fields, make_dataclass
from typing import Any

import pandas as pd

from nextround.domain.catalog import load_catalog
from nextround.domain.dates import known_country

#: The settings row that remembers the sign-off name for notes.
SENDER = "sender_name"


def _spec() -> dict[str, dict[str, Any]]:
    return load_catalog("settings")


class _Rules:
    """What every RuleSettings can do; the fields come from settings.toml."""

    @classmethod
    def from_mapping(cls, values: Mapping[str, object] | None) -> _Rules:
        """Read the settings table; a missing, unknown or out-of-range value keeps its default.

        Lenient on purpose: a hand-edited settings file must never stop the app from starting.
        """
        values = values or {}
        chosen: dict[str, Any] = {}
        for spec in fields(cls):
            raw = values.get(spec.name)
            if raw is None:
                continue
            if spec.type is str:
                code = str(raw).strip().upper()
                if known_country(code):
                    chosen[spec.name] = code
                continue
            try:
                number = int(str(raw).strip())
            except ValueError:
                continue
            bounds = _spec()[spec.name]
            if bounds["min"] <= number <= bounds["max"]:
                chosen[spec.name] = number
        return cls(**chosen)

    def to_mapping(self) -> dict[str, str]:
        """The settings as text, ready for the settings table."""
        return {name: str(value) for name, value in asdict(self).items()}

    @classmethod
    def form_rows(cls) -> list[tuple[str, str, int, int, str]]:
        """(name, label, lowest, highest, help) for every number setting, in order, for a form."""
        rows = [(f.name, _spec()[f.name]) for f in fields(cls) if f.type is int]
        return [(name, s["label"], s["min"], s["max"], s["help"]) for name, s in rows]

    @classmethod
    def country_rows(cls) -> list[tuple[str, str, str]]:
        """(name, label, help) for every country setting (chosen from ``dates.countries``)."""
        return [(f.name, _spec()[f.name]["label"], _spec()[f.name]["help"])
                for f in fields(cls) if f.type is str]


#: Every delay the follow-up rules use and the holiday country, one field per entry of
#: settings.toml (its default,
#: bounds, label and help are content there). Frozen, so a settings value can be shared and
#: cached safely; ``RuleSettings()`` holds the defaults.
def _field(name: str, entry: dict[str, Any]) -> tuple[str, type, Any]:
    """A number setting (bounded by min and max), or a country code (its default is text)."""
    if isinstance(entry["default"], str):
        return name, str, field(default=entry["default"])
    return name, int, field(default=int(entry["default"]))


RuleSettings = make_dataclass(
    "RuleSettings",
    [_field(name, entry) for name, entry in _spec().items()],
    bases=(_Rules,),
    frozen=True,
)
RuleSettings.__module__ = __name__
RuleSettings.__doc__ = "Every delay the follow-up rules use (see settings.toml)."


def rule_settings(settings: pd.DataFrame) -> RuleSettings:
    """The follow-up rule settings held in a loaded settings table."""
    mapping = dict(zip(settings["id"], settings["value"].fillna(""), strict=True))
    return RuleSettings.from_mapping(mapping)


def get_setting(settings: pd.DataFrame, key: str, default: str = "") -> str:
    """One value from the settings table (as loaded), or the default when it is not set."""
    value = settings.loc[settings["id"] == key, "value"].dropna()
    return str(value.iloc[0]).strip() if not value.empty else default
