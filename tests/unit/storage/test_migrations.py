"""Bringing an older data folder up to the current schema."""

from __future__ import annotations

import json
from pathlib import Path

from nextround.storage.schema import SCHEMA_VERSION
from nextround.storage.store import Store

APPS = "id,company,role,stage,outcome\nA1,Acme,Analyst,closed,rejected\nA2,Beta,Engineer,applied,\n"
EVENTS = (
    "id,application_id,date,kind,details\n"
    "E1,A1,2026-03-02,interview,\n"
    "E2,A1,2026-03-05,rejection,\n"
    "E3,A1,2026-03-05,follow-up sent,Sent the morning the no came\n"
    "E4,A1,2026-03-06,follow-up sent,Rejection reply sent to Ann.\n"
    "E5,A2,2026-03-06,follow-up sent,Nudge\n"
)
NOTES = (
    "id,application_id,event_id,kind,subject,body,sent_at\n"
    "N1,A1,E4,rejection reply,Thank you,\"Thank you, Ann.\nAll the best.\",2026-03-06 10:00:00\n"
    "N2,A2,E5,follow-up,Checking in,Hello,2026-03-06 11:00:00\n"
)


def _folder(tmp_path: Path, version: int, notes: str | None = NOTES) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "applications.csv").write_text(APPS, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    if notes is not None:
        (folder / "sent_notes.csv").write_text(notes, encoding="utf-8")
    (folder / "nextround.json").write_text(json.dumps({"schema_version": version}))
    return folder


def test_a_rejection_reply_logged_as_a_follow_up_gets_its_own_kind(tmp_path: Path) -> None:
    folder = _folder(tmp_path, version=1)
    store = Store(folder)
    done = store.migrate()
    assert done == ["relabelled 1 rejection reply as 'rejection reply sent'"]
    kinds = store.load("events").set_index("id")["kind"].to_dict()
    # Only the event the sent rejection reply points at; a follow-up sent the same day as the
    # rejection and another application's follow-up stay follow-ups.
    assert kinds == {"E1": "interview", "E2": "rejection", "E3": "follow-up sent",
                     "E4": "rejection reply sent", "E5": "follow-up sent"}
    assert json.loads((folder / "nextround.json").read_text())["schema_version"] == SCHEMA_VERSION
    assert list((folder / "backups").glob("events*"))  # the old file is kept
    assert store.migrate() == []


def test_a_folder_without_sent_notes_is_left_alone(tmp_path: Path) -> None:
    store = Store(_folder(tmp_path, version=1, notes=None))
    assert store.migrate() == ["relabelled no rejection replies as 'rejection reply sent'"]
    assert store.load("events")["kind"].eq("follow-up sent").sum() == 3


def test_a_broken_sent_notes_file_is_not_touched(tmp_path: Path) -> None:
    folder = _folder(tmp_path, version=1, notes='id,application_id\nN1,"A1\n')
    before = (folder / "events.csv").read_bytes()
    Store(folder).migrate()
    assert (folder / "events.csv").read_bytes() == before
