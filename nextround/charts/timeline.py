"""The timeline: every application as a bar from applying to its end (or today), its events as
symbols, the follow-ups due as rings, and today as a rule. It draws at most ``max_rows``
applications (the most recently active) whatever the size of the search.

On the page the switches above it (how many rows, only the open ones) change its data, never its
spec (``on_screen``): Streamlit's frontend then updates the data of the Vega view it has, where
a changed spec makes it parse, compile and draw a new view (tens of milliseconds of the click).
So the rows are ordered by a field of the data, the legends list what the whole search holds,
the time axis picks its label format from its own domain in the browser, and the height, the
count of rows left out and the one-sentence summary travel beside the spec, not in it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from nextround.charts.spec import (
    DAY,
    DAY_AXIS,
    EVENT_STYLE,
    MONTH_AXIS,
    NEUTRAL,
    OVERDUE,
    SHORT_SPAN_DAYS,
    STAGE_COLOURS,
    TEXT_GREY,
    URGENCY_STYLE,
    chart_summary,
    chart_title,
    day_label,
    day_text,
    described,
    empty_chart,
    short,
    time_span,
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
    open_only: bool = False,
) -> alt.LayerChart | alt.Chart:
    """Every recent application as a row on one time axis, with its events and due follow-ups.

    Rows are the ``max_rows`` (at most MAX_ROWS_LIMIT) most recently active applications, newest
    at the top, only the open ones when ``open_only``; the rest are counted in the subtitle. A
    bar runs from applying (or the first event) to the closing event, or to today while it is
    open; overdue follow-ups are ringed in red at their due date with a red line running on to
    today, so the lateness is visible without reading a tooltip. The legends list the stages,
    event kinds and urgencies of the whole search, so they stay put while the rows change.
    """
    if applications.empty:
        return empty_chart(TIMELINE_TITLE, "No applications yet: add one and it shows up here.")
    keys = _legend_keys(applications, events, actions)
    if open_only:
        applications = applications[is_open(applications).to_numpy()]
        if applications.empty:
            return empty_chart(TIMELINE_TITLE, "None of your applications is still open.")
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
    title = chart_title(TIMELINE_TITLE, TIMELINE_HINT, hidden_line)
    y = alt.Y(
        "r:N",
        title=None,
        # Row 0 (the most recently active) at the top: the order rides in the data (``y``), so
        # the spec is the same whichever rows are shown.
        sort=alt.EncodingSortField(field="y", op="min"),
        # Room above the first row for the "today" label.
        scale=alt.Scale(paddingInner=0, paddingOuter=ROW_PADDING),
        axis=alt.Axis(labelLimit=260, labelPadding=8),
    )
    first, last = _time_span(rows, points, due, today_ts)
    rows, points, due = _within(first, last, rows, points, due)
    rows = _with_min_length(rows, last - first)
    x_scale, span = time_span(first, last)
    grid = _Grid(rows, x_scale, y, _time_axis())
    layers = [
        span,
        _stage_bars(grid, keys.stages),
        _overdue_lines(due, today_ts, grid, keys.urgencies),
        _event_points(points, grid, keys.kinds),
        _due_rings(due, grid, keys.urgencies),
        *_today_marks(today_ts, grid.x),
    ]
    chart = (
        alt.layer(*[layer for layer in layers if layer is not None], title=title)
        .resolve_scale(color="independent", shape="independent")
        .properties(height=_plot_height(len(rows), keys.height))
    )
    return described(chart, _timeline_summary(rows, due, len(applications)))


#: The subtitle's first line; a second counts the applications left out (``on_screen`` moves it
#: to the caption under the chart).
TIMELINE_HINT = "Most recent activity at the top. Scroll to zoom, drag to pan."
#: The timeline's text alternative on the page, the same whatever rows are shown (it is part of
#: the spec Streamlit compares): the figures are in the caption under it.
TIMELINE_DESCRIPTION = (
    "Your search on one timeline: each application is a bar from applying to its end, or to "
    "today while it is open, with its events as symbols and the follow-ups due as rings. The "
    "sentence under the chart gives its figures."
)
#: What a chart with a title, a one-line subtitle and a date axis adds to its plot's height in
#: Streamlit's theme (title, subtitle, axis labels, Vega's and Streamlit's padding), measured in
#: Chromium: the page sets the chart's whole height, Vega fits the plot inside it.
SCREEN_CHROME_PX = 88


@dataclass(frozen=True)
class _LegendKeys:
    """What each legend lists: every stage, event kind and urgency the whole search holds."""

    stages: list[str]
    kinds: list[str]
    urgencies: list[str]

    @property
    def height(self) -> int:
        """Rough pixel height of the legends stacked at the right (Streamlit's font sizes).

        The plot is made at least this tall, or the legends would be cut off."""
        shown = [n for n in (len(self.stages), len(self.kinds), len(self.urgencies)) if n]
        return (sum(LEGEND_TITLE_PX + LEGEND_ITEM_PX * n for n in shown)
                + LEGEND_GAP_PX * len(shown))


def _legend_keys(applications: pd.DataFrame, events: pd.DataFrame,
                 actions: pd.DataFrame | None) -> _LegendKeys:
    stage = applications["stage"].where(applications["stage"].isin(STAGES), "applied")
    stages = set(stage.where(is_open(applications), "closed"))
    dated = events[events["date"].notna() & events["application_id"].isin(applications["id"])]
    kinds = set(dated["kind"])
    urgencies: set[str] = set()
    if actions is not None and not actions.empty and "application_id" in actions.columns:
        urgencies = set(actions.loc[actions["due"].notna(), "urgency"])
    return _LegendKeys([s for s in STAGES if s in stages], [k for k in EVENT_KINDS if k in kinds],
                       [u for u in URGENCY_STYLE if u in urgencies])


def _time_axis() -> alt.Axis:
    """The date axis: days while it spans up to SHORT_SPAN_DAYS, months beyond (``date_axis``),
    decided in the browser from the axis's own domain, so the spec does not depend on the rows
    shown (and a zoom into a few weeks labels days)."""
    span_ms = SHORT_SPAN_DAYS * 86_400_000
    label = (f"span(domain('x')) <= {span_ms} ? utcFormat(datum.value, '{DAY_AXIS}') "
             f": utcFormat(datum.value, '{MONTH_AXIS}')")
    return alt.Axis(labelExpr=label, labelOverlap="greedy", labelFlush=False)


@dataclass(frozen=True)
class OnScreen:
    """The timeline as the page draws it: a spec that stays the same while the switches change
    the rows (only its datasets differ), and what changes beside it."""

    spec: dict
    #: The chart's whole height in pixels, for st.vega_lite_chart's ``height``.
    height: int
    #: The one-sentence summary, then the count of applications left out.
    caption: str


def on_screen(spec: dict) -> OnScreen:
    """``spec`` (``chart_spec`` of ``timeline_chart``, datasets not yet in Arrow form) made the
    same for any rows: the subtitle's count of rows left out and the summary move to the
    caption, the height to the element, the datasets get names by position (Altair names them
    by a hash of their rows). The full spec stays what the image downloads draw."""
    spec = json.loads(json.dumps(spec))
    caption = chart_summary(spec)
    title = spec.get("title")
    if isinstance(title, dict) and isinstance(title.get("subtitle"), list):
        first, *rest = title["subtitle"]
        title["subtitle"] = [first]
        if rest:
            caption += " " + " ".join(rest)
    height = spec.pop("height", None)
    if not isinstance(height, int | float) or "layer" not in spec:
        return OnScreen(spec, 0, caption)  # the empty placeholder: drawn as it is
    spec["description"] = TIMELINE_DESCRIPTION
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    return OnScreen(_named_by_position(spec), int(height) + SCREEN_CHROME_PX, caption)


def _named_by_position(spec: dict) -> dict:
    names = {old: f"timeline_{i}" for i, old in enumerate(spec.get("datasets", {}))}
    spec["datasets"] = {names[old]: values for old, values in spec.get("datasets", {}).items()}
    stack: list = [{k: v for k, v in spec.items() if k != "datasets"}]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and data.get("name") in names:
                data["name"] = names[data["name"]]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return spec


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
        return (self.chart(frame).mark_point(clip=True, **mark)
                .encode(x=on_axis("datum.d"), y=self.y))


def on_axis(day: str) -> dict:
    """An x position on the time axis for the day the Vega expression ``day`` gives
    ("YYYY-MM-DD", read as UTC), placed through the axis's scale rather than encoded as a field.

    The axis's span comes from its own layer (``time_span``), which covers every mark; a field
    would also add its layer's extent to the scale's domain, and a layer whose rows are all
    filtered out (no event, no follow-up, nothing overdue on the rows shown) has an infinite
    one, which Vega warns about. The layers stay in the spec while they are empty so the spec
    does not change with the rows shown (see the module's docstring). Such a layer asks for
    ``clip`` itself: a zoom or pan would otherwise leave its marks over the row labels."""
    return alt.value({"expr": f"scale('x', toDate({day}))"})


def _stage_bars(grid: _Grid, present: list[str]) -> alt.Chart:
    rows = grid.rows
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
        # Named, or Altair names it after a hash of its rows and the spec changes with them.
        .properties(name="timeline_bars")
        .add_params(zoom)
    )


def _event_points(points: pd.DataFrame, grid: _Grid, present: list[str]) -> alt.Chart | None:
    if not present:
        return None
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


def _due_rings(due: pd.DataFrame, grid: _Grid, present: list[str]) -> alt.Chart | None:
    if not present:
        return None
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


def _overdue_lines(due: pd.DataFrame, today: pd.Timestamp, grid: _Grid,
                   urgencies: list[str]) -> alt.Chart | None:
    if "overdue" not in urgencies:
        return None
    # Same data as the rings, filtered in the browser: Altair then embeds it only once.
    return (
        grid.chart(due)
        .transform_filter("datum.u === 'overdue'")
        .mark_rule(color=OVERDUE, strokeWidth=2, strokeDash=[4, 3], clip=True)
        .encode(x=on_axis("datum.d"), x2=on_axis(f"'{today.strftime(DAY)}'"), y=grid.y)
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


