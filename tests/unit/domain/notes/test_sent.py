"""Sending a note: the mailto link opens a draft and cannot smuggle extra fields, and marking a
note sent logs the event the follow-up rules read and keeps the exact text."""

from __future__ import annotations

import os
from datetime import date, datetime
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.commands.applications import add_application
from nextround.commands.notes import record_sent_note
from nextround.domain.notes.sent import mailto_link
from nextround.storage.errors import StaleDataError, StorageWriteError
from nextround.storage.store import Store
from tests.examples import more_examples

# --- mailto -------------------------------------------------------------------------------------


def test_mailto_encodes_line_breaks_spaces_and_reserved_characters():
    link = mailto_link("priya@lumen.example", "Q&A? Yes", "Line one\nA & B? 100% = yes\r\nEnd")
    assert link.startswith("mailto:priya@lumen.example?subject=Q%26A%3F%20Yes&body=")
    body = link.split("&body=", 1)[1]
    assert body == "Line%20one%0D%0AA%20%26%20B%3F%20100%25%20%3D%20yes%0D%0AEnd"
    assert "+" not in link and " " not in link


def test_mailto_encodes_unicode_as_utf8():
    link = mailto_link("zoe@example.com", "Zoë", "李小龍")
    assert "subject=Zo%C3%AB" in link
    assert "body=%E6%9D%8E%E5%B0%8F%E9%BE%8D" in link


@pytest.mark.parametrize(
    "address",
    [
        "a@b.com?cc=boss@b.com",
        "a@b.com&bcc=x@y.z",
        "a@b.com\nBcc: x@y.z",
        "a@b.com, c@d.com",
        "not an address",
        "a@b.com%0ABcc:x@y.z",
    ],
)
def test_mailto_refuses_an_address_that_could_add_fields(address):
    with pytest.raises(ValueError, match="email address"):
        mailto_link(address, "s", "b")


def test_mailto_without_an_address_still_opens_a_draft():
    assert mailto_link("", "Hi", "Body") == "mailto:?subject=Hi&body=Body"


@more_examples(2)
@given(st.text(), st.text())
def test_mailto_round_trips_any_text(subject, body):
    link = mailto_link("a@b.example", subject, body)
    query = link.split("?", 1)[1]
    assert set(query) <= set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%=&-_.~"
    )
    sent_subject, sent_body = query.split("&")

    def as_sent(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")

    assert unquote(sent_body.removeprefix("body=")) == as_sent(body)
    assert unquote(sent_subject.removeprefix("subject=")) == as_sent(subject)


# --- marking a note sent ------------------------------------------------------------------------

NOW = datetime(2026, 11, 20, 10, 30)


def _application(store: Store) -> str:
    return add_application(store, {"company": "Acme", "role": "Analyst", "stage": "applied",
                                   "date_applied": date(2026, 11, 1)}, NOW)


def _note(app_id: str, **changes) -> dict:
    return {"application_id": app_id, "kind": "late thank-you", "tone": "warm",
            "recipient_name": "Zoë", "subject": "Thanks",
            "body": "Dear Zoë,\n{{ not code }}"} | changes


def test_sent_note_logs_event_and_keeps_text(store: Store) -> None:
    app_id = _application(store)
    event_id, note_id = record_sent_note(store, _note(app_id), date(2026, 11, 20), NOW)
    events = store.load("events").set_index("id")
    assert events.loc[event_id, "kind"] == "thank-you sent"
    assert events.loc[event_id, "details"] == "Late thank-you sent to Zoë."
    note = store.load("sent_notes").iloc[0]
    assert note["id"] == note_id and note["body"] == "Dear Zoë,\n{{ not code }}"
    assert note["event_id"] == event_id


def test_the_notes_own_fields_are_kept_for_the_next_note(store: Store) -> None:
    app_id = _application(store)
    fields = {"greeting": "Dr. Zoë", "detail": "their Lisbon office", "strength": "SQL",
              "repair": "I forgot the audit."}
    record_sent_note(store, _note(app_id, **fields), date(2026, 11, 20), NOW)
    kept = store.load("sent_notes").iloc[0]
    assert {k: kept[k] for k in fields} == fields


def test_sent_notes_written_before_these_fields_still_load(store: Store) -> None:
    old = ("id,application_id,event_id,kind,tone,recipient_name,recipient_email,subject,body,"
           "sent_at\n")
    old += "N0001,A1,E1,thank-you,warm,Zoë,,Thanks,Dear Zoë,2026-11-20 10:30:00\n"
    store.path("sent_notes").parent.mkdir(parents=True, exist_ok=True)
    store.path("sent_notes").write_text(old, encoding="utf-8")
    loaded = store.load("sent_notes")
    assert loaded["recipient_name"].tolist() == ["Zoë"]
    assert loaded["greeting"].isna().all()


@pytest.mark.parametrize(
    ("kind", "event"),
    [("thank-you", "thank-you sent"), ("follow-up", "follow-up sent"),
     ("late thank-you and follow-up", "thank-you sent"),
     ("rejection reply", "rejection reply sent")],
)
def test_each_kind_logs_the_event_the_follow_up_rules_read(store: Store, kind, event) -> None:
    app_id = _application(store)
    event_id, _ = record_sent_note(store, _note(app_id, kind=kind), date(2026, 11, 20), NOW)
    assert store.load("events").set_index("id").loc[event_id, "kind"] == event


def test_each_person_of_a_panel_gets_an_event_naming_them(store: Store) -> None:
    """Marking Priya's thank-you sent logs Priya, not the whole panel: Anika's stays due."""
    app_id = _application(store)
    first, _ = record_sent_note(store, _note(app_id, kind="thank-you", recipient_name="Priya",
                                             recipient_email="p@x.example"),
                                date(2026, 11, 20), NOW)
    again, _ = record_sent_note(store, _note(app_id, kind="thank-you", recipient_name="Anika"),
                                date(2026, 11, 20), NOW)
    events = store.load("events").set_index("id")
    assert first != again
    assert events.loc[first, "interviewers"] == "Priya"
    assert events.loc[first, "interviewer_emails"] == "p@x.example"
    assert events.loc[again, "interviewers"] == "Anika"
    assert store.load("sent_notes")["event_id"].tolist() == [first, again]


def test_recording_a_sent_note_is_one_unit_of_the_store(store: Store, monkeypatch) -> None:
    """The event and the text are written together or not at all (one backup entry)."""
    app_id = _application(store)
    record_sent_note(store, _note(app_id), date(2026, 11, 20), NOW)
    unit = store.units()[0]
    assert unit.kind == "sent note" and set(unit.written) == {"events", "sent_notes"}
    events_before = store.load("events")
    real_replace = os.replace

    def failing(src, dst, *args, **kwargs):  # the disk fails as the note's file is replaced
        if str(dst).endswith("sent_notes.csv"):
            raise OSError("disk full")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(StorageWriteError):
        record_sent_note(store, _note(app_id, recipient_name="Bo"), date(2026, 11, 21), NOW)
    monkeypatch.undo()
    assert len(store.load("events")) == len(events_before)  # the event was put back
    assert len(store.load("sent_notes")) == 1


def test_a_stale_events_version_is_refused_too(store: Store) -> None:
    app_id = _application(store)
    drawn = {t: store.version(t) for t in ("events", "applications", "sent_notes")}
    from nextround.commands.applications import log_event
    log_event(store, {"application_id": app_id, "date": date(2026, 11, 20),
                      "kind": "rejection"}, NOW)  # another tab
    with pytest.raises(StaleDataError):
        record_sent_note(store, _note(app_id), date(2026, 11, 20), NOW,
                         expected_versions=drawn)
    assert store.load("sent_notes").empty


def test_a_note_already_marked_sent_in_another_tab_logs_nothing(store: Store) -> None:
    app_id = _application(store)
    version = store.version("sent_notes")
    record_sent_note(store, _note(app_id), date(2026, 11, 20), NOW)  # the other tab
    events_before = store.load("events")
    with pytest.raises(StaleDataError):
        record_sent_note(store, _note(app_id), date(2026, 11, 20), NOW,
                         expected_version=version)
    assert len(store.load("events")) == len(events_before)
    assert len(store.load("sent_notes")) == 1
