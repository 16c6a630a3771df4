"""A save of a small table checks and writes on plain values (``storage.small``): it must say
exactly what the vectorised path says, and write exactly the bytes it writes."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from nextround.storage import small
from nextround.storage.frames import to_csv_text, typed_frame
from nextround.storage.schema import ACTIONS, EVENTS, PREP_PROGRESS, SELF_CHECKS, Table
from nextround.storage.store import Store
from nextround.storage.validation import frame_problems

_TEXT = st.one_of(st.none(), st.just(""), st.just("  "), st.text(
    alphabet=st.sampled_from('ab ,"\r\n\té;Z0'), max_size=8))
_DAY = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2110, 12, 31)))
_ID = st.one_of(st.sampled_from(["E1", "E2", "E3", "", " "]), st.none())


def _vectorised_bytes(table: Table, frame: pd.DataFrame) -> bytes:
    return to_csv_text(table, frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def _events(rows: list[dict]) -> pd.DataFrame:
    return typed_frame(EVENTS, rows)


_EVENT = st.fixed_dictionaries({
    "id": _ID,
    "application_id": _TEXT,
    "kind": st.one_of(st.sampled_from([*EVENTS.column("kind").choices[:3], "Party", ""]),
                      st.none()),
    "date": _DAY,
    "round": st.one_of(st.none(), st.integers(-3, 30)),
    "interview_type": st.one_of(st.none(), st.sampled_from(["phone", "video", "zoom"])),
    "notes": _TEXT,
    "decision_date": _DAY,
    "created_at": st.one_of(st.none(), st.datetimes(dt.datetime(1995, 1, 1),
                                                    dt.datetime(2105, 1, 1))),
})


@given(st.lists(_EVENT, max_size=12))
def test_events_checked_and_written_as_the_vectorised_path_does(rows):
    frame = _events(rows)
    assert small.save_problems(EVENTS, frame) == frame_problems(EVENTS, frame)
    assert small.csv_bytes(EVENTS, frame) == _vectorised_bytes(EVENTS, frame)


_TICK = st.fixed_dictionaries({
    "id": _ID,
    "interview_id": _TEXT,
    "item_id": st.sampled_from(["research", "questions", ""]),
    "done": st.one_of(st.none(), st.booleans()),
    "done_at": st.one_of(st.none(), st.datetimes(dt.datetime(2020, 1, 1),
                                                 dt.datetime(2030, 1, 1))),
})


@given(st.lists(_TICK, max_size=12))
def test_checklist_ticks_checked_and_written_as_the_vectorised_path_does(rows):
    frame = typed_frame(PREP_PROGRESS, rows)
    assert small.save_problems(PREP_PROGRESS, frame) == frame_problems(PREP_PROGRESS, frame)
    assert small.csv_bytes(PREP_PROGRESS, frame) == _vectorised_bytes(PREP_PROGRESS, frame)


def test_a_column_of_the_users_own_and_numbers_in_it_are_written_alike():
    frame = _events([{"id": "E1", "application_id": "A1", "kind": "note",
                      "date": dt.date(2026, 3, 9)}])
    frame["my column"] = pd.Series([2.0], dtype="float64")
    frame["flag"] = pd.Series([True], dtype=object)
    assert small.csv_bytes(EVENTS, frame) == _vectorised_bytes(EVENTS, frame)


def test_a_large_table_takes_the_vectorised_path(monkeypatch):
    frame = _events([{"id": f"E{i}", "application_id": "A1", "kind": "note",
                      "date": dt.date(2026, 3, 9)} for i in range(5)])
    monkeypatch.setattr(small, "SMALL_ROWS", 3)
    monkeypatch.setattr(small, "_problems", None)  # would fail if called
    assert small.save_problems(EVENTS, frame) == []
    assert small.csv_bytes(EVENTS, frame) == _vectorised_bytes(EVENTS, frame)


def test_a_saved_small_table_reads_back_as_it_was_saved(tmp_path):
    store = Store(tmp_path)
    rows = [{"id": "E1", "application_id": "A1", "kind": "note", "date": dt.date(2026, 3, 9),
             "notes": 'said "thanks",\r\nthen left', "round": 2}]
    store.replace("events", _events(rows))
    again = Store(tmp_path).load("events")  # a new store: parsed from the file itself
    assert again.loc[0, "notes"] == 'said "thanks",\r\nthen left'
    assert again.loc[0, "round"] == 2
    assert again.loc[0, "date"] == pd.Timestamp(2026, 3, 9)


_ANY = st.one_of(
    st.none(), st.text(max_size=4), st.integers(-2**60, 2**60), st.booleans(),
    st.floats(allow_nan=True), st.dates(dt.date(1990, 1, 1), dt.date(2110, 1, 1)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2110, 1, 1)),
    st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1),
                 timezones=st.just(dt.UTC)))


@pytest.mark.parametrize("table", [EVENTS, PREP_PROGRESS, SELF_CHECKS, ACTIONS],
                         ids=lambda t: t.name)
@given(data=st.data())
def test_one_row_is_typed_as_typed_frame_types_it(table, data):
    record = data.draw(st.dictionaries(
        st.sampled_from([*table.column_names, "my own"]), _ANY, max_size=8))
    try:
        expected = typed_frame(table, [record])
    except (ValueError, TypeError) as refused:  # the same refusal either way
        with pytest.raises(type(refused)):
            small.typed_row(table, record)
        return
    pd.testing.assert_frame_equal(small.typed_row(table, record), expected)


def test_a_row_the_commands_write_takes_the_direct_way(monkeypatch):
    monkeypatch.setattr(small, "typed_frame", None)  # would fail if called
    row = small.typed_row("actions", {"id": "A1:thanks:E1", "status": "done",
                                      "snoozed_until": None,
                                      "updated_at": pd.Timestamp(2026, 3, 9, 14, 30)})
    assert row.loc[0, "updated_at"] == pd.Timestamp(2026, 3, 9, 14, 30)
    assert pd.isna(row.loc[0, "snoozed_until"])
