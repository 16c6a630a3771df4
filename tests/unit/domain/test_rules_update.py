"""A Done on Home runs the rules again for its one application: the result must be the pass
of the whole search, whatever changed since the last one."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd

from nextround.commands import actions as action_state
from nextround.commands.applications import log_event
from nextround.commands.sample import write_sample
from nextround.domain import followup, rules_update
from nextround.domain.kinds import action_kind
from nextround.domain.settings import RuleSettings
from nextround.storage.store import Store

TODAY = date(2026, 3, 11)
NOW = datetime(2026, 3, 11, 9, 0)


def _pass(store: Store, previous: rules_update.RulesPass | None) -> rules_update.RulesPass:
    apps, app_version = store.load_with_version("applications")
    return rules_update.run(apps, store.load("events"), RuleSettings(), TODAY,
                            store.load("actions"),
                            (app_version,), previous)


def _full(store: Store) -> followup.Ruled:
    return followup.rules(store.load("applications"), store.load("events"), None, TODAY,
                          store.load("actions"))


def _same(updated: rules_update.RulesPass, store: Store) -> None:
    actions, days = _full(store)
    pd.testing.assert_frame_equal(updated.ruled[0], actions)
    assert updated.ruled[1] == days


def test_after_each_done_and_snooze_the_update_is_the_whole_pass(tmp_path: Path,
                                                                monkeypatch) -> None:
    sizes: list[int] = []

    def counted(applications, *args):
        sizes.append(len(applications))
        return followup.rules(applications, *args)

    monkeypatch.setattr(rules_update, "rules", counted)
    write_sample(tmp_path / "data", TODAY, applications=40, seed=3)
    store = Store(tmp_path / "data")
    last = _pass(store, None)
    _same(last, store)
    for n in range(4):
        row = last.ruled[0].iloc[n * 2]
        event = {"application_id": row["application_id"], "date": TODAY,
                 "kind": action_kind(row["kind"]).done_event, "details": "done on Home",
                 "interviewers": row["person"] or None}
        action_state.mark_done(store, row["key"], event, NOW)
        last = _pass(store, last)
        _same(last, store)
    snoozed = last.ruled[0]["key"].iloc[0]
    action_state.mark_action(store, snoozed, "snoozed", NOW, date(2026, 3, 20))
    last = _pass(store, last)
    _same(last, store)
    assert snoozed in set(last.ruled[0]["key"])  # the pass keeps snoozed actions
    assert sizes[0] == 40 and 1 in sizes[1:]  # a Done ran the rules for its one application
    assert len(sizes) == 5  # the snooze ran none


def test_an_event_logged_elsewhere_is_seen_for_its_own_application(tmp_path: Path) -> None:
    """A change another tab made to another application is picked up as well."""
    write_sample(tmp_path / "data", TODAY, applications=30, seed=5)
    store = Store(tmp_path / "data")
    last = _pass(store, None)
    other = last.ruled[0]["application_id"].iloc[-1]
    version = store.load_with_version("applications")[1]
    log_event(store, {"application_id": other, "date": TODAY, "kind": "follow-up sent"}, NOW)
    assert store.load_with_version("applications")[1] == version  # the update path, not a rerun
    _same(_pass(store, last), store)


def test_a_changed_application_table_runs_every_application(tmp_path: Path) -> None:
    write_sample(tmp_path / "data", TODAY, applications=20, seed=7)
    store = Store(tmp_path / "data")
    last = _pass(store, None)

    def close_all(apps: pd.DataFrame) -> pd.DataFrame:
        return apps.assign(outcome="withdrew")

    store.update("applications", close_all)
    fresh = _pass(store, last)
    _same(fresh, store)
    assert fresh.ruled[0].empty or not fresh.ruled[0]["kind"].isin(["thank-you"]).any()
