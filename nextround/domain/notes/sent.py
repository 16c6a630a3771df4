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

from nextround.domain.applications import append, event_steps, stamp
from nextround.domain.kinds import note_kind
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
