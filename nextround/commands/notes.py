"""Notes: recording a note as sent, remembering how to greet each person, and the sender's
name signed under every note."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd

from nextround.commands.settings import save_values
from nextround.domain.applications import append, event_steps, stamp
from nextround.domain.kinds import note_kind
from nextround.domain.notes.greetings import person_key
from nextround.domain.notes.people import Person
from nextround.domain.notes.sent import SENT_FIELDS, SENT_TABLES
from nextround.domain.settings import SENDER
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_id
from nextround.storage.store import Store


def record_sent_note(
    store: Store,
    note: Mapping[str, Any],
    sent_on: date,
    now: datetime,
    expected_version: str | None = None,
    expected_versions: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """Record one note as sent: its event (and the stage it moves) and its exact text, as one
    unit of the store (all or none, one entry in the record of changes).

    The event names the person it went to (``recipient_name`` in the event's interviewers), so
    the rules see that this person was thanked and a panel's others still owe a note. Returns
    (event id, note id). ``expected_versions`` holds the versions of ``SENT_TABLES`` the page
    drew from (``expected_version`` is the sent-notes one alone): when another tab has since
    logged an event or marked a note for this application, nothing is written and
    StaleDataError says so (the same note marked twice is the usual cause).
    """
    kind = note_kind(note["kind"])
    versions = {t: v for t, v in (expected_versions or {}).items() if t in SENT_TABLES and v}
    if expected_version is not None:
        versions.setdefault("sent_notes", expected_version)
    who = note.get("recipient_name") or ""
    steps, logged = event_steps(
        {"application_id": note["application_id"], "date": sent_on, "kind": kind.event,
         "channel": "email", "details": f"{kind.name.capitalize()} sent to {who or 'them'}.",
         "interviewers": who, "interviewer_emails": note.get("recipient_email") or ""},
        now,
    )
    created: dict[str, str] = {}

    def add(frame: pd.DataFrame) -> pd.DataFrame:
        created["id"] = new_id("sent_notes", frame["id"])
        row = {k: note.get(k) for k in SENT_FIELDS}
        return append(frame, "sent_notes",
                      row | {"id": created["id"], "event_id": logged["id"],
                             "sent_at": stamp(now)})

    # The note after its event, so ``add`` knows the event's id.
    store.apply(f"{kind.name} sent to {who or 'them'}", [*steps, ("sent_notes", add)],
                kind="sent note", expected=versions or None,
                scopes={"events": "application_id", "sent_notes": "application_id",
                        "applications": "id"})
    return logged["id"], created["id"]


def remember_greetings(store: Store, chosen: Mapping[Person, str], now: datetime,
             expected_version: str | None = None) -> None:
    """Save how to greet each person (their row is replaced, the others kept); a save from a
    stale tab is refused by the Store."""
    if not chosen:
        return
    rows = {person_key(p): {"id": person_key(p), "name": p.recorded, "greeting": g,
                            "updated_at": pd.Timestamp(now.replace(microsecond=0))}
            for p, g in chosen.items()}

    def write(frame: pd.DataFrame) -> pd.DataFrame:
        kept = frame[~frame["id"].isin(list(rows))]
        return pd.concat([kept, typed_frame("greetings", list(rows.values()))],
                         ignore_index=True)

    store.update("greetings", write, expected_version=expected_version)


def remember_sender(store: Store, name: str, expected_version: str | None = None) -> None:
    """Keep the name the person signs their notes with (the settings' sender), so the next
    note is signed the same; refused from a stale tab."""
    save_values(store, {SENDER: name}, expected_version)
