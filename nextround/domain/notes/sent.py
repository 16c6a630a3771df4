"""Marking a note as sent: the event that tells the follow-up rules, and the exact text kept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

import pandas as pd

from nextround.domain.applications import append, event_steps, stamp
from nextround.domain.kinds import note_kind
from nextround.storage.changes import Step
from nextround.storage.ids import new_id
from nextround.storage.store import Store

SENT_FIELDS = ("application_id", "kind", "tone", "recipient_name", "recipient_email", "subject",
               "body", "greeting", "detail", "strength", "repair")


def record_sent_note(
    store: Store,
    note: Mapping[str, Any],
    sent_on: date,
    now: datetime,
    event_id: str | None = None,
    expected_version: str | None = None,
) -> tuple[str, str]:
    """Log the sending as an event (so due actions clear) and keep the exact text, as one unit:
    the event, the stage it moves and the note are all written or none is.

    Returns (event id, note id). Several notes of one panel share one event (``event_id``).
    ``expected_version`` is the sent-notes version the page read: a note for the same
    application marked sent in another tab since is this same note sent twice, refused before
    anything is written. Other notes do not matter.
    """
    kind = note_kind(note["kind"])
    steps: list[Step] = []
    logged: dict[str, str] = {"id": event_id} if event_id else {}
    if not event_id:
        details = f"{kind.name.capitalize()} sent to {note.get('recipient_name') or 'them'}."
        steps, logged = event_steps(
            {"application_id": note["application_id"], "date": sent_on, "kind": kind.event,
             "channel": "email", "details": details},
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
    store.apply("marking a note sent", [*steps, ("sent_notes", add)], kind="sent note",
                expected={"sent_notes": expected_version} if expected_version else None,
                scopes={"sent_notes": "application_id"})
    return logged["id"], created["id"]


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
