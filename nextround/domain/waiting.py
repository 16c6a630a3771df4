"""When will I hear back: the person's own waits after interviews, and a dated, honest
expectation for each application still waiting.

An interview's wait ends at the first answer on the interview day or after it: "heard back", an
offer, a rejection, or a later round, which is an answer from the day it was logged (a round
booked three months out was an invitation the day it came; ``event_meaning``). A wait that has
not ended (still open, or closed with no response or a withdrawal) is censored: it counts as
lasting at least that long, never as missing and never as an answer. The Kaplan-Meier estimator
turns those waits into the share still waiting after each number of days; with fewer than
``MIN_ANSWERS`` answers there is no estimate, and the words say so instead of showing a number.

The follow-up date is never worked out here: it is ``next_note``'s, the same date Home, Notes,
the plan and the calendar give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from nextround.domain.applications import awaiting_answer
from nextround.domain.catalog import load_catalog
from nextround.domain.dates import format_day
from nextround.domain.event_meaning import reply_dates
from nextround.domain.figures import cite_in
from nextround.domain.followup import Ruled
from nextround.domain.kinds import COMBINED
from nextround.domain.next_note import NextNote, next_note, next_notes
from nextround.domain.settings import RuleSettings
from nextround.event_kinds import kinds_where
from nextround.text import choice_keys, plural

#: Replies that end a wait (a later round, booked ahead, is one too: see ``interview_waits``).
ANSWER_KINDS = kinds_where(reply=True, booked=False)
#: Interviews: the rounds whose waits are measured, and an answer to the round before.
ROUND_KINDS = kinds_where(booked=True)
#: Endings that are not an answer: the wait is censored there.
UNANSWERED_KINDS = kinds_where(ends_wait=True)
#: Every kind ``interview_waits`` reads: no other event (a note sent) changes a wait.
WAIT_KINDS = frozenset({*ANSWER_KINDS, *ROUND_KINDS, *UNANSWERED_KINDS})
#: Answers needed before the person's own history gives a number.
MIN_ANSWERS = 5
WAIT_COLUMNS = ("application_id", "interview_id", "interview_date", "days", "answered",
                "waiting_now")
KM_COLUMNS = ("days", "at_risk", "answered", "censored", "still_waiting")


def words() -> dict[str, Any]:
    return load_catalog("waiting")


def for_perspective() -> tuple[str, tuple[str, ...]]:
    """The published figure set beside the person's own waits, in a sentence, and its sources
    (the figure and its source are figures.toml's; the sentence is waiting.toml's)."""
    return cite_in(words()["public"]["text"])


# --- the estimator -----------------------------------------------------------------------------


def kaplan_meier(days: Any, answered: Any) -> pd.DataFrame:
    """The Kaplan-Meier table of waits: one row per distinct length, shortest first.

    ``days`` are wait lengths and ``answered`` whether each wait ended in an answer (False:
    censored, "at least this long"). Columns: days, at_risk (waits still running at the start
    of that day, censored ones of the same length included), answered, censored and
    still_waiting, the estimated share still without an answer after that many days. Rows with
    a missing or negative length are left out; the order of the input does not matter.
    """
    frame = pd.DataFrame({"days": pd.to_numeric(pd.Series(days), errors="coerce"),
                          "answered": pd.Series(answered).astype("boolean").fillna(False)})
    frame = frame[frame["days"].notna() & (frame["days"] >= 0)]
    grouped = frame.groupby("days", sort=True)["answered"].agg(["sum", "size"])
    answers = grouped["sum"].to_numpy(dtype="int64")
    total = grouped["size"].to_numpy(dtype="int64")
    at_risk = total[::-1].cumsum()[::-1]
    still = np.cumprod(1.0 - answers / np.where(at_risk > 0, at_risk, 1))
    return pd.DataFrame({
        "days": grouped.index.to_numpy(dtype="int64"),
        "at_risk": at_risk,
        "answered": answers,
        "censored": total - answers,
        "still_waiting": still.astype("float64"),
    }, columns=list(KM_COLUMNS))


def share_still_waiting(table: pd.DataFrame, day: float) -> float:
    """The estimated share still without an answer after ``day`` days (1.0 before any answer)."""
    reached = table[table["days"] <= day]
    return float(reached["still_waiting"].iloc[-1]) if len(reached) else 1.0


def days_until_answered(table: pd.DataFrame, share: float) -> int | None:
    """The fewest days by which ``share`` of the waits had an answer; None if never reached."""
    done = table[table["still_waiting"] <= 1.0 - share + 1e-9]
    return int(done["days"].iloc[0]) if len(done) else None


def days_more_until_answered(table: pd.DataFrame, waited: int, share: float = 0.5) -> int | None:
    """Given no answer after ``waited`` days, the fewest more days by which ``share`` of the
    waits that lasted that long had an answer (the conditional estimate: the still-waiting
    share after ``waited + n`` days divided by the share after ``waited``). None when too few
    of them ever heard, or none waited that long."""
    base = share_still_waiting(table, waited)
    if base <= 0:
        return None
    later = table[table["days"] > waited]
    done = later[later["still_waiting"] / base <= 1.0 - share + 1e-9]
    return int(done["days"].iloc[0]) - int(waited) if len(done) else None


# --- the person's waits -------------------------------------------------------------------------


def _first_after(interviews: pd.DataFrame, later: pd.DataFrame, same_day: bool = True,
                 key: str = "date") -> np.ndarray:
    """For each interview, the ``at`` of the first of ``later`` whose ``key`` date is on the
    interview day (when ``same_day``) or after it (NaT if none).

    Both frames carry ``app`` (the application's number) and ``date``; ``later`` may carry
    ``at``, the day it counts from (its ``date`` when absent)."""
    if later.empty or interviews.empty:
        return np.full(len(interviews), np.datetime64("NaT"), dtype="datetime64[us]")
    at = later["at"] if "at" in later else later["date"]
    right = pd.DataFrame({"app": later["app"].to_numpy(), "key": later[key].to_numpy(),
                          "after": at.to_numpy()}).sort_values("key", kind="stable")
    left = pd.DataFrame({"app": interviews["app"].to_numpy(),
                         "date": interviews["date"].to_numpy(),
                         "row": np.arange(len(interviews))}).sort_values("date", kind="stable")
    found = pd.merge_asof(left, right, left_on="date", right_on="key", by="app",
                          direction="forward", allow_exact_matches=same_day)
    out = np.full(len(interviews), np.datetime64("NaT"), dtype="datetime64[us]")
    out[found["row"].to_numpy()] = found["after"].to_numpy(dtype="datetime64[us]")
    return out


def _numbered_events(apps: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The dated events of these applications, each with its application's number in ``app``
    (matching on integers rather than id text keeps a long search fast) and a clean kind."""
    codes = pd.Index(apps["id"]).get_indexer(events["application_id"])
    keep = (codes >= 0) & events["date"].notna().to_numpy()
    kept = events.loc[keep]
    return pd.DataFrame({
        "app": codes[keep],
        "id": kept["id"].astype("str").to_numpy(),
        "date": kept["date"].to_numpy(dtype="datetime64[us]"),
        "kind": choice_keys(kept["kind"]).to_numpy(),
        "reply_on": reply_dates(kept).to_numpy(dtype="datetime64[us]"),
    })


def wait_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events ``interview_waits`` reads (the rest change no wait): what a cache of the
    waits is keyed on, and all it needs to be given."""
    return events[events["kind"].astype("str").str.strip().str.lower().isin(WAIT_KINDS)]


def interview_waits(applications: pd.DataFrame, events: pd.DataFrame,
                    today: dt.date) -> pd.DataFrame:
    """Every past interview's wait for an answer, one row each (columns ``WAIT_COLUMNS``).

    ``days`` runs from the interview to the answer, or to the censoring day: the day it closed
    unanswered, or today for an application still waiting (``waiting_now``). Interviews whose
    application closed with no dated ending are left out: there is no day to place them on.
    """
    day = np.datetime64(pd.Timestamp(today).normalize().date(), "us")
    apps = applications[applications["id"].notna()].drop_duplicates("id")
    apps = apps[apps["stage"].astype("str").str.strip().str.lower().ne("wishlist")]
    awaiting = awaiting_answer(apps).to_numpy(dtype=bool)
    ev = _numbered_events(apps, events)
    past = ev["date"].to_numpy() <= day
    booked = ev["kind"].isin(ROUND_KINDS).to_numpy()
    interviews = ev[booked & past].reset_index(drop=True)
    # An answer on the interview day counts (a rejection the same afternoon is a wait of 0 days).
    answered_on = _first_after(interviews, ev[ev["kind"].isin(ANSWER_KINDS).to_numpy() & past])
    # The next round (dated after this one) answered on the day it was logged; one booked before
    # this interview took place was known then: a wait of no days.
    rounds = ev[booked].assign(at=ev.loc[booked, "reply_on"])
    next_round = _first_after(interviews, rounds, same_day=False)
    started = interviews["date"].to_numpy(dtype="datetime64[us]")
    next_round = np.where(np.isnat(next_round), next_round, np.maximum(next_round, started))
    answered_on = np.fmin(answered_on, next_round)  # fmin: a missing date never wins
    closed_on = _first_after(interviews, ev[ev["kind"].isin(UNANSWERED_KINDS).to_numpy() & past])
    has_answer, closed = ~np.isnat(answered_on), ~np.isnat(closed_on)
    answered = has_answer & ~(closed & (closed_on < answered_on))
    now = ~answered & ~closed & awaiting[interviews["app"].to_numpy()]
    end = np.where(answered, answered_on, np.where(closed, closed_on, day))
    known = (answered & (end <= day)) | closed | now
    out = pd.DataFrame({
        "application_id": apps["id"].to_numpy()[interviews["app"].to_numpy()],
        "interview_id": interviews["id"].to_numpy(),
        "interview_date": started,
        "days": ((end - started) // np.timedelta64(1, "D")).astype("int64"),
        "answered": answered,
        "waiting_now": now,
    }, columns=list(WAIT_COLUMNS))
    out = out[known].reset_index(drop=True)
    for name in ("application_id", "interview_id"):
        out[name] = out[name].astype("str")
    out["interview_date"] = out["interview_date"].astype("datetime64[us]")
    return out


@dataclass(frozen=True)
class History:
    """What the person's own past waits say: the Kaplan-Meier table and what it rests on."""

    table: pd.DataFrame
    waits: int
    answers: int
    days: tuple[int, ...] = ()

    @property
    def enough(self) -> bool:
        return self.answers >= MIN_ANSWERS

    @property
    def unanswered(self) -> int:
        """Waits with no answer (yet): still waiting, or closed without an answer."""
        return self.waits - self.answers

    @cached_property
    def median_days(self) -> int | None:
        """Days within which half of the waits had an answer (None: not enough, or never)."""
        return days_until_answered(self.table, 0.5) if self.enough else None

    def longer_than(self, waited: int) -> int:
        """How many waits actually lasted longer than ``waited`` days (answered or not)."""
        return sum(d > waited for d in self.days)


def history(waits: pd.DataFrame) -> History:
    table = kaplan_meier(waits["days"], waits["answered"])
    days = tuple(int(d) for d in pd.to_numeric(waits["days"], errors="coerce").dropna())
    return History(table, len(waits), int(waits["answered"].sum()), days)


# --- one application's expectation --------------------------------------------------------------


@dataclass(frozen=True)
class Expectation:
    """What to expect for one application waiting on an answer after an interview.

    It is said in words, each part from its own source: ``said`` (the decision date they gave,
    with the caveat that such dates slip), ``own`` (the person's own history), ``public`` (a
    published figure in its own context) and ``follow_up`` (the date from the rules); ``lines``
    is all of them in that order. ``sources`` name where the words come from.
    """

    application_id: str
    company: str
    role: str
    interview_id: str
    interview_date: dt.date
    days_waited: int
    decision_date: dt.date | None
    follow_up_due: dt.date | None
    said: tuple[str, ...]
    own: tuple[str, ...]
    public: str
    follow_up: tuple[str, ...]
    sources: tuple[str, ...]
    history: History

    @property
    def lines(self) -> tuple[str, ...]:
        return (*self.said, *self.own, self.public, *self.follow_up)


def _days(n: int) -> str:
    return plural(n, "day")


def _said(decision: dt.date | None, today: dt.date) -> list[str]:
    said = words()["said"]
    if decision is None:
        return [said["none"]]
    key = "ahead" if decision > today else "today" if decision == today else "passed"
    return [said[key].format(decision=format_day(decision, today)), said["caveat"]]


def _too_few(past: History) -> str:
    answers = "no answers" if not past.answers else (
        "one answer" if past.answers == 1 else f"{past.answers} answers")
    return words()["own"]["too_few"].format(answers=answers, needed=MIN_ANSWERS)


def _basis(past: History) -> str:
    return words()["own"]["basis"].format(answers=past.answers, waits=past.waits,
                                          open=past.unanswered)


def _estimated(share: float) -> str:
    """A share from the estimator in words: "about half" near 50%, else "an estimated 47%"."""
    return "about half" if abs(share - 0.5) < 0.005 else f"an estimated {share:.0%}"


def own_history_lines(past: History, interview_date: dt.date, waited: int,
                      today: dt.date) -> list[str]:
    """The person's own history in words: a dated expectation, or why there is no number.

    Past the median (or exactly at it, said as such), the date comes from the conditional
    estimate: of the interviews that waited this long, when about half of them heard. An
    estimated share is always shown beside what actually happened ("4 of 13 actually did").
    ``past`` includes this wait itself, so the others are one fewer.
    """
    own = words()["own"]
    if not past.enough:
        return [_too_few(past)]
    basis = _basis(past)
    share = _estimated(share_still_waiting(past.table, waited))
    counts = {"longer": past.longer_than(waited), "others": max(past.waits - 1, 0)}
    median = past.median_days
    if median is None:
        return [own["under_half"].format(share=share, days=_days(waited), **counts), basis]
    if waited < median:
        by = format_day(interview_date + dt.timedelta(days=median), today)
        return [own["ahead"].format(median=_days(median), by=by), basis]
    compare = own["compare_equal"] if waited == median else own["compare_longer"]
    more = days_more_until_answered(past.table, waited)
    if more is None:
        return [own["past_no_date"].format(median=_days(median), compare=compare, share=share,
                                           **counts), basis]
    by = format_day(interview_date + dt.timedelta(days=waited + more), today)
    return [own["past"].format(median=_days(median), compare=compare, more=_days(more), by=by),
            basis]


def method() -> tuple[str, str]:
    """(title, text) of "How is this worked out?": the method, kept out of the main lines."""
    own = words()["own"]
    return own["method_title"], own["method"].format(needed=MIN_ANSWERS)


def history_summary(past: History) -> list[str]:
    """The person's own history in general (not for one wait): the median, or why no number."""
    own = words()["own"]
    if not past.enough:
        return [_too_few(past)]
    if past.median_days is None:
        return [own["summary_under_half"], _basis(past)]
    return [own["summary"].format(median=_days(past.median_days)), _basis(past)]


def follow_up_date(note: NextNote) -> tuple[dt.date | None, bool]:
    """(the day a follow-up becomes due, whether the follow-ups are used up), from the rules'
    next note: its own date when the next note is a follow-up, else the one after the thanks."""
    if note.stop:
        return None, True
    if note.kind in ("follow-up", COMBINED) and note.due is not None:
        return note.due, False
    return note.follow_up_due, False


def _follow_up_line(due: dt.date | None, stop: bool, today: dt.date) -> list[str]:
    follow = words()["follow_up"]
    if stop:
        return [follow["stop"]]
    if due is None:
        return []
    key = "ahead" if due > today else "today" if due == today else "passed"
    return [follow[key].format(due=format_day(due, today))]


def _decision_date(events: pd.DataFrame, interview_date: pd.Timestamp) -> dt.date | None:
    """The latest decision date logged on the interview or since (as the rules read it)."""
    since = events[(events["date"] >= interview_date) & events["decision_date"].notna()]
    if since.empty:
        return None
    return since.sort_values("date", kind="stable")["decision_date"].iloc[-1].date()


def expectation(applications: pd.DataFrame, events: pd.DataFrame, settings: RuleSettings | None,
                today: dt.date, application_id: str, waits: pd.DataFrame, past: History,
                action_state: pd.DataFrame | None = None,
                note: NextNote | None = None) -> Expectation | None:
    """The expectation for one application, or None when it is not waiting on an answer after
    an interview (no interview yet, one still ahead, an answer logged, or closed).

    ``waits`` and ``past`` are ``interview_waits`` and ``history`` of the whole search, computed
    once per screen; the applications and events may be only this application's. ``note`` is
    this application's ``next_note`` when the caller has asked the rules already.
    """
    mine = waits[waits["application_id"].eq(application_id) & waits["waiting_now"]]
    app = applications[applications["id"].eq(application_id)]
    if mine.empty or app.empty:
        return None
    wait = mine.sort_values("interview_date", kind="stable").iloc[-1]
    own = events[events["application_id"].eq(application_id)]
    if note is None:
        note = next_note(app, own, settings, today, application_id, action_state)
    due, stop = follow_up_date(note)
    interview_day = wait["interview_date"].date()
    decision = _decision_date(own, wait["interview_date"])
    public, public_sources = for_perspective()
    sources = ((words()["said"]["source"],) if decision else ()) + public_sources
    row = app.iloc[0]
    return Expectation(
        application_id=application_id,
        company=row["company"] if isinstance(row["company"], str) else "",
        role=row["role"] if isinstance(row["role"], str) else "",
        interview_id=str(wait["interview_id"]),
        interview_date=interview_day,
        days_waited=int(wait["days"]),
        decision_date=decision,
        follow_up_due=due,
        said=tuple(_said(decision, today)),
        own=tuple(own_history_lines(past, interview_day, int(wait["days"]), today)),
        public=public,
        follow_up=tuple(_follow_up_line(due, stop, today)),
        sources=sources,
        history=past,
    )


def waiting_ids(waits: pd.DataFrame) -> list[str]:
    """The applications waiting now (``interview_waits``), the most recent interview first:
    the order of ``expectations``."""
    now = waits[waits["waiting_now"]].sort_values(["interview_date", "application_id"],
                                                  ascending=[False, True], kind="stable")
    return list(dict.fromkeys(now["application_id"]))


def expectations(applications: pd.DataFrame, events: pd.DataFrame, settings: RuleSettings | None,
                 today: dt.date, action_state: pd.DataFrame | None = None,
                 limit: int | None = None, ruled: Ruled | None = None,
                 waits: pd.DataFrame | None = None) -> tuple[list[Expectation], int]:
    """(the expectations of the applications waiting now, the most recent interview first, at
    most ``limit``; how many are waiting in all). Only the ones returned ask the rules, so a
    long search costs one pass over its events and one pass of the rules for those shown (none
    when the caller hands over its own pass, ``ruled``, nor the waits when it has them:
    ``interview_waits`` of these tables)."""
    if waits is None:
        waits = interview_waits(applications, events, today)
    past = history(waits)
    ids = waiting_ids(waits)
    shown = ids if limit is None else ids[:limit]
    # The rows of the ones shown, picked out once: each is then found among a few rows, not
    # among the whole search's (a Done on Home rebuilds this list).
    applications = applications[applications["id"].isin(shown)]
    events = events[events["application_id"].isin(shown)]
    notes = next_notes(applications, events, settings, today, shown, action_state, ruled)
    found = []
    for app_id in shown:
        app = applications[applications["id"].eq(app_id)]
        own = events[events["application_id"].eq(app_id)]
        found.append(expectation(app, own, settings, today, app_id, waits, past, action_state,
                                 notes[app_id]))
    return [e for e in found if e is not None], len(ids)


def waiting_now(waits: pd.DataFrame, applications: pd.DataFrame) -> pd.DataFrame:
    """The waits going on now with their company, for marking on the curve: columns
    application_id, name, days (the latest interview of each application)."""
    now = waits[waits["waiting_now"]].sort_values("interview_date", kind="stable")
    now = now.drop_duplicates("application_id", keep="last")
    names = applications.drop_duplicates("id").set_index("id")["company"]
    name = now["application_id"].map(names).fillna("").astype("str")
    return pd.DataFrame({"application_id": now["application_id"].to_numpy(),
                         "name": name.to_numpy(), "days": now["days"].to_numpy()})
