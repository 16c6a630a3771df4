"""Home's Done and Snooze: what the person did about a due action, written as one unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from nextround.domain.action_state import marking
from nextround.domain.applications import event_steps
from nextround.storage.store import Store


def mark_action(
    store: Store,
    key: str | Sequence[str],
    status: str,
    now: dt.datetime,
    snoozed_until: dt.date | None = None,
    expected_version: str | None = None,
) -> None:
    """Remember that a due action (or several, in one save) was snoozed (or done, with nothing
    to log), so Home stops showing it. ``expected_version`` is the actions version the page drew
    from: a row changed since is refused (StaleDataError), and so is one marked done already."""
    keys = [key] if isinstance(key, str) else list(key)
    store.apply("marking an action", [marking(keys, status, now, snoozed_until)],
                kind="action",
                expected={"actions": expected_version} if expected_version else None)


def mark_done(store: Store, key: str, event: Mapping[str, Any], now: dt.datetime,
              expected_version: str | None = None) -> str:
    """Mark a due action done and log the event it stands for (so the rules see it was done),
    as one command: the action, the event and the stage it moves are written together or not
    at all. A second press or a second tab is refused (AlreadyDone) before anything is logged,
    so a double click never counts twice toward the follow-up limit. Returns the event id."""
    steps, created = event_steps(event, now)
    store.apply("marking an action done", [marking([key], "done", now, None), *steps],
                kind="action",
                expected={"actions": expected_version} if expected_version else None)
    return created["id"]
