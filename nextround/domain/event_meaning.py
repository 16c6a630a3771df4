"""What an event means on a given day: the one reading every figure takes (Home, Pipeline, the
funnel, the days to a reply, the wait estimate, the calendar).

The registry (nextround/event_kinds.toml) says what a kind means; this module adds the dates:

- a reply (heard back, an interview invitation, an offer, a rejection) is an answer from its
  date, the interview day itself included;
- a round booked ahead is an answer from the day it was logged (its created_at, when that comes
  before the round's own day): the invitation came then, not on the day of the round and not
  "today";
- a round counts as reached only once its day has come.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from nextround.event_kinds import kinds_where


def _day(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).astype("datetime64[us]").dt.normalize()


def _kinds(events: pd.DataFrame) -> pd.Series:
    return events["kind"].astype("str").str.strip().str.lower()


def reply_dates(events: pd.DataFrame) -> pd.Series:
    """Per event, the day it counts as the employer's answer (NaT: it is not an answer).

    A kind that may be booked ahead counts from the earlier of its own day and the day it was
    logged, so an invitation to a round three months out is an answer on the day it came.
    """
    kinds = _kinds(events)
    day = _day(events["date"])
    out = day.where(kinds.isin(kinds_where(reply=True)))
    if "created_at" in events:
        booked = kinds.isin(kinds_where(booked=True)).to_numpy()
        logged = _day(events["created_at"])
        earlier = pd.Series(np.fmin(day.to_numpy(), logged.to_numpy()), index=events.index)
        out = out.where(~booked, earlier.where(day.notna()))
    return out.astype("datetime64[us]")


def happened(events: pd.DataFrame, today: dt.date | None) -> pd.Series:
    """Per event, whether its day has come (always, when ``today`` is None: no date to hold it
    against). A round booked for next week has not happened: it is not a round reached yet."""
    if today is None:
        return events["date"].notna()
    return (_day(events["date"]) <= pd.Timestamp(today)).fillna(False).astype("bool")
