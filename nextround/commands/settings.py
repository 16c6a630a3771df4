"""Settings: the follow-up timing and any other value kept in the settings table."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from nextround.domain.settings import RuleSettings
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store


def save_values(store: Store, values: Mapping[str, str],
                expected_version: str | None = None) -> None:
    """Set values in the settings table (their rows are replaced, the others kept).

    ``expected_version`` is the version the screen read: a save from a stale tab is refused.
    """

    def write(frame: pd.DataFrame) -> pd.DataFrame:
        kept = frame[~frame["id"].isin(list(values))]
        rows = typed_frame("settings", [{"id": k, "value": v} for k, v in values.items()])
        return pd.concat([kept, rows], ignore_index=True)

    store.update("settings", write, expected_version=expected_version)


def save_rule_settings(store: Store, settings: RuleSettings,
                       expected_version: str | None = None) -> None:
    """Save the follow-up timing (every rule setting, in one write); refused from a stale tab."""
    save_values(store, settings.to_mapping(), expected_version)
