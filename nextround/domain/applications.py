"""Applications and their events: what "open" means, how events move the stage, and the steps
that add a row or log an event.

The rules (ids, timestamps, the stage following the events) live here as plain functions of
frames; the commands in ``nextround.commands`` put them together into one write of the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from nextround.event_kinds import closing_outcomes, stage_setters
from nextround.stages import open_stages
from nextround.storage.changes import Step, Unchanged
from nextround.storage.ids import new_id
from nextround.storage.schema import STAGES
from nextround.storage.small import typed_row
from nextround.text import choice_keys

#: Stages of an application still in progress (an offer still waits for your answer), from the
#: stage registry.
OPEN_STAGES = open_stages()
STAGE_RANK: dict[str, int] = {stage: rank for rank, stage in enumerate(STAGES)}
#: The stage an event moves an application up to (never down), from the event-kind registry.
EVENT_STAGE: dict[str, str] = stage_setters()
#: Open stages that mean the employer answered: a reply is implied even with no event logged
#: (an import brings stages, not histories). The follow-up rules and the funnel both read it.
REPLIED_STAGES = tuple(stage for stage in OPEN_STAGES
                       if STAGE_RANK[stage] >= STAGE_RANK[EVENT_STAGE["heard back"]])
#: Events that end an application, with the outcome they record (from the registry).
CLOSING_OUTCOME: dict[str, str] = closing_outcomes()
EDITABLE = ("company", "role", "posting_url", "source", "location", "date_applied", "stage",
            "outcome", "contact_name", "contact_email", "priority", "notes")


def is_open(applications: pd.DataFrame) -> pd.Series:
    """The one definition of an open application: a stage in progress and no outcome yet.

    Every screen and rule asks this (Home's lists, the calendar, Prep, the self-check plan, the
    eggs-in-one-basket warning), so a rejected application is closed everywhere at once, even
    when an import left its stage at "interviewing".
    """
    stage, outcome = choice_keys(applications["stage"]), choice_keys(applications["outcome"])
    return stage.isin(OPEN_STAGES) & outcome.eq("")


def awaiting_answer(applications: pd.DataFrame) -> pd.Series:
    """Open and waiting on the employer: what the follow-up rules chase (not an offer in hand)."""
    return is_open(applications) & choice_keys(applications["stage"]).ne("offer")


def stage_after_event(current_stage: str | None, event_kind: str) -> tuple[str, str | None]:
    """The stage (and outcome to record, if any) after logging an event.

    Stages only move forward so that logging an old event late (an interview entered after the
    offer) cannot undo progress, and a closed application stays closed until the user reopens it
    by editing it. An outcome of None means "leave the outcome as it is".
    """
    current = current_stage if current_stage in STAGE_RANK else "wishlist"
    if current == "closed":
        return "closed", None
    if event_kind in CLOSING_OUTCOME:
        return "closed", CLOSING_OUTCOME[event_kind]
    target = EVENT_STAGE.get(event_kind)
    if target is None or STAGE_RANK[target] <= STAGE_RANK[current]:
        return current, None
    return target, None


# --- the steps a command writes ----------------------------------------------------------


def stamp(now: datetime) -> pd.Timestamp:
    """A row's created/updated time: to the second, as the CSV stores it."""
    return pd.Timestamp(now.replace(microsecond=0))


def append(frame: pd.DataFrame, table: str, record: Mapping[str, Any]) -> pd.DataFrame:
    """The frame with one typed row added (the one way every write adds a row)."""
    return pd.concat([frame, typed_row(table, record)], ignore_index=True)


def clean_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """Blank text becomes missing, so the CSV holds empty cells rather than spaces."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, str):
            value = value.strip() or None
        out[key] = value
    return out


def event_steps(record: Mapping[str, Any], now: datetime) -> tuple[list[Step], dict[str, str]]:
    """The steps (for ``Store.apply``) that log an event and move its application's stage
    along with it, and where the new event's id is put once the steps have run. A command that
    logs an event with other changes (a note sent, an action done) adds its own steps to these,
    so all its tables are written as one unit."""
    values = clean_record(record)
    app_id = values["application_id"]
    created: dict[str, str] = {}

    def add(frame: pd.DataFrame) -> pd.DataFrame:
        created["id"] = new_id("events", frame["id"])
        return append(frame, "events", values | {"id": created["id"], "created_at": stamp(now)})

    def follow(frame: pd.DataFrame) -> pd.DataFrame:
        mask = frame["id"] == app_id
        if not mask.any():
            raise Unchanged
        current = frame.loc[mask, "stage"].iloc[0]
        stage, outcome = stage_after_event(current, values["kind"])
        if stage == current and not outcome:
            raise Unchanged
        frame.loc[mask, "stage"] = stage
        if outcome:
            frame.loc[mask, "outcome"] = outcome
        frame.loc[mask, "updated_at"] = stamp(now)
        if stage != "wishlist" and pd.isna(frame.loc[mask, "date_applied"].iloc[0]):
            frame.loc[mask, "date_applied"] = pd.Timestamp(values["date"])
        return frame

    # Most events (a thank-you, a follow-up) leave the stage as it is: then the applications
    # file is not rewritten (nor backed up) for nothing.
    return [("events", add), ("applications", follow)], created
