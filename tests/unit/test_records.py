"""The changes people make through the screens: ids, stage following events, sent notes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from nextround.domain import records
from nextround.domain.followup import RuleSettings
from nextround.storage.errors import StaleDataError
from nextround.storage.store import Store

NOW = datetime(2026, 11, 20, 10, 30)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def add(store: Store, **extra) -> str:
    record = {"company": "Acme", "role": "Analyst", "stage": "applied",
              "date_applied": date(2026, 11, 1)} | extra
    return records.add_application(store, record, NOW)


def test_add_application_numbers_ids_and_logs_applied(store: Store) -> None:
    first, second = add(store), add(store, company="Beta")
    assert (first, second) == ("A00001", "A00002")
    events = store.load("events")
    assert events["kind"].tolist() == ["applied", "applied"]
    assert events["application_id"].tolist() == [first, second]


def test_wishlist_entry_has_no_applied_event(store: Store) -> None:
    add(store, stage="wishlist", date_applied=None)
    assert store.load("events").empty


def test_logging_events_moves_the_stage_and_closes_with_outcome(store: Store) -> None:
    app_id = add(store)
    records.log_event(store, {"application_id": app_id, "date": date(2026, 11, 5),
                              "kind": "interview", "round": 1}, NOW)
    assert store.load("applications").loc[0, "stage"] == "interviewing"
    records.log_event(store, {"application_id": app_id, "date": date(2026, 11, 9),
                              "kind": "thank-you sent"}, NOW)
    assert store.load("applications").loc[0, "stage"] == "interviewing"
    records.log_event(store, {"application_id": app_id, "date": date(2026, 11, 12),
                              "kind": "rejection"}, NOW)
    app = store.load("applications").iloc[0]
    assert (app["stage"], app["outcome"]) == ("closed", "rejected")


def test_edit_from_a_stale_tab_is_refused(store: Store) -> None:
    app_id = add(store)
    _, version = store.load_with_version("applications")
    records.update_application(store, app_id, {"notes": "tab two"}, NOW)
    with pytest.raises(StaleDataError):
        records.update_application(store, app_id, {"notes": "tab one"}, NOW,
                                   expected_version=version)
    assert store.load("applications").loc[0, "notes"] == "tab two"


def test_delete_keeps_or_removes_events_as_chosen(store: Store) -> None:
    keep, drop = add(store), add(store, company="Beta")
    records.delete_application(store, keep, keep_events=True)
    records.delete_application(store, drop, keep_events=False)
    assert store.load("applications").empty
    assert store.load("events")["application_id"].tolist() == [keep]


def test_sent_note_logs_event_and_keeps_text(store: Store) -> None:
    app_id = add(store)
    event_id, note_id = records.record_sent_note(
        store,
        {"application_id": app_id, "kind": "late thank-you", "tone": "warm",
         "recipient_name": "Zoë", "subject": "Thanks", "body": "Dear Zoë,\n{{ not code }}"},
        date(2026, 11, 20), NOW)
    events = store.load("events")
    assert events.set_index("id").loc[event_id, "kind"] == "thank-you sent"
    note = store.load("sent_notes").iloc[0]
    assert note["id"] == note_id and note["body"] == "Dear Zoë,\n{{ not code }}"


def test_settings_round_trip(store: Store) -> None:
    changed = RuleSettings.from_mapping({"nudge_after_days": "10"})
    records.save_settings(store, changed)
    assert records.load_settings(store).nudge_after_days == 10
    assert records.load_settings(store) == changed


def test_action_state_upserts(store: Store) -> None:
    records.set_action_state(store, "A1:thank-you:E1", "snoozed", NOW, date(2026, 11, 22))
    records.set_action_state(store, "A1:thank-you:E1", "done", NOW)
    actions = store.load("actions")
    assert actions["status"].tolist() == ["done"]
