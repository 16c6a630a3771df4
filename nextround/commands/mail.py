"""Replies from the person's mail: logging the accepted ones as one unit, and taking them back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import pandas as pd

from nextround.domain.applications import stage_after_event, stamp
from nextround.mail.review import UNIT_KIND, Proposal
from nextround.storage.backups import Backup, Unit
from nextround.storage.errors import NextRoundError
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_ids
from nextround.storage.store import Store


def accept(store: Store, proposals: Iterable[Proposal], now: datetime) -> Unit | None:
    """Log the accepted proposals' events and move their applications' stages, as one unit
    (both tables or neither; one step to undo). Returns the unit, or None if nothing to do."""
    chosen = [p for p in proposals if p.event is not None and p.app_id]
    if not chosen:
        return None
    chosen.sort(key=lambda p: p.event["date"])
    moved: list[str] = []

    def add_events(current: pd.DataFrame) -> pd.DataFrame:
        missing = {p.app_id for p in chosen} - set(store.load("applications")["id"])
        if missing:
            raise NextRoundError("An application these replies belong to was deleted in the "
                                 "meantime: scan again.")
        ids = new_ids("events", current["id"], len(chosen))
        rows = [p.event | {"id": event_id, "application_id": p.app_id, "created_at": stamp(now)}
                for event_id, p in zip(ids, chosen, strict=True)]
        return pd.concat([current, typed_frame("events", rows)], ignore_index=True)

    def follow(frame: pd.DataFrame) -> pd.DataFrame:
        for p in chosen:
            mask = frame["id"] == p.app_id
            current = frame.loc[mask, "stage"].iloc[0]
            stage, outcome = stage_after_event(current, p.event["kind"])
            if stage == current and not outcome:
                continue
            frame.loc[mask, "stage"] = stage
            if outcome:
                frame.loc[mask, "outcome"] = outcome
            frame.loc[mask, "updated_at"] = stamp(now)
            moved.append(p.app_id)
        return frame

    apps = store.load("applications")
    stages = {str(r.id): str(r.stage) for r in apps.itertuples(index=False)}
    steps = [("events", add_events)]
    if any(stage_after_event(stages.get(p.app_id), p.event["kind"]) != (stages.get(p.app_id), None)
           for p in chosen):
        steps.append(("applications", follow))
    n = len(chosen)
    return store.apply(f"{n} {'reply' if n == 1 else 'replies'} from your mail", steps,
                       kind=UNIT_KIND, rows=n)


def undo(store: Store, unit_id: str) -> Unit:
    """Take back what accepting replies logged, in one step: its events, and the stage and
    outcome of each application it moved, as they were before (read from the backup taken
    just before it). Applications changed by hand since keep those changes' other fields."""
    unit = store.shelf.unit(unit_id)
    if unit is None or unit.kind != UNIT_KIND or unit.state != "done":
        raise NextRoundError("Those replies are not in place any more (already undone?).")
    events = set(unit.added.get("events", []))
    steps: list = [("events", lambda f: f[~f["id"].isin(events)])]
    backup_name = unit.before.get("applications")
    if "applications" in unit.written and backup_name:
        path = store.shelf.find("applications", backup_name)
        if path is None:
            raise NextRoundError("The backup taken before these replies is gone: restore the "
                                 "applications from the Backups tab instead.")
        before = store.backup_frame(Backup("applications", path, unit.when, 0))
        old = before.set_index("id")
        logged = store.load("events")
        touched = set(logged.loc[logged["id"].isin(events), "application_id"]) & set(old.index)

        def put_back(frame: pd.DataFrame) -> pd.DataFrame:
            rows = frame["id"].isin(touched)
            for column in ("stage", "outcome", "updated_at", "date_applied"):
                frame.loc[rows, column] = frame.loc[rows, "id"].map(old[column])
            return frame

        steps.append(("applications", put_back))
    done = store.apply(f"undo of the {unit.label}", steps, kind="undo", undoes=unit.id)
    store.mark_undone(unit.id, done.id)
    return done
