"""What the person did about a due action: marked it done or snoozed it (actions.csv).

The follow-up rules read this to leave out what is done and hide what is snoozed; Home writes
it through ``nextround.commands.actions`` with the step ``marking``. A done thank-you also
counts as contact made, so the rules read the done keys on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from nextround.domain.applications import append, stamp
from nextround.storage.changes import Step
from nextround.storage.errors import StaleDataError
from nextround.text import choice_keys


def hidden_keys(action_state: pd.DataFrame | None, today: pd.Timestamp) -> tuple[set, set]:
    """(done keys, keys to hide today). A snooze with no date cannot expire, so it hides nothing."""
    if action_state is None or action_state.empty:
        return set(), set()
    status = choice_keys(action_state["status"])
    ids = action_state["id"].astype("str")
    done = set(ids[status.eq("done")].dropna())
    until = pd.to_datetime(action_state["snoozed_until"], errors="coerce").dt.normalize()
    snoozed = set(ids[status.eq("snoozed") & (until > today)].dropna())
    return done, done | snoozed


class AlreadyDone(StaleDataError):
    """The action is marked done already: by a second press of the same button (a double
    click), or in another tab. Refused before anything is written, so nothing is logged twice."""

    def __init__(self) -> None:
        super().__init__("actions")
        Exception.__init__(self, "Already marked done (by a second press, or in another "
                                 "tab), so nothing was changed.")


def marking(keys: Sequence[str], status: str, now: dt.datetime,
             snoozed_until: dt.date | None) -> Step:
    """The step that writes the actions' rows. An action done already stays done: marking it
    done again is refused with AlreadyDone (the step runs under the table's lock, so two tabs
    cannot both pass), and a snooze of several leaves it out (a backlog listed before it was
    done), of it alone is refused too."""

    def upsert(frame: pd.DataFrame) -> pd.DataFrame:
        status_now = choice_keys(frame["status"])
        done = set(frame.loc[frame["id"].isin(keys) & status_now.eq("done"), "id"])
        marked = [k for k in keys if k not in done]
        if done and (status == "done" or not marked):
            raise AlreadyDone
        frame = frame[~frame["id"].isin(marked)]
        for k in marked:
            frame = append(frame, "actions", {"id": k, "status": status,
                                              "snoozed_until": snoozed_until,
                                              "updated_at": stamp(now)})
        return frame

    return ("actions", upsert)


def without_snoozed(actions: pd.DataFrame, action_state: pd.DataFrame | None,
                    today: dt.date) -> pd.DataFrame:
    """The actions less those snoozed until after ``today``."""
    done, hidden = hidden_keys(action_state, pd.Timestamp(today).normalize())
    snoozed = hidden - done
    if not snoozed or actions.empty:
        return actions
    return actions[not_marked(actions, snoozed)].reset_index(drop=True)


def not_marked(actions: pd.DataFrame, keys: set[str]) -> pd.Series:
    """Per action: its key is not among ``keys``. Finishing or snoozing a thank-you also covers
    it once it turns into a late thank-you."""
    anchor = actions["anchor_event_id"].fillna("").astype(str)
    person = actions["person"].fillna("").astype(str) if "person" in actions else ""
    who = (":" + person).where(person.ne(""), "") if "person" in actions else ""
    alias = actions["application_id"] + ":thank-you:" + anchor + who
    is_late = actions["kind"].eq("late thank-you")
    return ~actions["key"].isin(keys) & ~(is_late & alias.isin(keys))
