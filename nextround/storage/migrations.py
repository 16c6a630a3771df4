"""Bringing an older data folder up to the current schema, one numbered step at a time.

``Store.migrate`` runs the steps above the folder's recorded version, each after a backup (every
save keeps one); a new folder is stamped with the current version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from nextround import text as clock
from nextround.storage.schema import TABLES

if TYPE_CHECKING:
    from nextround.storage.store import Store


def _readable(store: Store, *names: str) -> bool:
    """Every table named exists and reads cleanly (a broken file is left for the user)."""
    return all(store.path(name).exists() and not store.check(name) for name in names)


def _backfill_timestamps(store: Store) -> str:
    """Schema 1: rows written by hand or by another tool get created/updated times, so that
    "latest activity" and history views can order them. Broken tables are left for the user."""
    now = pd.Timestamp(clock.now().replace(microsecond=0))
    touched = []
    for name, spec in TABLES.items():
        stamp_columns = [c for c in ("created_at", "updated_at") if c in spec.column_names]
        if not stamp_columns or not _readable(store, name):
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


def _rejection_reply_events(store: Store) -> str:
    """Schema 2: a rejection reply has its own event kind, the only one the follow-up rules take
    as the answer to a no (a follow-up crossing with the rejection is not one). Replies the
    Notes page logged as "follow-up sent" are found through the sent note that points at them
    and relabelled, so the reply is not suggested again; other follow-ups stay as they are."""
    count = {"n": 0}
    replies: set[str] = set()
    if _readable(store, "events", "sent_notes"):
        notes = store.load("sent_notes")
        replies = set(notes.loc[notes["kind"].eq("rejection reply"), "event_id"].dropna())

    def relabel(current: pd.DataFrame) -> pd.DataFrame:
        mask = current["id"].isin(replies) & current["kind"].eq("follow-up sent")
        current.loc[mask, "kind"] = "rejection reply sent"
        count["n"] = int(mask.sum())
        return current

    if replies and store.load("events")["id"].isin(replies).any():
        store.update("events", relabel)
    noun = "rejection reply" if count["n"] == 1 else "rejection replies"
    return f"relabelled {count['n'] or 'no'} {noun} as 'rejection reply sent'"


MIGRATIONS: dict[int, Callable[[Store], str]] = {1: _backfill_timestamps,
                                                 2: _rejection_reply_events}
