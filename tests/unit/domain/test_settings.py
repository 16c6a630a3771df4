"""The user's settings: every delay the follow-up rules use, read leniently and saved safely."""

from __future__ import annotations

from dataclasses import fields

import pytest

from nextround.commands.settings import save_rule_settings, save_values
from nextround.domain.settings import (
    SENDER,
    RuleSettings,
    get_setting,
    rule_settings,
)
from nextround.storage.errors import StaleDataError
from nextround.storage.frames import typed_frame
from nextround.storage.store import Store


def test_settings_round_trip_through_the_settings_table():
    custom = RuleSettings(max_follow_ups=1, nudge_after_days=10)
    stored = custom.to_mapping()
    assert stored["nudge_after_days"] == "10"
    assert RuleSettings.from_mapping(stored) == custom


def test_bad_or_unknown_settings_fall_back_to_defaults():
    loaded = RuleSettings.from_mapping(
        {"nudge_after_days": "soon", "max_follow_ups": "9", "theme": "dark", "min_active": " 5 "}
    )
    assert loaded.nudge_after_days == 7
    assert loaded.max_follow_ups == 2
    assert loaded.min_active == 5
    assert RuleSettings.from_mapping(None) == RuleSettings()


def test_defaults_follow_the_timing_advice():
    s = RuleSettings()
    assert (s.thank_you_business_days, s.late_thank_you_after_days) == (1, 3)
    assert (
        s.follow_up_after_decision_business_days,
        s.follow_up_after_interview_business_days,
    ) == (
        2,
        7,
    )
    assert (s.second_follow_up_business_days, s.max_follow_ups) == (5, 2)
    assert (s.no_response_after_days, s.nudge_after_days, s.rejection_reply_days) == (30, 7, 2)
    assert s.min_active == 3


def test_every_follow_up_setting_has_a_label_and_its_bounds() -> None:
    rows = RuleSettings.form_rows()
    countries = [r[0] for r in RuleSettings.country_rows()]
    assert [r[0] for r in rows] + countries == [f.name for f in fields(RuleSettings)]
    assert countries == ["holiday_country"]
    for name, label, low, high, help_text in rows:
        assert label and help_text and low <= getattr(RuleSettings(), name) <= high


def test_settings_round_trip_through_the_store(store: Store) -> None:
    changed = RuleSettings.from_mapping({"nudge_after_days": "10",
                                         "late_thank_you_after_days": "5"})
    save_rule_settings(store, changed)
    assert rule_settings(store.load("settings")).nudge_after_days == 10
    assert rule_settings(store.load("settings")) == changed


def test_a_hand_edited_settings_table_keeps_the_defaults_it_breaks() -> None:
    table = typed_frame("settings", [{"id": "nudge_after_days", "value": "999"},
                                     {"id": "max_follow_ups", "value": None},
                                     {"id": "min_active", "value": "4"}])
    assert rule_settings(table) == RuleSettings(min_active=4)
    assert rule_settings(typed_frame("settings", [])) == RuleSettings()


def test_save_values_keeps_the_other_rows_and_get_setting_reads_them(store: Store) -> None:
    save_rule_settings(store, RuleSettings(max_follow_ups=1))
    save_values(store, {SENDER: "  Sam Okafor "})
    table = store.load("settings")
    assert get_setting(table, SENDER) == "Sam Okafor"
    assert get_setting(table, "not-there", "fallback") == "fallback"
    assert rule_settings(table).max_follow_ups == 1
    save_values(store, {SENDER: "Sam O."})
    assert store.load("settings")["id"].tolist().count(SENDER) == 1


def test_a_save_from_a_stale_tab_is_refused(store: Store) -> None:
    _, version = store.load_with_version("settings")
    save_rule_settings(store, RuleSettings(max_follow_ups=1))  # another tab
    with pytest.raises(StaleDataError):
        save_rule_settings(store, RuleSettings(max_follow_ups=0), expected_version=version)
    assert rule_settings(store.load("settings")) == RuleSettings(max_follow_ups=1)
    # The sign-off name is another setting: saving it from the same old view is no conflict.
    save_values(store, {SENDER: "Tab one"}, expected_version=version)
    assert get_setting(store.load("settings"), SENDER) == "Tab one"
