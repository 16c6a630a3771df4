"""A screen's snapshot: each table loaded once with the version it was read at, every broken
file reported together, and the user's settings read from it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nextround.commands.applications import add_application, update_application
from nextround.commands.settings import save_rule_settings
from nextround.domain.settings import RuleSettings
from nextround.storage.errors import DataFileError, StaleDataError
from nextround.storage.store import ABSENT, Store
from nextround.views import home
from nextround.views.snapshot import BrokenTables, Snapshot

NOW = datetime(2026, 3, 9, 10)


def _add(store: Store) -> str:
    return add_application(store, {"company": "Acme", "role": "Analyst", "stage": "applied",
                                   "date_applied": date(2026, 3, 2)}, NOW)


def test_a_snapshot_holds_each_table_and_the_version_it_was_read_at(store: Store) -> None:
    _add(store)
    snap = Snapshot.load(store, ["applications", "events", "applications", "actions"])
    assert list(snap.frames) == ["applications", "events", "actions"]  # each read once
    assert snap["applications"]["company"].tolist() == ["Acme"]
    assert snap.version("applications") == store.version("applications")
    assert snap.version("actions") == ABSENT and snap["actions"].empty
    assert snap.key == (str(store.data_dir), tuple(sorted(snap.versions.items())))


def test_versions_change_after_a_save_and_a_save_from_the_old_one_is_refused(
    store: Store,
) -> None:
    app_id = _add(store)
    before = Snapshot.load(store, home.TABLES)
    update_application(store, app_id, {"notes": "changed"}, NOW)
    after = Snapshot.load(store, home.TABLES)
    assert after.version("applications") != before.version("applications")
    assert after.version("events") == before.version("events")
    assert after.key != before.key
    with pytest.raises(StaleDataError):
        update_application(store, app_id, {"notes": "from the stale tab"}, NOW,
                           expected_version=before.version("applications"))
    update_application(store, app_id, {"notes": "after reload"}, NOW,
                       expected_version=after.version("applications"))


def test_every_broken_file_is_reported_together(store: Store) -> None:
    _add(store)
    store.path("events").write_text("id,application_id,date,kind\nE1,A00001,soon,interview\n")
    store.path("settings").write_text('id,value\n"unclosed,1\n')
    with pytest.raises(BrokenTables) as caught:
        Snapshot.load(store, home.TABLES)
    errors = caught.value.errors
    assert [e.table for e in errors] == ["events", "settings"]
    assert all(isinstance(e, DataFileError) for e in errors)
    message = str(caught.value)
    assert "events.csv" in message and "settings.csv" in message
    Snapshot.load(store, ["applications", "actions"])  # the readable ones still load


def test_settings_are_read_from_the_snapshot(store: Store) -> None:
    assert Snapshot.load(store, ["settings"]).settings == RuleSettings()
    save_rule_settings(store, RuleSettings(late_thank_you_after_days=5, max_follow_ups=1))
    snap = Snapshot.load(store, home.TABLES)
    assert isinstance(snap.settings, RuleSettings)
    assert snap.settings == RuleSettings(late_thank_you_after_days=5, max_follow_ups=1)
    assert snap.settings is snap.settings  # read once per snapshot
    assert Snapshot.load(store, ["applications"]).settings == RuleSettings()  # not read
