"""Changes a person makes through the screens, each as one locked save per table.

Pages call these instead of writing frames themselves, so the rules (ids, timestamps, the
stage following the events, the order of writes across tables) live in one tested place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

from nextround.domain.followup import RuleSettings
from nextround.domain.pipeline import stage_after_event
from nextround.storage.errors import NextRoundError
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_id
from nextround.storage.store import Store

EDITABLE = ("company", "role", "posting_url", "source", "location", "date_applied", "stage",
            "outcome", "contact_name", "contact_email", "priority", "notes")


def _stamp(now: datetime) -> pd.Timestamp:
    return pd.Timestamp(now.replace(microsecond=0))


def _append(frame: pd.DataFrame, table: str, record: Mapping[str, Any]) -> pd.DataFrame:
    return pd.concat([frame, typed_frame(table, [record])], ignore_index=True)


def _clean(record: Mapping[str, Any]) -> dict[str, Any]:
    """Blank text becomes missing, so the CSV holds empty cells rather than spaces."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, str):
            value = value.strip() or None
        out[key] = value
    return out


def add_application(store: Store, record: Mapping[str, Any], now: datetime) -> str:
    """Add an application (and its 'applied' event when it has a date); returns its id."""
    values = _clean({k: record.get(k) for k in EDITABLE})
    created: dict[str, str] = {}

    def add(frame: pd.DataFrame) -> pd.DataFrame:
        created["id"] = new_id("applications", frame["id"])
        row = values | {"id": created["id"], "created_at": _stamp(now), "updated_at": _stamp(now)}
        return _append(frame, "applications", row)

    store.update("applications", add)
    if values.get("date_applied"):
        # Written after the application, so a crash in between leaves no orphan event.
        _append_event(store, {"application_id": created["id"], "date": values["date_applied"],
                              "kind": "applied"}, now)
    return created["id"]


def update_application(
    store: Store,
    app_id: str,
    changes: Mapping[str, Any],
    now: datetime,
    expected_version: str | None = None,
) -> None:
    """Edit fields of one application; refused if the table changed since ``expected_version``."""
    values = _clean({k: v for k, v in changes.items() if k in EDITABLE})

    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        mask = frame["id"] == app_id
        if not mask.any():
            raise NextRoundError("That application no longer exists (deleted in another tab?).")
        patch = typed_frame("applications", [values | {"updated_at": _stamp(now)}])
        for column in [*values, "updated_at"]:
            frame.loc[mask, column] = patch.loc[0, column]
        return frame

    store.update("applications", edit, expected_version=expected_version)


def delete_application(
    store: Store, app_id: str, keep_events: bool, expected_version: str | None = None
) -> None:
    """Delete an application; its events go too unless the person chose to keep them."""
    store.update("applications", lambda f: f[f["id"] != app_id], expected_version=expected_version)
    if not keep_events:
        store.update("events", lambda f: f[f["application_id"] != app_id])


def _append_event(store: Store, record: Mapping[str, Any], now: datetime) -> str:
    created: dict[str, str] = {}

    def add(frame: pd.DataFrame) -> pd.DataFrame:
        created["id"] = new_id("events", frame["id"])
        return _append(frame, "events", record | {"id": created["id"], "created_at": _stamp(now)})

    store.update("events", add)
    return created["id"]


def log_event(store: Store, record: Mapping[str, Any], now: datetime) -> str:
    """Log an event and move the application's stage along with it; returns the event id."""
    values = _clean(record)
    app_id = values["application_id"]
    event_id = _append_event(store, values, now)

    def follow(frame: pd.DataFrame) -> pd.DataFrame:
        mask = frame["id"] == app_id
        if not mask.any():
            return frame
        current = frame.loc[mask, "stage"].iloc[0]
        stage, outcome = stage_after_event(current, values["kind"])
        if stage != current or outcome:
            frame.loc[mask, "stage"] = stage
            if outcome:
                frame.loc[mask, "outcome"] = outcome
            frame.loc[mask, "updated_at"] = _stamp(now)
            if stage != "wishlist" and pd.isna(frame.loc[mask, "date_applied"].iloc[0]):
                frame.loc[mask, "date_applied"] = pd.Timestamp(values["date"])
        return frame

    store.update("applications", follow)
    return event_id


def delete_event(store: Store, event_id: str) -> None:
    store.update("events", lambda f: f[f["id"] != event_id])


NOTE_EVENT = {
    "thank-you": "thank-you sent",
    "late thank-you": "thank-you sent",
    "late thank-you and follow-up": "thank-you sent",
    "follow-up": "follow-up sent",
    "rejection reply": "follow-up sent",  # a message from you: the rules count it as the reply
}


def record_sent_note(
    store: Store,
    note: Mapping[str, Any],
    sent_on: date,
    now: datetime,
    event_id: str | None = None,
) -> tuple[str, str]:
    """Log the sending as an event (so due actions clear) and keep the exact text.

    Returns (event id, note id). The event comes first: if the note row were lost in a crash the
    follow-up rules would still know it was sent, which matters more than the archive.
    """
    kind = note["kind"]
    details = f"{kind.capitalize()} sent to {note.get('recipient_name') or 'them'}."
    logged = event_id or log_event(
        store,
        {"application_id": note["application_id"], "date": sent_on, "kind": NOTE_EVENT[kind],
         "channel": "email", "details": details},
        now,
    )
    created: dict[str, str] = {}

    def add(frame: pd.DataFrame) -> pd.DataFrame:
        created["id"] = new_id("sent_notes", frame["id"])
        row = {k: note.get(k) for k in ("application_id", "kind", "tone", "recipient_name",
                                         "recipient_email", "subject", "body")}
        return _append(frame, "sent_notes",
                       row | {"id": created["id"], "event_id": logged, "sent_at": _stamp(now)})

    store.update("sent_notes", add)
    return logged, created["id"]


def set_action_state(
    store: Store, key: str, status: str, now: datetime, snoozed_until: date | None = None
) -> None:
    """Remember that a due action was done or snoozed (Home stops showing it)."""

    def upsert(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[frame["id"] != key]
        return _append(frame, "actions", {"id": key, "status": status,
                                          "snoozed_until": snoozed_until,
                                          "updated_at": _stamp(now)})

    store.update("actions", upsert)


def get_setting(settings: pd.DataFrame, key: str, default: str = "") -> str:
    """One value from the settings table (as loaded), or the default when it is not set."""
    value = settings.loc[settings["id"] == key, "value"].dropna()
    return str(value.iloc[0]).strip() if not value.empty else default


def save_setting(store: Store, key: str, value: str) -> None:
    """Set one value in the settings table (the row is replaced)."""

    def write(frame: pd.DataFrame) -> pd.DataFrame:
        kept = frame[frame["id"] != key]
        return pd.concat([kept, typed_frame("settings", [{"id": key, "value": value}])],
                         ignore_index=True)

    store.update("settings", write)


def settings_from_frame(frame: pd.DataFrame) -> RuleSettings:
    """The follow-up rule settings held in a loaded settings table."""
    mapping = dict(zip(frame["id"], frame["value"].fillna(""), strict=True))
    return RuleSettings.from_mapping(mapping)


def load_settings(store: Store) -> RuleSettings:
    return settings_from_frame(store.load("settings"))


def save_settings(store: Store, settings: RuleSettings) -> None:
    values = settings.to_mapping()

    def write(frame: pd.DataFrame) -> pd.DataFrame:
        kept = frame[~frame["id"].isin(list(values))]
        rows = typed_frame("settings", [{"id": k, "value": v} for k, v in values.items()])
        return pd.concat([kept, rows], ignore_index=True)

    store.update("settings", write)
