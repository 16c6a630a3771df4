"""The timeline: every application as a bar from applying to its end (or today), its events as
symbols, the follow-ups due as rings, and today as a rule. It draws at most ``max_rows``
applications (the most recently active) whatever the size of the search.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from nextround.charts.spec import (
    DAY,
    EVENT_STYLE,
    NEUTRAL,
    OVERDUE,
    STAGE_COLOURS,
    TEXT_GREY,
    URGENCY_STYLE,
    chart_title,
    date_axis,
    day_label,
    day_text,
    described,
    empty_chart,
    short,
    time_span,
    utc_day,
    x_time,
)
from nextround.domain.applications import CLOSING_OUTCOME, is_open
from nextround.domain.pipeline import last_activity
from nextround.storage.schema import EVENT_KINDS, STAGES
from nextround.text import plural

ROW_HEIGHT = 30
LABEL_CHARS = 38
INFO_CHARS = 60
#: Events drawn across all timeline rows: what keeps the payload small with long histories.
EVENT_BUDGET = 200
ACTION_BUDGET = 50
ACTIONS_PER_ROW = 2
URGENCY_RANK = {"overdue": 0, "today": 1, "soon": 2, "later": 3}
#: More rows than this are unreadable on one screen and would push the payload past 100 KB.
MAX_ROWS_LIMIT = 50
ROW_PADDING = 0.6
LEGEND_TITLE_PX = 22
LEGEND_ITEM_PX = 18
LEGEND_GAP_PX = 22
#: The shortest bar drawn, as a share of the time axis: an application closed (or added) on the
#: day it started, or imported closed with no dated end, still shows as a bar, not a lone dot.
MIN_BAR_SHARE = 0.025
#: The longest time axis: a date far in the past (a typo) must not squeeze every bar to a line.
#: What starts earlier starts at the axis's left edge.
MAX_SPAN = pd.Timedelta(days=366 * 10)

# --- the timeline ------------------------------------------------------------------------------

TIMELINE_TITLE = "Your search on one timeline"


def timeline_chart(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    actions: pd.DataFrame | None,
    today: dt.date,
    max_rows: int = 25,
) -> alt.LayerChart | alt.Chart:
    """Every recent application as a row on one time axis, with its events and due follow-ups.

    Rows are the ``max_rows`` (at most MAX_ROWS_LIMIT) most recently active applications, newest
    at the top; the rest are counted in the subtitle. A bar runs from applying (or the first
    event) to the closing event, or to today while it is open; overdue follow-ups are ringed in
    red at their due date with a red line running on to today, so the lateness is visible
    without reading a tooltip.
    """
    if applications.empty:
        return empty_chart(TIMELINE_TITLE, "No applications yet: add one and it shows up here.")
    today_ts = pd.Timestamp(today)
    applications = applications.reset_index(drop=True)
    activity = last_activity(applications, events)
    order = activity.sort_values(ascending=False, kind="stable", na_position="last").index
    shown = applications.loc[order[: max(1, min(max_rows, MAX_ROWS_LIMIT))]]
    own_events = events[events["application_id"].isin(shown["id"])]
    rows = _timeline_rows(shown, own_events, today_ts)
    row_of = pd.Series(rows["y"].to_numpy(), index=shown["id"].to_numpy())
    points = _timeline_points(own_events, row_of)
    due, due_elsewhere = _timeline_due(actions, row_of, today_ts)

    hidden = len(applications) - len(shown)
    hidden_line = ""
    if hidden:
        verb = "is" if hidden == 1 else "are"
        hidden_line = f"{plural(hidden, 'older application')} {verb} not shown"
        if due_elsewhere:
            hidden_line += f", with {plural(due_elsewhere, 'follow-up')} due"
        hidden_line += "."
    title = chart_title(
        TIMELINE_TITLE,
        "Most recent activity at the top. Scroll to zoom, drag to pan.",
        hidden_line,
    )
    y = alt.Y(
        "r:N",
        title=None,
        sort=list(rows["r"]),
        # Room above the first row for the "today" label.
        scale=alt.Scale(paddingInner=0, paddingOuter=ROW_PADDING),
        axis=alt.Axis(labelLimit=260, labelPadding=8),
    )
    first, last = _time_span(rows, points, due, today_ts)
    rows, points, due = _within(first, last, rows, points, due)
    rows = _with_min_length(rows, last - first)
    x_scale, span = time_span(first, last)
    grid = _Grid(rows, x_scale, y, date_axis(first, last))
    layers = [
        span,
        _stage_bars(grid),
        _overdue_lines(due, today_ts, grid),
        _event_points(points, grid),
        _due_rings(due, grid),
        *_today_marks(today_ts, grid.x),
    ]
    chart = (
        alt.layer(*[layer for layer in layers if layer is not None], title=title)
        .resolve_scale(color="independent", shape="independent")
        .properties(height=_plot_height(len(rows), _legend_height(rows, points, due)))
    )
    return described(chart, _timeline_summary(rows, due, len(applications)))


def _timeline_summary(rows: pd.DataFrame, due: pd.DataFrame, total: int) -> str:
    """The timeline in one sentence: how many rows, over which dates, how many open or late."""
    start, end = pd.to_datetime(rows["s"], format=DAY), pd.to_datetime(rows["e"], format=DAY)
    first = day_label(pd.Series([start.min()])).iloc[0]
    last = day_label(pd.Series([end.max()])).iloc[0]
    shown = f"{len(rows):,} of {total:,} applications" if len(rows) < total else (
        f"{total:,} application{'s' * (total != 1)}")
    still_open = int(rows["o"].eq("still open").sum())
    overdue = int(due["u"].eq("overdue").sum()) if not due.empty else 0
    late = f", {overdue:,} follow-up{'s' * (overdue != 1)} overdue" if overdue else ""
    return (f"The timeline shows {shown}, active from {first} to {last}: "
            f"{still_open:,} still open{late}.")


def _legend_height(rows: pd.DataFrame, points: pd.DataFrame, due: pd.DataFrame) -> int:
    """Rough pixel height of the legends stacked at the right (Streamlit's font sizes).

    Streamlit sizes the chart to its plot, so legends taller than the rows would be cut off.
    """
    items = [rows["g"].nunique(), points["k"].nunique(), due["u"].nunique()]
    shown = [n for n in items if n]
    return sum(LEGEND_TITLE_PX + LEGEND_ITEM_PX * n for n in shown) + LEGEND_GAP_PX * len(shown)


def _row_step(n_rows: int, legend_px: int) -> int:
    """Pixels per row: ROW_HEIGHT, or more when a few rows would leave the legends cut off."""
    return max(ROW_HEIGHT, math.ceil(legend_px / (n_rows + 2 * ROW_PADDING)))


def _plot_height(n_rows: int, legend_px: int) -> int:
    """The plot's height in pixels: a row step per row plus the outer padding. A fixed height
    rather than a Vega-Lite step, so the chart can fill the page's width without Vega-Lite
    warning that it drops fitting the height (see ``chart_spec``)."""
    return math.ceil(_row_step(n_rows, legend_px) * (n_rows + 2 * ROW_PADDING))


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


@dataclass(frozen=True)
class _Grid:
    """The rows and the time axis every timeline layer shares."""

    rows: pd.DataFrame
    x: alt.Scale
    y: alt.Y
    axis: alt.Axis

    def chart(self, frame: pd.DataFrame) -> alt.Chart:
        """A layer keyed by row number that fetches the row's label in the browser: events and
        follow-ups then do not repeat a 40-character label each (the rows frame is the bars'
        own, so it is embedded once)."""
        lookup = alt.LookupData(data=self.rows, key="y", fields=["r"])
        return alt.Chart(frame).transform_lookup(lookup="y", from_=lookup)

    def points(self, frame: pd.DataFrame, **mark: object) -> alt.Chart:
        """A point layer on each row at its day (field ``d``): events and follow-up rings."""
        return self.chart(frame).mark_point(**mark).encode(x=x_time("d", self.x), y=self.y)


def _stage_bars(grid: _Grid) -> alt.Chart:
    rows = grid.rows
    present = [s for s in STAGES if s in set(rows["g"])]
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="timeline_zoom")
    return (
        alt.Chart(rows)
        .mark_bar(height=13, cornerRadius=3, opacity=0.6)
        .encode(
            x=x_time("s", grid.x).axis(grid.axis),
            x2="e:T",
            y=grid.y,
            color=alt.Color(
                "g:N",
                title="Stage",
                scale=alt.Scale(domain=present, range=[STAGE_COLOURS[s] for s in present]),
                legend=alt.Legend(symbolType="square"),
            ),
            tooltip=[
                alt.Tooltip("r:N", title="Application"),
                alt.Tooltip("g:N", title="Stage"),
                alt.Tooltip("o:N", title="Outcome"),
                alt.Tooltip("a:N", title="From"),
                alt.Tooltip("b:N", title="Until"),
            ],
        )
        .add_params(zoom)
    )


def _event_points(points: pd.DataFrame, grid: _Grid) -> alt.Chart | None:
    if points.empty:
        return None
    present = [k for k in EVENT_KINDS if k in set(points["k"])]
    legend = alt.Legend(title="Event")
    return (
        grid.points(points, filled=True, size=90, opacity=1)
        .encode(
            color=alt.Color(
                "k:N",
                title="Event",
                legend=legend,
                scale=alt.Scale(domain=present, range=[EVENT_STYLE[k][0] for k in present]),
            ),
            shape=alt.Shape(
                "k:N",
                title="Event",
                legend=legend,
                scale=alt.Scale(domain=present, range=[EVENT_STYLE[k][1] for k in present]),
            ),
            tooltip=[
                alt.Tooltip("r:N", title="Application"),
                alt.Tooltip("k:N", title="Event"),
                alt.Tooltip("t:N", title="Date"),
                alt.Tooltip("i:N", title="Details"),
            ],
        )
    )


def _due_rings(due: pd.DataFrame, grid: _Grid) -> alt.Chart | None:
    if due.empty:
        return None
    present = [u for u in URGENCY_STYLE if u in set(due["u"])]
    labels = {u: URGENCY_STYLE[u][0] for u in present}
    label_expr = " : ".join(f"datum.value === '{u}' ? '{text}'" for u, text in labels.items())
    return (
        grid.points(due, filled=False, size=330, strokeWidth=2.5, shape="circle", opacity=1)
        .encode(
            color=alt.Color(
                "u:N",
                title="Follow-up",
                scale=alt.Scale(domain=present, range=[URGENCY_STYLE[u][1] for u in present]),
                legend=alt.Legend(labelExpr=f"{label_expr} : datum.value", symbolSize=140),
            ),
            tooltip=[
                alt.Tooltip("r:N", title="Application"),
                alt.Tooltip("f:N", title="Follow-up"),
                alt.Tooltip("t:N", title="Due"),
                alt.Tooltip("w:N", title="Why"),
            ],
        )
    )


def _overdue_lines(due: pd.DataFrame, today: pd.Timestamp, grid: _Grid) -> alt.Chart | None:
    if due.empty or not due["u"].eq("overdue").any():
        return None
    # Same data as the rings, filtered in the browser: Altair then embeds it only once.
    return (
        grid.chart(due)
        .transform_filter("datum.u === 'overdue'")
        .mark_rule(color=OVERDUE, strokeWidth=2, strokeDash=[4, 3])
        .encode(x=x_time("d", grid.x), x2=alt.X2(datum=utc_day(today)), y=grid.y)
    )


def _today_marks(today: pd.Timestamp, x: alt.Scale) -> list[alt.Chart]:
    day = pd.DataFrame({"x": [today.strftime(DAY)]})
    rule = (
        alt.Chart(day)
        .mark_rule(color=NEUTRAL, strokeDash=[6, 4], strokeWidth=1.5)
        .encode(x=x_time("x", x))
    )
    label = (
        alt.Chart(day)
        .mark_text(text="today", color=TEXT_GREY, baseline="top", dx=4, align="left", fontSize=11)
        .encode(x=x_time("x", x), y=alt.value(0))
    )
    return [rule, label]


