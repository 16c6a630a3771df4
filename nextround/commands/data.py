"""The data folder as a whole: opening it, importing a file (and taking an import back),
restoring a backup, setting a broken file aside."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nextround.domain import dates
from nextround.storage.backups import Backup, Unit
from nextround.storage.errors import NextRoundError
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_ids
from nextround.storage.importer import Answers, ImportPreview, remember_key
from nextround.storage.store import Store


def open_folder(path: str | Path) -> Store:
    """The store of a data folder, ready for use: what a crash left half-done is finished or
    put back, and an older folder is brought up to this version's schema (with backups).
    Never raises: what is wrong with the folder is kept on the store (``problem``,
    ``warnings``) for every page to show."""
    return Store(path).open()


def apply_import(store: Store, preview: ImportPreview, file_name: str = "", digest: str = "",
                 skip_duplicates: bool = True,
                 remember: tuple[list[str], Answers] | None = None) -> Unit | None:
    """Add the previewed applications and an 'applied' event for each that has a date, as one
    unit: both tables or neither. ``remember`` (the file's columns and the answers given) is
    kept in the settings table in the same unit, for the next file with the same columns
    (left out when the settings file cannot be read: the import does not wait for it).
    Returns the unit (None when there was nothing to add)."""
    keep = ~preview.duplicate.to_numpy() if skip_duplicates and len(preview.duplicate) else None
    added = preview.applications if keep is None else preview.applications[keep]
    added = added.reset_index(drop=True).copy()
    if added.empty:
        return None

    def add_apps(current: pd.DataFrame) -> pd.DataFrame:
        # Numbered against the table as it is now, in case another tab added rows meanwhile.
        added["id"] = new_ids("applications", current["id"], len(added))
        return pd.concat([current, added], ignore_index=True)

    applied = added["date_applied"].notna()

    def add_events(current: pd.DataFrame) -> pd.DataFrame:
        dated = added[applied]
        ids = new_ids("events", current["id"], len(dated))
        stamp = dates.now().replace(microsecond=0)  # the app clock (NEXTROUND_TODAY)
        events = typed_frame("events", [
            {"id": event_id, "application_id": app_id, "date": when, "kind": "applied",
             "details": "Imported.", "created_at": stamp}
            for event_id, app_id, when in zip(ids, dated["id"], dated["date_applied"],
                                              strict=True)])
        return pd.concat([current, events], ignore_index=True)

    steps = [("applications", add_apps)] + ([("events", add_events)] if applied.any() else [])
    if remember is not None and store.check("settings") is None:
        key, text = remember_key(remember[0]), remember[1].to_json()

        def keep_answers(current: pd.DataFrame) -> pd.DataFrame:
            row = typed_frame("settings", [{"id": key, "value": text}])
            return pd.concat([current[current["id"] != key], row], ignore_index=True)

        steps.append(("settings", keep_answers))
    name = " ".join(str(file_name).split())[:80] or "a file"
    return store.apply(f"import of {name} ({len(added)} rows)", steps, kind="import",
                       source=digest, rows=len(added))


def undo_import(store: Store, unit_id: str) -> Unit:
    """Take back what an import added, in one step: its applications, and every event that
    belongs to them (also ones logged since). Nothing else is touched."""
    unit = next((u for u in store.units(["import"]) if u.id == unit_id), None)
    if unit is None or unit.state != "done":
        raise NextRoundError("That import is not in place any more (already undone?).")
    apps = set(unit.added.get("applications", []))
    events = set(unit.added.get("events", []))

    def drop_apps(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[~frame["id"].isin(apps)]

    def drop_events(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[~(frame["id"].isin(events) | frame["application_id"].isin(apps))]

    steps = [("applications", drop_apps)]
    if store.path("events").exists():
        steps.append(("events", drop_events))
    undo = store.apply(f"undo of the {unit.label}", steps, kind="undo", undoes=unit.id)
    store.mark_undone(unit.id, undo.id)
    return undo


def restore_backup(store: Store, backup: Backup) -> pd.DataFrame:
    """Put a table back as it was in one of its backups, as one unit; the current file is
    kept first (as a backup, or in the quarantine folder when it cannot be read), so a restore
    can itself be undone by restoring again."""
    return store.restore(backup)


def quarantine_table(store: Store, table: str) -> str:
    """Move a table's broken file into the quarantine folder (kept for the person to fix) so
    the table starts empty; returns the name it was kept under."""
    return store.quarantine(table).name
