"""Bringing an older data folder up to the current schema, one numbered step at a time.

``Store.migrate`` runs the steps above the folder's recorded version, each after a backup (every
save keeps one); a new folder is stamped with the current version.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from nextround.storage.schema import TABLES

if TYPE_CHECKING:
    from nextround.storage.store import Store


def _backfill_timestamps(store: Store) -> str:
    """Schema 1: rows written by hand or by another tool get created/updated times, so that
    "latest activity" and history views can order them. Broken tables are left for the user."""
    now = pd.Timestamp(datetime.now().replace(microsecond=0))
    touched = []
    for name, spec in TABLES.items():
        stamp_columns = [c for c in ("created_at", "updated_at") if c in spec.column_names]
        if not stamp_columns or not store.path(name).exists() or store.check(name):
            continue
        frame = store.load(name)
        if not frame[stamp_columns].isna().any().any():
            continue

        def fill(current: pd.DataFrame, cols: list[str] = stamp_columns) -> pd.DataFrame:
            for col in cols:
                current[col] = current[col].fillna(now)
            return current

        store.update(name, fill)
        touched.append(name)
    return "added missing timestamps to " + (", ".join(touched) if touched else "no tables")


MIGRATIONS: dict[int, Callable[[Store], str]] = {1: _backfill_timestamps}
