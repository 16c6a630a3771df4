"""Applications and their events: add, edit, delete an application; log and delete an event."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from nextround.domain.applications import EDITABLE, append, clean_record, event_steps, stamp
from nextround.storage.errors import NextRoundError
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_id
from nextround.storage.store import Store


def _expected(**versions: str | None) -> dict[str, str] | None:
    """The versions a command checks, leaving out the ones the page did not give."""
    return {table: v for table, v in versions.items() if v} or None


def add_application(store: Store, record: Mapping[str, Any], now: datetime) -> str:
    """Add an application and, when it has a date, its 'applied' event, as one unit (both rows
    or neither: never an event pointing at nothing); returns its id. A new row touches no row
    another tab could have changed, so there is no version to check."""
    values = clean_record({k: record.get(k) for k in EDITABLE})
    created: dict[str, str] = {}

    def add(frame: pd.DataFrame) -> pd.DataFrame:
        created["id"] = new_id("applications", frame["id"])
        row = values | {"id": created["id"], "created_at": stamp(now), "updated_at": stamp(now)}
        return append(frame, "applications", row)

    def applied(frame: pd.DataFrame) -> pd.DataFrame:
        event = {"id": new_id("events", frame["id"]), "application_id": created["id"],
                 "date": values["date_applied"], "kind": "applied", "created_at": stamp(now)}
        return append(frame, "events", event)

    steps = [("applications", add)]
    if values.get("date_applied"):
        steps.append(("events", applied))
    store.apply(f"adding {values.get('company') or 'an application'}", steps,
                kind="application")
    return created["id"]


def update_application(
    store: Store,
    app_id: str,
    changes: Mapping[str, Any],
    now: datetime,
    expected_version: str | None = None,
) -> None:
    """Edit fields of one application; refused if its row changed since ``expected_version``
    (the applications version the form was drawn from)."""
    values = clean_record({k: v for k, v in changes.items() if k in EDITABLE})

    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        mask = frame["id"] == app_id
        if not mask.any():
            raise NextRoundError("That application no longer exists (deleted in another tab?).")
        patch = typed_frame("applications", [values | {"updated_at": stamp(now)}])
        for column in [*values, "updated_at"]:
            frame.loc[mask, column] = patch.loc[0, column]
        return frame

    store.update("applications", edit, expected_version=expected_version)


def delete_application(
    store: Store,
    app_id: str,
    keep_events: bool,
    expected_version: str | None = None,
    expected_events: str | None = None,
) -> None:
    """Delete an application and, unless the person chose to keep them, its events, as one
    unit: both or neither, one entry (and one backup of each file) to restore from. Refused
    when the application changed since ``expected_version``, or (with ``expected_events``)
    when another tab logged or changed one of its events since the page counted them."""

    def drop(frame: pd.DataFrame) -> pd.DataFrame:
        if not frame["id"].eq(app_id).any():
            raise NextRoundError("That application no longer exists (deleted in another tab?).")
        return frame[frame["id"] != app_id]

    steps = [("applications", drop)]
    if not keep_events:
        steps.append(("events", lambda f: f[f["application_id"] != app_id]))
    store.apply("deleting an application", steps, kind="application",
                expected=_expected(applications=expected_version,
                                   events=None if keep_events else expected_events),
                scopes={"events": "application_id"})


def log_event(store: Store, record: Mapping[str, Any], now: datetime,
              expected_version: str | None = None) -> str:
    """Log an event and move the application's stage along with it, as one unit; returns the
    event id. ``expected_version`` is the applications version the form was drawn from: when
    this application was changed or deleted in another tab since, nothing is written."""
    steps, created = event_steps(record, now)
    store.apply("logging an event", steps, kind="event",
                expected=_expected(applications=expected_version))
    return created["id"]


def delete_event(store: Store, event_id: str, expected_version: str | None = None) -> None:
    """Delete one event; refused when it changed since the screen read the events, so a stale
    tab cannot delete a row it was not showing."""

    def drop(frame: pd.DataFrame) -> pd.DataFrame:
        if not frame["id"].eq(event_id).any():
            raise NextRoundError("That event no longer exists (deleted in another tab?).")
        return frame[frame["id"] != event_id]

    store.update("events", drop, expected_version=expected_version)
