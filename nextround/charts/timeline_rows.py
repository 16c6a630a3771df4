"""The timeline's rows, points and due rings as data: what ``timeline.timeline_chart`` draws,
worked out from the applications, their events and the actions due (apart from the chart so
each module holds one concern)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from nextround.charts.spec import DAY, URGENCY_STYLE, day_label, day_text, short
from nextround.domain.applications import CLOSING_OUTCOME, is_open
from nextround.storage.schema import EVENT_KINDS, STAGES

LABEL_CHARS = 38
INFO_CHARS = 60
#: Events drawn across all timeline rows: what keeps the payload small with long histories.
EVENT_BUDGET = 200
ACTION_BUDGET = 50
ACTIONS_PER_ROW = 2
URGENCY_RANK = {"overdue": 0, "today": 1, "soon": 2, "later": 3}
#: The shortest bar drawn, as a share of the time axis: an application closed (or added) on the
#: day it started, or imported closed with no dated end, still shows as a bar, not a lone dot.
MIN_BAR_SHARE = 0.025
#: The longest time axis: a date far in the past (a typo) must not squeeze every bar to a line.
#: What starts earlier starts at the axis's left edge.
MAX_SPAN = pd.Timedelta(days=366 * 10)

def _time_span(
    rows: pd.DataFrame, points: pd.DataFrame, due: pd.DataFrame, today: pd.Timestamp
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The time axis's first and last day, with a margin so marks at today or at a future date
    are not cut (more room on the right: the "today" label and future rings sit there)."""
    dates = pd.to_datetime(pd.concat([rows["s"], rows["e"], points["d"], due["d"]]), format=DAY)
    first = min(dates.min(), today)
    last = max(dates.max(), today)
    last = min(last, max(today, first) + MAX_SPAN)
    first = max(first, last - MAX_SPAN)
    span = last - first
    before = max(pd.Timedelta(days=2), span * 0.03)
    after = max(pd.Timedelta(days=5), span * 0.1)
    return (first - before).normalize(), (last + after).normalize()


def _within(first: pd.Timestamp, last: pd.Timestamp, rows: pd.DataFrame, points: pd.DataFrame,
            due: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The marks clipped to the axis (see MAX_SPAN): bars cut at its ends, points outside it
    left out."""
    def clip(days: pd.Series) -> pd.Series:
        when = pd.to_datetime(days, format=DAY).clip(lower=first, upper=last)
        return pd.Series(day_text(when).to_numpy(), index=days.index)

    def inside(frame: pd.DataFrame) -> pd.DataFrame:
        when = pd.to_datetime(frame["d"], format=DAY)
        return frame[(when >= first) & (when <= last)]

    return rows.assign(s=clip(rows["s"]), e=clip(rows["e"])), inside(points), inside(due)


def _with_min_length(rows: pd.DataFrame, span: pd.Timedelta) -> pd.DataFrame:
    """Bars shorter than MIN_BAR_SHARE of the axis lengthened to it, ending later."""
    start = pd.to_datetime(rows["s"], format=DAY)
    shortest = pd.Timedelta(days=max(1, round(span.days * MIN_BAR_SHARE)))
    end = pd.to_datetime(rows["e"], format=DAY).clip(lower=start + shortest)
    return rows.assign(e=day_text(end).to_numpy())


def _unique_labels(shown: pd.DataFrame) -> pd.Series:
    """ "Company · Role", numbered when the same pair appears twice (people do re-apply)."""
    base = short(shown["company"].fillna("?") + " · " + shown["role"].fillna("?"), LABEL_CHARS)
    repeat = base.groupby(base).cumcount()
    return base.where(repeat == 0, base + " (" + (repeat + 1).astype("str") + ")")


def _timeline_rows(shown: pd.DataFrame, events: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """One bar per application: r label, s start, e end, g stage, o outcome, a/b dates in words."""
    ids = shown["id"]
    dated = events[events["date"].notna() & events["date"].le(today)]
    first_event = dated.groupby("application_id")["date"].min()
    closing = dated[dated["kind"].isin(tuple(CLOSING_OUTCOME))]
    closed_on = closing.groupby("application_id")["date"].max()
    latest = dated.groupby("application_id")["date"].max()

    start = pd.to_datetime(shown["date_applied"]).fillna(_by_id(ids, first_event))
    start = start.fillna(pd.to_datetime(shown["created_at"]).dt.normalize()).fillna(today)
    # Closed means what it means everywhere (``is_open``): an outcome closes it even when an
    # import left the stage at "interviewing".
    is_closed = ~is_open(shown)
    # A closed bar ends on its closing event, else its last dated event after the start, else
    # the row's last change (closed by editing the stage, or imported closed): never a stub.
    last_event = _by_id(ids, latest).where(lambda d: d > start)
    changed = pd.to_datetime(shown["updated_at"]).dt.normalize().astype("datetime64[us]")
    end_closed = _by_id(ids, closed_on).fillna(last_event).fillna(changed).fillna(start)
    end = end_closed.where(is_closed, today)
    end = end.where(end >= start, start)
    # Closed with no closing event: the tooltip says which day the bar ends on and why, rather
    # than passing it off as the day it closed.
    until = day_label(end).where(is_closed, "today")
    guessed = is_closed & _by_id(ids, closed_on).isna()
    until = until.where(~guessed, "not logged (bar ends " + day_label(end) + ", its last " +
                        pd.Series(np.where(last_event.notna(), "event", "change"),
                                  index=shown.index) + ")")
    stage = shown["stage"].where(shown["stage"].isin(STAGES), "applied")
    stage = stage.where(~is_closed, "closed")
    return pd.DataFrame(
        {
            "y": np.arange(len(shown)),
            "r": _unique_labels(shown).to_numpy(),
            "s": day_text(start).to_numpy(),
            "e": day_text(end).to_numpy(),
            "g": stage.to_numpy(),
            "o": shown["outcome"].fillna("still open").to_numpy(),
            "a": day_label(start).to_numpy(),
            "b": until.to_numpy(),
        }
    )


def _by_id(ids: pd.Series, per_id: pd.Series) -> pd.Series:
    return pd.Series(per_id.reindex(ids.to_numpy()).to_numpy(), index=ids.index).astype(
        "datetime64[us]"
    )


def _timeline_points(events: pd.DataFrame, row_of: pd.Series) -> pd.DataFrame:
    """One point per event: r row, d date, k kind, t date in words, i what it was about."""
    dated = events[events["date"].notna() & events["kind"].isin(EVENT_KINDS)]
    per_row = max(10, EVENT_BUDGET // max(len(row_of), 1))
    dated = dated.sort_values("date").groupby("application_id").tail(per_row)
    dated = dated.sort_values("date").tail(EVENT_BUDGET)
    return pd.DataFrame(
        {
            "y": row_of.reindex(dated["application_id"].to_numpy()).to_numpy(),
            "d": day_text(dated["date"]).to_numpy(),
            "k": dated["kind"].to_numpy(),
            "t": day_label(dated["date"]).to_numpy(),
            "i": _event_info(dated).to_numpy(),
        }
    )


def _event_info(events: pd.DataFrame) -> pd.Series:
    """One line per event: round, type and interviewers for an interview, else its details."""
    round_text = "Round " + events["round"].astype("Int64").astype("str")
    names = events["interviewers"].astype("str").str.replace(r"\s*;\s*", ", ", regex=True)
    who = "with " + names.str.strip(", ")
    interview = _joined([round_text, events["interview_type"].astype("str"), who])
    info = interview.where(events["kind"].eq("interview"), events["details"].astype("str"))
    return short(info, INFO_CHARS).replace("", "–")


def _joined(parts: list[pd.Series], sep: str = " · ") -> pd.Series:
    """The non-empty parts of each row joined with ``sep`` (vectorised, empty frames welcome)."""
    out = pd.Series("", index=parts[0].index, dtype="str")
    for part in parts:
        part = part.fillna("").astype("str")
        glue = np.where(out.ne("") & part.ne(""), sep, "")
        out = out + glue + part
    return out


def _timeline_due(
    actions: pd.DataFrame | None, row_of: pd.Series, today: pd.Timestamp
) -> tuple[pd.DataFrame, int]:
    """Follow-ups on the rows shown (r, d due, u urgency, f what, w why, t due in words), the
    most pressing ACTIONS_PER_ROW per row, and how many urgent ones sit on rows not shown."""
    columns = ["y", "d", "u", "f", "w", "t"]
    if actions is None or actions.empty or "application_id" not in actions.columns:
        return pd.DataFrame(columns=columns), 0
    actions = actions[actions["due"].notna()].reset_index(drop=True)
    on_rows = actions["application_id"].isin(row_of.index)
    urgent = actions["urgency"].isin(("overdue", "today"))
    elsewhere = int((urgent & ~on_rows).sum())
    pressing = actions[on_rows].assign(_rank=actions["urgency"].map(URGENCY_RANK).fillna(9))
    pressing = pressing.sort_values(["_rank", "due"], kind="stable")
    due = pressing.groupby("application_id").head(ACTIONS_PER_ROW).head(ACTION_BUDGET)
    late_days = (today - pd.to_datetime(due["due"]).dt.normalize()).dt.days
    status = due["urgency"].map({k: v[0] for k, v in URGENCY_STYLE.items()}).fillna("Due")
    overdue = due["urgency"].eq("overdue")
    status = status.where(~overdue, "Overdue by " + late_days.astype("str") + " days")
    what = due["note_kind"].fillna(due["kind"]) if "note_kind" in due else due["kind"]
    frame = pd.DataFrame(
        {
            "y": row_of.reindex(due["application_id"].to_numpy()).to_numpy(),
            "d": day_text(due["due"]).to_numpy(),
            "u": due["urgency"].to_numpy(),
            "f": short(what, 40).to_numpy(),
            "w": (short(due["reason"], INFO_CHARS) + " · " + status).to_numpy(),
            "t": day_label(due["due"]).to_numpy(),
        }
    )
    return frame[columns], elsewhere
