"""How to greet a person, confirmed once and remembered through the Store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from nextround.commands.notes import remember_greetings as remember
from nextround.domain.notes.greetings import changed, person_key, remembered
from nextround.domain.notes.people import parse_person
from nextround.storage.errors import StaleDataError
from nextround.storage.store import Store

NOW = datetime(2026, 3, 12, 9, 30, 15)


def test_a_confirmed_greeting_is_kept_per_person_under_any_spelling(tmp_path: Path) -> None:
    store = Store(tmp_path)
    minh = parse_person("Nguyen, Thi Minh")
    assert remembered(store.load("greetings"), minh) == ""
    remember(store, {minh: "Minh"}, NOW)
    table = store.load("greetings")
    assert remembered(table, minh) == "Minh"
    assert remembered(table, parse_person("Thi Minh Nguyen")) == "Minh"  # same name as read
    assert remembered(table, parse_person("Priya Raman")) == ""
    remember(store, {minh: "Ms. Nguyen"}, NOW)
    assert store.load("greetings")["greeting"].tolist() == ["Ms. Nguyen"]  # replaced, not added
    assert person_key(minh) == "thi minh nguyen"


def test_only_new_greetings_are_saved() -> None:
    minh, priya = parse_person("Nguyen, Thi Minh"), parse_person("Priya Raman")
    from nextround.storage.frames import typed_frame
    table = typed_frame("greetings", [{"id": person_key(minh), "greeting": "Minh"}])
    assert changed(table, {minh: "Minh", priya: ""}) == {}
    assert changed(table, {minh: " Minh  ", priya: "Dr. Raman"}) == {priya: "Dr. Raman"}


def test_a_stale_tab_cannot_overwrite_a_greeting(tmp_path: Path) -> None:
    store = Store(tmp_path)
    minh = parse_person("Nguyen, Thi Minh")
    remember(store, {minh: "Minh"}, NOW)
    _, version = store.load_with_version("greetings")
    remember(store, {minh: "Thi Minh"}, NOW)
    with pytest.raises(StaleDataError):
        remember(store, {minh: "Ms. Nguyen"}, NOW, expected_version=version)
    assert store.load("greetings")["greeting"].tolist() == ["Thi Minh"]
