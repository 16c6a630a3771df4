"""Marking a note as sent: one command that logs the event the follow-up rules read (naming the
person it went to, so a panel's other thank-yous stay due) and keeps the exact text, written
as one unit of the store."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

import pandas as pd

from nextround.domain.applications import append, stage_after_event, stamp
from nextround.domain.kinds import note_kind
from nextround.storage.errors import StaleDataError
from nextround.storage.ids import new_id
from nextround.storage.store import Store

SENT_FIELDS = ("application_id", "kind", "tone", "recipient_name", "recipient_email", "subject",
               "body", "greeting", "detail", "strength", "repair")
#: The tables marking a note sent writes, and so the versions it is checked against.
SENT_TABLES = ("events", "applications", "sent_notes")


def record_sent_note(
    store: Store,
    note: Mapping[str, Any],
    sent_on: date,
    now: datetime,
    expected_version: str | None = None,
    expected_versions: Mapping[str, str] | None = None,
) -> tuple[str, str]:
    """Record one note as sent: its event and its text, as one unit (both or neither).

    The event names the person it went to (``recipient_name`` in the event's interviewers), so
    the rules see that this person was thanked and the panel's others still owe a note. Returns
    (event id, note id). ``expected_versions`` holds the versions of ``SENT_TABLES`` the page
    drew from (``expected_version`` is the sent-notes one alone): when another tab has since
    logged an event or marked a note for this application, nothing is written and
    StaleDataError says so (the same note marked twice is the usual cause).
    """
    kind = note_kind(note["kind"])
    versions = dict(expected_versions or {})
    if expected_version is not None:
        versions.setdefault("sent_notes", expected_version)
    app_id = note["application_id"]
    probe = pd.DataFrame({"id": [None], "application_id": [app_id]})
    who = note.get("recipient_name") or ""
    details = f"{kind.name.capitalize()} sent to {who or 'them'}."
    created: dict[str, str] = {}

    def refuse_if_stale(table: str) -> None:
        version = versions.get(table)
        if version is not None and store.conflicts(table, version, probe,
                                                   scope="application_id"):
            raise StaleDataError(table)

    def add_event(frame: pd.DataFrame) -> pd.DataFrame:
        refuse_if_stale("events")
        refuse_if_stale("sent_notes")
        created["event"] = new_id("events", frame["id"])
        return append(frame, "events", {
            "id": created["event"], "application_id": app_id, "date": sent_on,
            "kind": kind.event, "channel": "email", "details": details,
            "interviewers": who or None, "interviewer_emails": note.get("recipient_email") or None,
            "created_at": stamp(now)})

    def move_stage(frame: pd.DataFrame) -> pd.DataFrame:
        mask = frame["id"] == app_id
        if mask.any():
            current = frame.loc[mask, "stage"].iloc[0]
            stage, outcome = stage_after_event(current, kind.event)
            if stage != current or outcome:
                frame.loc[mask, "stage"] = stage
                if outcome:
                    frame.loc[mask, "outcome"] = outcome
                frame.loc[mask, "updated_at"] = stamp(now)
        return frame

    def add_note(frame: pd.DataFrame) -> pd.DataFrame:
        created["note"] = new_id("sent_notes", frame["id"])
        row = {k: note.get(k) for k in SENT_FIELDS}
        return append(frame, "sent_notes", row | {"id": created["note"],
                                                  "event_id": created["event"],
                                                  "sent_at": stamp(now)})

    steps = [("events", add_event), ("sent_notes", add_note)]
    if _moves_stage(store, app_id, kind.event):
        steps.insert(1, ("applications", move_stage))
    store.apply(f"{kind.name} sent to {who or 'them'}", steps, kind="note sent")
    return created["event"], created["note"]


def _moves_stage(store: Store, app_id: str, event: str) -> bool:
    """True when logging ``event`` changes the application's stage (then the applications
    table is part of the unit; most notes leave it as it is, and it is not rewritten)."""
    apps = store.load("applications")
    row = apps[apps["id"] == app_id]
    if row.empty:
        return False
    current = row["stage"].iloc[0]
    stage, outcome = stage_after_event(current, event)
    return stage != current or bool(outcome)


# --- sending (the person's own mail program does it) ----------------------------------------


_ADDRESS = re.compile(r"^[^\s@?&#%<>\"',;:/\\()\[\]=]+@[^\s@?&#%<>\"',;:/\\()\[\]=]+$")


def mailto_link(to: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068) that opens a draft in the person's mail program.

    Subject and body are UTF-8 percent-encoded with line breaks as %0D%0A and spaces as %20.
    An address that could smuggle extra fields (?, &, line breaks, commas) is refused.
    """
    address = unicodedata.normalize("NFC", to or "").strip()
    if address and not _ADDRESS.match(address):
        raise ValueError(
            f"{to!r} does not look like a single email address; fix it in the interview's "
            "interviewer emails."
        )

    def encode(text: str) -> str:
        lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "%0D%0A".join(quote(line, safe="") for line in lines)

    return f"mailto:{quote(address, safe='@.+-_~')}?subject={encode(subject)}&body={encode(body)}"
