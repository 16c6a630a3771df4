"""What the pipeline screen derives from applications and their events.

The stored stage is what the user last chose; the figures here (days waiting, days quiet, rounds
reached, funnel, weekly pace) are recomputed from the event history every time, so editing or
deleting an event can never leave a stale number behind. Everything is vectorised because a long
search exported from another tracker can hold tens of thousands of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from nextround.domain.applications import (
    CLOSING_OUTCOME,
    EVENT_STAGE,
    OPEN_STAGES,
    REPLIED_STAGES,
    STAGE_RANK,
    is_open,
)
from nextround.domain.event_meaning import happened, reply_dates
from nextround.event_kinds import EVENT_KINDS, kinds_where
from nextround.storage.schema import STAGES

#: For each stage, the event kinds that put an application there (days in stage count from them),
#: from the event-kind registry.
STAGE_SETTERS: dict[str, tuple[str, ...]] = {
    stage: tuple(k for k, s in EVENT_STAGE.items() if s == stage)
    for stage in dict.fromkeys(EVENT_STAGE.values())
} | {"closed": tuple(CLOSING_OUTCOME)}
#: Contact in either direction: what resets the "quiet" clock.
CONTACT_KINDS = kinds_where(contact=True)
#: The employer answered in some way.
REPLY_KINDS = kinds_where(reply=True)
#: Interviews: the rounds of the funnel.
ROUND_KINDS = kinds_where(booked=True)
OFFER_OUTCOMES = ("offer accepted", "offer declined")
SEARCH_COLUMNS = ("company", "role", "location", "notes")
#: The event columns the derivations read; carrying the free-text ones along costs time.
LOCATED_COLUMNS = ("id", "date", "kind", "round", "created_at")

FUNNEL_STEPS = ("Applied", "Replied", "Interview round 1", "Round 2", "Round 3+", "Offer")
#: Offers are measured against everyone interviewed: an offer after one round is common, so
#: measuring it against "Round 3+" would give rates above 100%.
FUNNEL_RATE_BASE: dict[str, str | None] = {
    "Applied": None,
    "Replied": "Applied",
    "Interview round 1": "Replied",
    "Round 2": "Interview round 1",
    "Round 3+": "Round 2",
    "Offer": "Interview round 1",
}

TOO_FEW_ACTIVE_NONE = (
    "Nothing is in progress right now. A few fresh applications this week keep the search "
    "moving, whatever the next answer turns out to be."
)
TOO_FEW_ACTIVE_SOME = (
    "Only {active} {noun} in progress. Keep a few more going so that no single answer carries "
    "the whole search: who gets the job often comes down to fit, not to anything you did."
)


# --- helpers -----------------------------------------------------------------------------------


def _dates(series: pd.Series) -> pd.Series:
    """Any date-like column as datetime64 at midnight (created_at carries a time of day)."""
    return pd.to_datetime(series).astype("datetime64[us]").dt.normalize()


def _events_of(events: pd.DataFrame, kinds: Iterable[str]) -> pd.DataFrame:
    return events[events["kind"].isin(tuple(kinds))]


def _located(applications: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Dated events of known applications, with ``pos``: the row position of their application.

    Matching the text ids once and grouping on integer positions afterwards is what keeps a
    50,000-application search fast: string lookups are the expensive part.
    """
    pos = pd.Index(applications["id"]).get_indexer(events["application_id"])
    located = events[list(LOCATED_COLUMNS)].assign(pos=pos)
    return located[(pos >= 0) & located["date"].notna().to_numpy()]


def _spread(applications: pd.DataFrame, per_position: pd.Series) -> pd.Series:
    """A value per row position spread back onto the applications' own index (missing: NaN)."""
    values = per_position.reindex(pd.RangeIndex(len(applications)))
    return pd.Series(values.to_numpy(), index=applications.index)


def _latest(applications: pd.DataFrame, located: pd.DataFrame, kinds: Iterable[str]) -> pd.Series:
    """Date of each application's latest event of these kinds (NaT when it has none)."""
    picked = _events_of(located, kinds)
    return _dates(_spread(applications, picked.groupby("pos")["date"].max()))


def _has_event(
    applications: pd.DataFrame, located: pd.DataFrame, kinds: Iterable[str]
) -> pd.Series:
    """Per application: has at least one dated event of these kinds."""
    flags = np.zeros(len(applications), dtype=bool)
    flags[_events_of(located, kinds)["pos"].to_numpy()] = True
    return pd.Series(flags, index=applications.index)


def _days_between(today: dt.date, since: pd.Series) -> pd.Series:
    """Whole days from ``since`` to today, never negative (a scheduled interview is not waiting)."""
    days = (pd.Timestamp(today) - _dates(since)).dt.days
    return days.clip(lower=0).astype("Int64")


def _start_dates(applications: pd.DataFrame, located: pd.DataFrame) -> pd.Series:
    """When each application started: date_applied, else its first "applied" event."""
    first_applied = _events_of(located, ["applied"]).groupby("pos")["date"].min()
    start = _dates(applications["date_applied"])
    return start.fillna(_dates(_spread(applications, first_applied)))


# --- the table ---------------------------------------------------------------------------------


def last_activity(applications: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Latest event date, else date_applied, else the day the row was added.

    The one definition of "recently active" that the table and the timeline both sort by.
    """
    located = _located(applications, events)
    fallback = _dates(applications["date_applied"]).fillna(_dates(applications["created_at"]))
    return _latest(applications, located, EVENT_KINDS).fillna(fallback).rename("last_activity")


def application_table(
    applications: pd.DataFrame, events: pd.DataFrame, today: dt.date
) -> pd.DataFrame:
    """The applications with the figures the pipeline table shows, computed from the events.

    Added columns: last_activity (datetime64), waiting_days, quiet_days, interviews (Int64),
    latest_interview_id (str), latest_interview_date (datetime64). Days never go below zero: an
    event dated in the future (a scheduled interview) means the user is not waiting on anyone.
    Without a stage-setting event, waiting counts from date_applied (created_at on the wishlist).
    """
    out = applications.copy()
    located = _located(out, events)
    applied = _dates(out["date_applied"])
    fallback = applied.fillna(_dates(out["created_at"]))

    out["last_activity"] = _latest(out, located, EVENT_KINDS).fillna(fallback)
    out["waiting_days"] = _days_between(today, _stage_since(out, located).fillna(fallback))
    contact = _latest(out, located, CONTACT_KINDS).fillna(applied)
    out["quiet_days"] = _days_between(today, contact)

    interviews = _events_of(located, ["interview"])
    counts = interviews.groupby("pos").size()
    out["interviews"] = _spread(out, counts).fillna(0).astype("Int64")
    latest = interviews.sort_values(["date", "created_at", "id"], na_position="first")
    latest = latest.drop_duplicates("pos", keep="last").set_index("pos")
    out["latest_interview_id"] = _spread(out, latest["id"]).astype("str")
    out["latest_interview_date"] = _dates(_spread(out, latest["date"]))
    return out


def _stage_since(applications: pd.DataFrame, located: pd.DataFrame) -> pd.Series:
    """Date of the latest event that set each application's current stage (NaT when none did)."""
    setter_rank = {
        kind: STAGE_RANK[stage] for stage, kinds in STAGE_SETTERS.items() for kind in kinds
    }
    # -2, not -1: an unknown stage has code -1 and must not match events that set nothing.
    # The last slot answers for kind code -1 (a kind outside EVENT_KINDS).
    rank_by_kind = np.array([setter_rank.get(kind, -2) for kind in EVENT_KINDS] + [-2])
    sets = rank_by_kind[pd.Categorical(located["kind"], categories=EVENT_KINDS).codes]
    stage_rank = pd.Categorical(applications["stage"], categories=STAGES).codes
    setters = located[sets == stage_rank[located["pos"].to_numpy()]]
    return _dates(_spread(applications, setters.groupby("pos")["date"].max()))


def filter_applications(
    table: pd.DataFrame,
    stages: Iterable[str] = (),
    outcomes: Iterable[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    text: str = "",
) -> pd.DataFrame:
    """Rows matching every filter given; empty filters match everything.

    Dates bound the day applied (the day added, for wishlist rows), both ends inclusive. The text
    is matched literally and case-insensitively, so a search for "C++ (dev)" finds exactly that.
    """
    mask = pd.Series(True, index=table.index)
    stages, outcomes = tuple(stages), tuple(outcomes)
    if stages:
        mask &= table["stage"].isin(stages)
    if outcomes:
        mask &= table["outcome"].isin(outcomes)
    if start is not None or end is not None:
        day = _dates(table["date_applied"]).fillna(_dates(table["created_at"]))
        if start is not None:
            mask &= (day >= pd.Timestamp(start)).fillna(False)
        if end is not None:
            mask &= (day <= pd.Timestamp(end)).fillna(False)
    needle = text.strip()
    if needle:
        found = pd.Series(False, index=table.index)
        for column in SEARCH_COLUMNS:
            if column in table.columns:
                cells = table[column].astype("str")
                found |= cells.str.contains(needle, case=False, regex=False, na=False)
        mask &= found
    return table.loc[mask]


# --- outcomes over time ------------------------------------------------------------------------


def _round_reached(applications: pd.DataFrame, located: pd.DataFrame) -> pd.Series:
    """Highest interview round per application (0 when none).

    A stated round wins; an interview without one counts as the next in date order, so two
    unnumbered interviews are rounds 1 and 2 while two both marked round 1 stay round 1.
    """
    interviews = _events_of(located, ROUND_KINDS).sort_values(["date", "created_at"])
    ordinal = interviews.groupby("pos").cumcount() + 1
    stated = pd.to_numeric(interviews["round"], errors="coerce").astype("float64")
    effective = stated.fillna(ordinal.astype("float64"))
    highest = effective.groupby(interviews["pos"]).max()
    return _spread(applications, highest).fillna(0).astype("int64")


def funnel(applications: pd.DataFrame, events: pd.DataFrame,
           today: dt.date | None = None) -> pd.DataFrame:
    """How many applications reached each step, and the conversion into it.

    Columns: step, count (distinct applications), rate (0..1, NaN for the first step or an empty
    base), rate_from (the step the rate is measured from). Each step counts every application
    that reached it or went beyond: an offer was interviewed, an interview was a reply, a reply
    was an application. A stage or outcome counts as much as an event (an import brings stages,
    not histories: a user who never logged the interview still had one). The steps are nested,
    so every rate stays within 0..1.

    Events are read as ``event_meaning`` reads them: a round booked ahead is a reply from the day
    it was logged and a round reached only once its day (on or before ``today``; every dated
    event counts when ``today`` is None) has come; the "interviewing" stage stands in for a
    round only when no interview is logged at all.
    """
    reached = reached_steps(applications, events, today)
    rows = []
    for step in FUNNEL_STEPS:
        base = FUNNEL_RATE_BASE[step]
        base_count = int(reached[base].sum()) if base is not None else 0
        rate = np.nan
        if base_count:
            rate = int((reached[step] & reached[base]).sum()) / base_count
        count = int(reached[step].sum())
        rows.append({"step": step, "count": count, "rate": rate, "rate_from": base})
    frame = pd.DataFrame(rows)
    frame["count"] = frame["count"].astype("int64")
    frame["rate"] = frame["rate"].astype("float64")
    frame["rate_from"] = frame["rate_from"].astype("str")
    return frame


def reached_steps(applications: pd.DataFrame, events: pd.DataFrame,
                  today: dt.date | None = None) -> pd.DataFrame:
    """Per application (same index), whether it reached each funnel step: one boolean column per
    step of ``FUNNEL_STEPS``, read as ``funnel`` describes. The funnel counts them; the rates
    by source in the learning view group them."""
    located = _located(applications, events)
    stage = applications["stage"].fillna("")
    outcome = applications["outcome"].fillna("")
    came = located[happened(located, today).to_numpy()]
    rounds = _round_reached(applications, came)
    offer = _has_event(applications, came, ["offer"]) | stage.eq("offer")
    offer |= outcome.isin(OFFER_OUTCOMES)
    unlogged = ~_has_event(applications, located, ROUND_KINDS)
    round1 = (rounds >= 1) | (stage.eq("interviewing") & unlogged) | offer
    answered = located
    if today is not None:
        answered = located[reply_dates(located).le(pd.Timestamp(today)).to_numpy()]
    replied = _has_event(applications, answered, REPLY_KINDS) | round1
    replied |= stage.isin(REPLIED_STAGES) | outcome.eq("rejected")
    applied = replied | _has_event(applications, located, ["applied"])
    applied |= applications["date_applied"].notna() | stage.isin(OPEN_STAGES)
    return pd.DataFrame({
        "Applied": applied,
        "Replied": replied,
        "Interview round 1": round1,
        "Round 2": rounds >= 2,
        "Round 3+": rounds >= 3,
        "Offer": offer,
    }, index=applications.index).astype("bool")


def reply_days(applications: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Days from applying to the first answer, per application that got one.

    Answers dated before the application started (a recruiter who reached out first) are not
    replies to it and are skipped. An interview booked ahead is a reply from the day it was
    logged (``event_meaning``). Indexed by application id, named reply_days, int64.
    """
    located = _located(applications, events)
    start = _start_dates(applications, located).to_numpy()
    replies = _events_of(located, REPLY_KINDS)
    gap = (reply_dates(replies) - start[replies["pos"].to_numpy()]).dt.days
    valid = replies[gap.notna() & (gap >= 0)]
    first = gap[valid.index].groupby(valid["pos"]).min()
    ids = applications["id"].to_numpy()[first.index.to_numpy()]
    return pd.Series(
        first.to_numpy().astype("int64"),
        index=pd.Index(ids, name="application_id", dtype="str"),
        name="reply_days",
    )


def weekly_activity(events: pd.DataFrame, applications: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts per week (weeks start on Monday), with empty weeks kept so gaps show as zeros.

    Columns: week (datetime64, the Monday), applications, follow_ups (follow-ups and thank-you
    notes sent), interviews. Applications are counted from "applied" events, or from each
    application's date_applied when ``applications`` is given (not every tracker logs the event).
    """
    columns = ["week", "applications", "follow_ups", "interviews"]
    dated = events[events["date"].notna()]
    if applications is not None:
        applied_dates = _dates(applications["date_applied"]).dropna()
    else:
        applied_dates = _dates(_events_of(dated, ["applied"])["date"])
    series = {
        "applications": applied_dates,
        "follow_ups": _dates(_events_of(dated, ["follow-up sent", "thank-you sent"])["date"]),
        "interviews": _dates(_events_of(dated, ["interview"])["date"]),
    }
    weekly = {name: _monday(dates).value_counts() for name, dates in series.items()}
    known = [s.index for s in weekly.values() if len(s)]
    if not known:
        frame = pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})
        frame["week"] = frame["week"].astype("datetime64[us]")
        return frame
    first = min(idx.min() for idx in known)
    last = max(idx.max() for idx in known)
    weeks = pd.date_range(first, last, freq="7D").astype("datetime64[us]")
    frame = pd.DataFrame({"week": weeks})
    for name, counts in weekly.items():
        counts.index = counts.index.astype("datetime64[us]")
        frame[name] = counts.reindex(weeks, fill_value=0).to_numpy().astype("int64")
    return frame[columns]


def _monday(dates: pd.Series) -> pd.Series:
    return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def health(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    today: dt.date,
    min_active: int = 3,
) -> dict[str, Any]:
    """A quick read of whether the search has enough going on.

    Keys: active (int), by_stage ({stage: count} for every stage), days_since_last_application
    (int or None), too_few_active (bool), warning (text or None). An accepted offer ends the
    search, so it silences the warning.
    """
    stage = applications["stage"].fillna("")
    active = int(is_open(applications).sum())
    by_stage = {name: int((stage == name).sum()) for name in STAGES}
    last_dates = pd.concat(
        [
            _dates(applications["date_applied"]),
            _dates(_events_of(_located(applications, events), ["applied"])["date"]),
        ]
    ).dropna()
    last_dates = last_dates[last_dates <= pd.Timestamp(today)]
    days_since = None if last_dates.empty else (pd.Timestamp(today) - last_dates.max()).days
    hired = bool(applications["outcome"].eq("offer accepted").fillna(False).any())
    too_few = active < min_active and not hired
    warning = None
    if too_few:
        noun = "application" if active == 1 else "applications"
        template = TOO_FEW_ACTIVE_NONE if active == 0 else TOO_FEW_ACTIVE_SOME
        warning = template.format(active=active, noun=noun)
    return {
        "active": active,
        "by_stage": by_stage,
        "days_since_last_application": days_since,
        "too_few_active": too_few,
        "warning": warning,
    }
