"""What Home shows: the actions due, the interviews coming up and their prep, the search's health,
and the calendar file of it all.

The actions are the rule engine's (``followup.due_actions``), split the engine's way: a backlog
of long-overdue ones (``urgency.catch_up``) is one entry, the rest are listed by urgency, and
every list is labelled by what it holds.

Built from a snapshot of exactly the tables below, so the page caches it on their versions and
the command line's calendar export gives the same actions as the page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

import pandas as pd

from nextround.domain import (
    action_state,
    followup,
    pipeline,
    rules_update,
    urgency,
    waiting,
)
from nextround.domain.dates import DEFAULT_COUNTRY
from nextround.domain.interviews import interview_events, upcoming_interviews
from nextround.domain.kinds import action_kind
from nextround.domain.prep.checklist import checklist_plan, progress_summary
from nextround.views.snapshot import Snapshot

URGENCY_ICONS = {"overdue": ":material/error:", "today": ":material/today:",
                 "soon": ":material/schedule:", "later": ":material/event:"}
#: How a list of actions is described, urgency by urgency ("3 overdue, 1 due today").
URGENCY_PHRASES = {"overdue": "overdue", "today": "due today",
                   "soon": f"due in the next {urgency.SOON_DAYS} days",
                   "later": f"due in more than {urgency.SOON_DAYS} days"}


RECENT_DAYS = 7
UPCOMING_SHOWN = 5
#: Due actions drawn as cards; the rest of the pressing ones are listed in a table.
PRESSING_SHOWN = 8
#: Applications waiting on an answer that Home spells out (the most recent interview first).
WAITING_SHOWN = 3


@dataclass
class Today:
    actions: pd.DataFrame
    upcoming: pd.DataFrame
    health: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)
    #: Overdue or due today, without the backlog: the figure Pipeline shows too.
    due_now: int = 0
    to_check: pd.DataFrame = field(default_factory=pd.DataFrame)
    interviews: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Long-overdue actions gathered into one "catch up on these" entry (urgency.catch_up).
    backlog: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The rules' pass these actions come from (snoozed ones kept), for the waiting list's notes.
    ruled: followup.Ruled | None = None

    # Worked out once per view (the view is cached and shared): not on every rerun.
    @cached_property
    def pressing(self) -> pd.DataFrame:
        """Overdue, today and soon, without the backlog: what Home lists first, card by card."""
        urgent = self.actions["urgency"].isin(("overdue", "today", "soon"))
        return self.actions[urgent & ~self.actions.index.isin(self.backlog.index)]

    @cached_property
    def later(self) -> pd.DataFrame:
        return self.actions[self.actions["urgency"].eq("later")]

    @cached_property
    def cards(self) -> list[Any]:
        """The first pressing actions, each drawn as a card (rows as named tuples)."""
        return list(self.pressing.head(PRESSING_SHOWN).itertuples(index=False))

    @cached_property
    def upcoming_rows(self) -> list[Any]:
        """The interviews coming up as named tuples: made once per view, not on every rerun
        (``itertuples`` costs a column lookup per column, and these carry every event column)."""
        return list(self.upcoming.itertuples(index=False))

    @cached_property
    def to_check_rows(self) -> list[Any]:
        """The recent interviews to check, as named tuples (as ``upcoming_rows``)."""
        return list(self.to_check.itertuples(index=False))

    @cached_property
    def rest(self) -> pd.DataFrame:
        """The pressing actions past the first cards, listed in a table."""
        return self.pressing.iloc[PRESSING_SHOWN:]

    @cached_property
    def rest_described(self) -> str:
        return describe(self.rest)

    @cached_property
    def later_described(self) -> str:
        return describe(self.later)

    def calendar(self, now: datetime, today: date) -> bytes:
        """The .ics file: every action and every upcoming interview of an open application."""
        from nextround.domain import ics  # icalendar loads only when someone asks for the file

        return ics.actions_to_ics(self.actions, self.interviews, now, today)


#: The tables Home reads (and the calendar export with it).
TABLES = ("applications", "events", "actions", "prep_progress", "self_checks", "settings")


def build(snapshot: Snapshot, today: date) -> Today:
    """Home's view of the search on ``today``."""
    return assemble(snapshot, today, ruled_pass(snapshot, today), agenda(snapshot, today))


def ruled_pass(snapshot: Snapshot, today: date) -> followup.Ruled:
    """The rules' pass (snoozed actions kept). It reads the action states only for the keys
    marked done (``done_keys``), so the page caches it on those: a snooze never runs it."""
    return rules_pass(snapshot, today).ruled


def rules_pass(snapshot: Snapshot, today: date,
               previous: rules_update.RulesPass | None = None) -> rules_update.RulesPass:
    """``ruled_pass`` with what it was made from; from ``previous`` (this tab's last pass)
    only the applications changed since are run again (a Done runs the rules for one)."""
    return rules_update.run(snapshot["applications"], snapshot["events"], snapshot.settings,
                            today, snapshot["actions"],
                            (snapshot.data_dir, snapshot.version("applications"),
                             snapshot.version("settings")),
                            previous)


def done_keys(snapshot: Snapshot, today: date) -> frozenset[str]:
    """The action keys marked done: all the rules read of the action states."""
    return frozenset(action_state.hidden_keys(snapshot["actions"], pd.Timestamp(today))[0])


@dataclass(frozen=True)
class Agenda:
    """The part of Home that the due actions do not touch: the interviews coming up and the
    search's health. It reads the events only through their interviews and applications
    (``agenda_events``), so marking a note done or snoozing does not rebuild it."""

    upcoming: pd.DataFrame
    interviews: pd.DataFrame
    health: dict[str, Any]
    to_check: pd.DataFrame


#: The event kinds the agenda reads (interviews, and applying for the days since the last one).
AGENDA_KINDS = ("interview", "applied")


def agenda_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events the agenda reads: what a cache of it is keyed on (``fingerprint``)."""
    return events[events["kind"].isin(AGENDA_KINDS)]


def fingerprint(frame: pd.DataFrame) -> str:
    """A digest of every cell and the row order of ``frame``: a cache key for what is built
    from it (a view rebuilt only when these rows change, not when any row of the table does)."""
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return hashlib.blake2b(hashed.tobytes(), digest_size=16).hexdigest()


def agenda(snapshot: Snapshot, today: date) -> Agenda:
    applications, settings = snapshot["applications"], snapshot.settings
    events = agenda_events(snapshot["events"])
    interviews = upcoming_interviews(applications, events, today)
    return Agenda(
        upcoming=with_progress(interviews.head(UPCOMING_SHOWN), snapshot["prep_progress"], today,
                               settings.holiday_country),
        interviews=interviews,
        health=pipeline.health(applications, events, today, settings.min_active),
        to_check=recent_unchecked(applications, events, snapshot["self_checks"], today),
    )


def assemble(snapshot: Snapshot, today: date, ruled: followup.Ruled, parts: Agenda) -> Today:
    """Today's view from the rules' pass and the agenda: the snoozes applied and the actions
    sorted into lists (quick; the two costly parts are cached apart)."""
    actions = action_state.without_snoozed(ruled[0], snapshot["actions"], today)
    actions = actions.assign(
        title=[action_kind(k, n).title for k, n in zip(actions["kind"], actions["note_kind"],
                                                       strict=True)]
    )
    backlog = actions[urgency.catch_up(actions, today)]
    return Today(
        actions=actions,
        upcoming=parts.upcoming,
        health=parts.health,
        counts=urgency.summarise_urgency(actions.drop(index=backlog.index)),
        due_now=urgency.due_now(actions, today)[0],
        to_check=parts.to_check,
        interviews=parts.interviews,
        backlog=backlog,
        ruled=ruled,
    )


def describe(actions: pd.DataFrame) -> str:
    """What a list of actions holds, in words: "2 overdue, 3 due in the next 3 days".

    Every list on Home is labelled by this, so a label never promises "due soon" over a list
    of overdue items."""
    counts = urgency.summarise_urgency(actions)
    parts = [f"{n:,} {URGENCY_PHRASES[level]}" for level, n in counts.items() if n]
    return ", ".join(parts) or "nothing"


@dataclass(frozen=True)
class Waiting:
    """Home's waiting list: the applications waiting on an answer after an interview (the most
    recent interview first, ``WAITING_SHOWN`` at most) and how many are waiting in all."""

    shown: list[waiting.Expectation]
    total: int


def waiting_list(snapshot: Snapshot, today: date, ruled: followup.Ruled | None = None,
                 waits: pd.DataFrame | None = None) -> Waiting:
    """Built apart from ``build`` (the page caches it on its own and draws it last), so the due
    list never waits for the waits to be read. ``ruled`` is ``Today.ruled``: the notes of the
    applications shown come from the pass of the rules the due list was made from; ``waits``
    is ``waiting.interview_waits`` of the snapshot, when the page has it cached."""
    shown, total = waiting.expectations(snapshot["applications"], snapshot["events"],
                                        snapshot.settings, today, snapshot["actions"],
                                        limit=WAITING_SHOWN, ruled=ruled, waits=waits)
    return Waiting(shown, total)


def waiting_rows_key(snapshot: Snapshot, waits: pd.DataFrame, ruled: followup.Ruled) -> str:
    """What the waiting list reads beyond the waits, the settings and the applications' table
    version: the events and the due actions of the applications it shows. A cache key, so
    that a Done on any other application (a new event, a key marked done) leaves the list as
    it was instead of building it again."""
    shown = waiting.waiting_ids(waits)[:WAITING_SHOWN]
    events = snapshot["events"]
    actions, follow_up_days = ruled
    return "-".join((",".join(shown),
                     fingerprint(events[events["application_id"].isin(shown)]),
                     fingerprint(actions[actions["application_id"].isin(shown)]),
                     repr([follow_up_days.get(a) for a in shown])))


def recent_unchecked(
    applications: pd.DataFrame, events: pd.DataFrame, checks: pd.DataFrame | None, today: date,
) -> pd.DataFrame:
    """Interviews of the last week, on open applications, with no self-check saved yet: the
    moment the app exists for ("I think I blew it") deserves an invitation, not a menu item."""
    day = pd.Timestamp(today)
    joined = interview_events(applications, events)
    recent = joined[joined["date"].between(day - pd.Timedelta(days=RECENT_DAYS), day)
                    & joined["open"]]
    if checks is not None and not checks.empty:
        recent = recent[~recent["id"].isin(checks["event_id"].dropna())]
    return recent.sort_values("date", ascending=False, kind="stable").head(3)


def with_progress(upcoming: pd.DataFrame, progress: pd.DataFrame, today: date,
                  country: str = DEFAULT_COUNTRY) -> pd.DataFrame:
    """The interviews with how much of their prep checklist is ticked."""
    done, total = [], []
    for event_id, when in zip(upcoming["id"], upcoming["date"], strict=True):
        plan = checklist_plan(when.date(), today, progress, interview_id=event_id,
                              country=country)
        d, t, _ = progress_summary(plan)
        done.append(d)
        total.append(t)
    return upcoming.assign(prep_done=done, prep_total=total)
