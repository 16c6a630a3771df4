"""What the person did about a due action: marked it done or snoozed it (actions.csv).

The follow-up rules read this to leave out what is done and hide what is snoozed; Home writes
it. A done thank-you also counts as contact made, so the rules read the done keys on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from nextround.domain.applications import append, stamp
from nextround.storage.store import Store


def hidden_keys(action_state: pd.DataFrame | None, today: pd.Timestamp) -> tuple[set, set]:
    """(done keys, keys to hide today). A snooze with no date cannot expire, so it hides nothing."""
    if action_state is None or action_state.empty:
        return set(), set()
    status = action_state["status"].astype("str").str.strip().str.lower()
    ids = action_state["id"].astype("str")
    done = set(ids[status.eq("done")].dropna())
    until = pd.to_datetime(action_state["snoozed_until"], errors="coerce").dt.normalize()
    snoozed = set(ids[status.eq("snoozed") & (until > today)].dropna())
    return done, done | snoozed


def mark_action(
    store: Store,
    key: str | Sequence[str],
    status: str,
    now: dt.datetime,
    snoozed_until: dt.date | None = None,
    expected_version: str | None = None,
) -> None:
    """Remember that a due action (or several, in one save) was done or snoozed, so Home stops
    showing it."""
    keys = [key] if isinstance(key, str) else list(key)
    rows = [{"id": k, "status": status, "snoozed_until": snoozed_until, "updated_at": stamp(now)}
            for k in keys]

    def upsert(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[~frame["id"].isin(keys)]
        for row in rows:
            frame = append(frame, "actions", row)
        return frame

    store.update("actions", upsert, expected_version=expected_version)
