"""The rules' pass brought up to date for the applications that changed, not run for them all.

The rules are per application: an action reads only its own application's row, its events, the
settings and the done keys of its own actions. So after a click changed one application (Done
logs one event and marks one key done), the rest of the last pass stands and only that
application is run again. On a small search this is most of a click's work: the rules are
grouped pandas operations, whose cost per operation does not shrink with the rows. On a large
one a whole pass is cheap for its size and the comparison would not be: it runs in full.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nextround.domain.action_state import hidden_keys
from nextround.domain.followup import Ruled, rules
from nextround.domain.settings import RuleSettings

#: Up to this many events a changed application is found by comparing the events; past it the
#: rules run in full (vectorised, they cost little per row there).
SMALL_EVENTS = 5_000
SORT = ["due", "company", "application_id", "kind"]


@dataclass(frozen=True)
class RulesPass:
    """One pass of the rules and what it was made from (to bring it up to date from)."""

    ruled: Ruled
    today: dt.date
    #: The data folder and the versions of the tables the pass read in full (applications,
    #: settings): when any differs, every application may have changed.
    versions: tuple
    events: pd.DataFrame
    done: frozenset[str]


def run(applications: pd.DataFrame, events: pd.DataFrame, settings: RuleSettings,
        today: dt.date, action_state: pd.DataFrame | None, versions: tuple,
        previous: RulesPass | None = None) -> RulesPass:
    """``followup.rules`` of these tables; from ``previous`` when only some applications'
    events or done keys changed since (the same result, for less work). ``versions`` are
    the data folder and the versions of the applications and the settings: when any changed
    (another folder too: the sample search), every application may have, and the pass runs in
    full."""
    done = frozenset(hidden_keys(action_state, pd.Timestamp(today).normalize())[0])
    changed = None
    if (previous is not None and previous.today == today and previous.versions == versions
            and len(events) <= SMALL_EVENTS and len(previous.events) <= SMALL_EVENTS):
        changed = _changed_applications(previous, events, done, applications["id"])
    if changed is None:
        ruled = rules(applications, events, settings, today, action_state)
    else:
        ruled = _updated(previous.ruled, changed, applications, events, settings, today,
                         action_state)
    return RulesPass(ruled, today, versions, events, done)


def _changed_applications(previous: RulesPass, events: pd.DataFrame, done: frozenset[str],
                          ids: pd.Series) -> set[str] | None:
    """The applications whose events or done keys differ from ``previous``'s; None when that
    cannot be told (the columns changed, or a key names no known application)."""
    if list(events.columns) != list(previous.events.columns):
        return None
    before = pd.util.hash_pandas_object(previous.events, index=False).to_numpy()
    after = pd.util.hash_pandas_object(events, index=False).to_numpy()
    gone = previous.events.loc[~np.isin(before, after), "application_id"]
    new = events.loc[~np.isin(after, before), "application_id"]
    changed = {str(a) for a in (*gone.dropna(), *new.dropna())}
    known = [str(i) for i in ids.dropna().unique()]
    for key in done ^ previous.done:  # "<application>:<kind>:<anchor>[:<person>]"
        owners = [i for i in known if key.startswith(i + ":")]
        if not owners:
            return None
        changed.update(owners)
    return changed


def _updated(ruled: Ruled, changed: set[str], applications: pd.DataFrame,
             events: pd.DataFrame, settings: RuleSettings, today: dt.date,
             action_state: pd.DataFrame | None) -> Ruled:
    """``ruled`` with the actions and follow-up days of ``changed`` worked out again."""
    actions, days = ruled
    if not changed:
        return ruled
    mine = applications[applications["id"].isin(changed)]
    fresh, fresh_days = rules(mine, events[events["application_id"].isin(changed)], settings,
                              today, action_state)
    kept = actions[~actions["application_id"].isin(changed)]
    merged = pd.concat([kept, fresh], ignore_index=True) if not fresh.empty else kept
    merged = merged.sort_values(SORT, kind="stable").reset_index(drop=True)
    days = {a: d for a, d in days.items() if a not in changed} | fresh_days
    return merged, days
