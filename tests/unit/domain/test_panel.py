"""Who an event names: one row per person per application, whatever way the names were typed."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from nextround.domain.panel import people_named


def _events(rows: list[tuple[int, str | None]], index: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"app": [app for app, _ in rows],
                         "interviewers": pd.Series([cell for _, cell in rows], dtype="str",
                                                   index=index)}, index=index)


def test_each_person_once_per_application_and_a_row_for_an_event_naming_nobody() -> None:
    events = _events([(3, "Ana Lee; Bo  Chen"), (1, None), (3, "Ana Lee"), (2, " ; "),
                      (3, "O’Brien\r\nana lee")], index=[10, 11, 12, 13, 14])
    people = people_named(events)
    assert people.to_dict("split") == {
        "index": [10, 10, 14, 14, 11, 13],
        "columns": ["app", "name", "pkey"],
        # Ana Lee is named twice for application 3: one row, the first. "ana lee" as typed is
        # another spelling of her (same pkey), kept as written.
        "data": [[3, "Ana Lee", "ana lee"], [3, "Bo Chen", "bo chen"],
                 [3, "O’Brien", "o'brien"], [3, "ana lee", "ana lee"],
                 [1, "", ""], [2, "", ""]]}


def test_no_events_no_people() -> None:
    assert people_named(_events([], index=[])).empty


cells = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list("ab ;\n\r’'É\u0301\t")),
                                     max_size=12))


@given(st.lists(st.tuples(st.integers(0, 3), cells), max_size=8))
def test_every_name_typed_is_there_once_and_every_event_is_accounted_for(rows) -> None:
    events = _events(rows, index=list(range(len(rows)))[::-1])
    people = people_named(events)
    typed = {(app, " ".join(part.split())) for app, cell in rows if cell
             for part in cell.replace("\r", ";").replace("\n", ";").split(";")
             if part.split()}
    named = people[people["name"].ne("")]
    assert set(zip(named["app"], named["name"], strict=True)) == typed
    assert not named.duplicated(["app", "name"]).any()
    nobody = {label for label, (_, cell) in zip(events.index, rows, strict=True)
              if not (cell and any(part.split() for part in
                                   cell.replace("\r", ";").replace("\n", ";").split(";")))}
    assert set(people.index[people["name"].eq("")]) == nobody
    assert people["pkey"].eq("").equals(people["name"].eq(""))
