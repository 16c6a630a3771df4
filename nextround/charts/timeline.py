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
    described,
    empty_chart,
    time_span,
    x_time,
)
from nextround.charts.timeline_rows import (
    _time_span,
    _timeline_due,
    _timeline_points,
    _timeline_rows,
    _with_min_length,
    _within,
)
from nextround.domain.applications import is_open
from nextround.domain.pipeline import last_activity
from nextround.storage.schema import EVENT_KINDS, STAGES
from nextround.text import plural

ROW_HEIGHT = 30
#: More rows than this are unreadable on one screen and would push the payload past 100 KB.
MAX_ROWS_LIMIT = 50
ROW_PADDING = 0.6
LEGEND_TITLE_PX = 22
LEGEND_ITEM_PX = 18
LEGEND_GAP_PX = 22

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
    # The chart's own settings go in as it is made: each chained call would copy every layer.
    chart = alt.layer(
        *[layer for layer in layers if layer is not None], title=title,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(color="independent", shape="independent")),
        height=_plot_height(len(rows), keys.height))
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


def on_axis(day: str, channel: type[alt.XValue | alt.X2Value] = alt.XValue,
            ) -> alt.XValue | alt.X2Value:
    """An x (or, with ``alt.X2Value``, x2) position on the time axis for the day the Vega
    expression ``day`` gives ("YYYY-MM-DD", read as UTC), placed through the axis's scale
    rather than encoded as a field.

    The axis's span comes from its own layer (``time_span``), which covers every mark; a field
    would also add its layer's extent to the scale's domain, and a layer whose rows are all
    filtered out (no event, no follow-up, nothing overdue on the rows shown) has an infinite
    one, which Vega warns about. The layers stay in the spec while they are empty so the spec
    does not change with the rows shown (see the module's docstring). Such a layer asks for
    ``clip`` itself: a zoom or pan would otherwise leave its marks over the row labels."""
    return channel({"expr": f"scale('x', toDate({day}))"})


def _stage_bars(grid: _Grid, present: list[str]) -> alt.Chart:
    rows = grid.rows
    zoom = alt.selection_interval(bind="scales", encodings=["x"], name="timeline_zoom")
    return (
        alt.Chart(rows)
        .mark_bar(height=13, cornerRadius=3, opacity=0.6)
        .encode(
            x=x_time("s", grid.x).axis(grid.axis),
            x2=alt.X2("e:T"),
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
        .encode(x=on_axis("datum.d"),
                x2=on_axis(f"'{today.strftime(DAY)}'", alt.X2Value), y=grid.y)
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
        .encode(x=x_time("x", x), y=alt.YValue(0))
    )
    return [rule, label]


