"""The pipeline's smaller charts: the funnel, how long replies took, and the weekly pace."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from nextround.charts.spec import (
    EVENT_STYLE,
    TEXT_GREY,
    WEEKLY_NOUNS,
    WEEKLY_SERIES,
    chart_title,
    date_axis,
    day_label,
    day_text,
    described,
    empty_chart,
    short_span,
    time_span,
    utc_day,
    x_time,
)
from nextround.text import plural

#: The weekly chart spans at least this many weeks, so one week of data is one bar among
#: empty weeks, not a block across the whole width.
MIN_WEEKS_SHOWN = 8
#: And at most this many (ten years), the latest ones: a date far in the past (a typo) must not
#: make a row per week for a century, past what Altair allows (5,000 rows).
MAX_WEEKS_SHOWN = 520
#: Dash patterns of the reply chart's lines: your median, then the published average.
REFERENCE_DASHES = [[6, 4], [2, 3]]


def percent_text(rate: pd.Series) -> pd.Series:
    """Rates as whole percentages that never contradict their count: a share that rounds to 0%
    but is not nothing reads "<1%", one that rounds to 100% but is not all reads ">99%".
    A missing rate (no base to measure from) is empty text."""
    whole = (rate * 100).round()
    text = whole.astype("Int64").astype("str") + "%"
    text = text.where(~((whole == 0) & (rate > 0)), "<1%")
    text = text.where(~((whole == 100) & (rate < 1)), ">99%")
    return text.where(rate.notna(), "").astype("str")


def funnel_chart(funnel_df: pd.DataFrame) -> alt.LayerChart | alt.Chart:
    """Applications reaching each step, each bar labelled with its count and conversion."""
    title = "How far your applications got"
    if funnel_df.empty or int(funnel_df["count"].max()) == 0:
        return empty_chart(title, "Nothing to count yet: log applications and replies first.")
    rate = funnel_df["rate"]
    percent = percent_text(rate)
    counts = funnel_df["count"].map("{:,}".format).astype("str")
    label = counts + (" · " + percent).where(rate.notna(), "")
    base = funnel_df["rate_from"].astype("str").str.lower()
    detail = (percent + " of those at " + base).where(rate.notna(), "where every count starts")
    data = pd.DataFrame({"s": funnel_df["step"], "c": funnel_df["count"], "l": label, "p": detail})
    y = alt.Y("s:N", title=None, sort=list(data["s"]), axis=alt.Axis(labelLimit=160))
    # Room to the right of the longest bar for its label.
    top = float(data["c"].max()) * 1.3
    x = alt.X("c:Q", title=None, axis=None, scale=alt.Scale(domain=[0, top], nice=False))
    # Both layers name their tooltip: the labels' layer once showed its raw keys (c, s, l).
    tooltip = [
        alt.Tooltip("s:N", title="Step"),
        alt.Tooltip("c:Q", title="Applications"),
        alt.Tooltip("p:N", title="Conversion"),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(cornerRadiusEnd=3, color=EVENT_STYLE["applied"][0])
        .encode(x=x, y=y, tooltip=tooltip)
    )
    text = (
        alt.Chart(data)
        .mark_text(align="left", dx=6, color=TEXT_GREY, fontSize=12)
        .encode(x=alt.X("c:Q"), y=y, text=alt.Text("l:N"), tooltip=tooltip)
    )
    subtitle = (
        "Each percentage compares a step with the one before it; "
        "offers are compared with everyone interviewed."
    )
    steps = ", ".join(f"{step} {count:,}" for step, count in
                      zip(funnel_df["step"], funnel_df["count"], strict=True))
    # A fixed height (30 px a step) rather than a step: see chart_spec.
    chart = alt.layer(bars, text, title=chart_title(title, subtitle), height=30 * len(data))
    return described(chart, f"Applications reaching each step: {steps}.")


def reply_days_chart(
    series: pd.Series,
    reference_days: float | None = None,
    reference_label: str = "",
) -> alt.LayerChart | alt.Chart:
    """How long replies took, binned in pandas so only the counts travel to the browser.

    A dashed line marks the user's median; ``reference_days`` adds a second line (for example a
    published average, with its source in ``reference_label``). The lines are told apart by
    their dashes and named in a legend under the chart: labels beside the lines collided
    whenever the two values were close.
    """
    title = "How long replies took"
    days = pd.to_numeric(series, errors="coerce").dropna()
    days = days[days >= 0]
    if days.empty:
        return empty_chart(title, "No replies logged yet.")
    width = 7 * max(1, math.ceil(float(days.max()) / 7 / 20))
    starts = (days // width * width).astype("int64")
    counts = starts.value_counts().sort_index()
    data = pd.DataFrame({"s": counts.index, "e": counts.index + width, "c": counts.to_numpy()})
    data["l"] = data["s"].astype("str") + "–" + (data["e"] - 1).astype("str") + " days"
    median = float(days.median())
    marks = [(median, f"your median: {median:g} days")]
    if reference_days is not None:
        marks.append((float(reference_days), reference_label or f"{reference_days:g} days"))
    right = max(int(data["e"].max()), math.ceil(max(at for at, _ in marks) / width + 1) * width)
    x_scale = alt.Scale(domain=[0, right], nice=False)
    edges = list(range(0, right + 1, width))
    bars = (
        alt.Chart(data)
        .mark_bar(color=EVENT_STYLE["heard back"][0], binSpacing=1)
        .encode(
            x=alt.X(
                "s:Q",
                title="Days from applying to the first reply",
                bin="binned",
                scale=x_scale,
                axis=alt.Axis(values=edges, format="d"),
            ),
            x2=alt.X2("e:Q"),
            y=alt.Y("c:Q", title="Applications", axis=alt.Axis(format="d", tickMinStep=1)),
            tooltip=[alt.Tooltip("l:N", title="Took"), alt.Tooltip("c:Q", title="Applications")],
        )
    )
    names = [" ".join(text.split()) for _, text in marks]
    lines = pd.DataFrame({"x": [at for at, _ in marks], "t": names})
    rules = (
        alt.Chart(lines)
        .mark_rule(strokeWidth=2, color=TEXT_GREY)
        .encode(
            x=alt.X("x:Q"),
            strokeDash=alt.StrokeDash(
                "t:N", title=None, sort=names,
                scale=alt.Scale(domain=names, range=REFERENCE_DASHES[: len(names)]),
                legend=alt.Legend(orient="bottom", direction="vertical", symbolType="stroke",
                                  symbolStrokeColor=TEXT_GREY, symbolStrokeWidth=2,
                                  labelLimit=420),
            ),
            tooltip=[alt.Tooltip("t:N", title="Line")],
        )
    )
    noun = "reply" if len(days) == 1 else "replies"
    summary = f"{len(days):,} {noun} logged; the median took {median:g} days"
    if reference_days is not None:
        summary += f" ({reference_label or f'{reference_days:g} days'} for comparison)"
    return described(alt.layer(bars, rules, title=chart_title(title)), summary + ".")


def weekly_chart(weekly_df: pd.DataFrame) -> alt.LayerChart | alt.Chart:
    """Applications, follow-ups and interviews per week, stacked, to show the pace of the search.

    The frame travels wide (one row per week, one-letter keys) and is folded in the browser:
    three years of weeks stay around 15 KB.
    """
    title = "Your activity week by week"
    if weekly_df.empty:
        return empty_chart(title, "No activity logged yet.")
    weekly_df = weekly_df[weekly_df["week"] > weekly_df["week"].max()
                          - pd.Timedelta(weeks=MAX_WEEKS_SHOWN)].reset_index(drop=True)
    keys = {"applications": "a", "follow_ups": "f", "interviews": "i"}
    wide = pd.DataFrame({"w": day_text(weekly_df["week"]).to_numpy()})
    # A bar covers Monday to Sunday, leaving a day's gap between weeks.
    wide["e"] = day_text(weekly_df["week"] + pd.Timedelta(days=6)).to_numpy()
    wide["t"] = ("Week of " + day_label(weekly_df["week"])).to_numpy()
    for column, key in keys.items():
        wide[key] = weekly_df[column].astype("int64").to_numpy()
    names = {keys[column]: label for column, (label, _) in WEEKLY_SERIES.items()}
    name_expr = " : ".join(f"datum.key === '{k}' ? '{v}'" for k, v in names.items())
    order_expr = " : ".join(f"datum.key === '{k}' ? {i}" for i, k in enumerate(names))
    first, last = _weeks_shown(weekly_df["week"])
    # A tick on each Monday while days are labelled (Vega's own weeks start on Sunday, and with
    # a week or two of data it would mark hours).
    mondays = pd.date_range(first + pd.Timedelta(days=1), last, freq="7D")
    ticks = {"values": [utc_day(day) for day in mondays]} if short_span(first, last) else {}
    x_scale, span = time_span(first, last)
    bars = (
        alt.Chart(wide)
        .transform_fold(list(names), as_=["key", "n"])
        .transform_filter("datum.n > 0")
        .transform_calculate(m=f"{name_expr} : datum.key", o=f"{order_expr} : 9")
        .mark_bar(orient="vertical")
        .encode(
            x=x_time("w", x_scale).axis(date_axis(first, last, **ticks)),
            x2=alt.X2("e:T"),
            y=alt.Y("n:Q", title="Per week", stack=True,
                    axis=alt.Axis(format="d", tickMinStep=1,
                                  tickCount=int(min(5, max(1, weekly_df[list(keys)].sum(
                                      axis=1).max()))))),
            order=alt.Order("o:Q"),
            color=alt.Color(
                "m:N",
                title=None,
                scale=alt.Scale(
                    domain=list(names.values()), range=[c for _, c in WEEKLY_SERIES.values()]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("t:N", title="Week"),
                alt.Tooltip("m:N", title="What"),
                alt.Tooltip("n:Q", title="Count"),
            ],
        )
    )
    chart = alt.layer(span, bars, title=chart_title(title))
    return described(chart, _weekly_summary(weekly_df))


def _weekly_summary(weekly_df: pd.DataFrame) -> str:
    """The weeks in one sentence: the totals of each series and the busiest week."""
    totals = ", ".join(plural(int(weekly_df[column].sum()), *WEEKLY_NOUNS[column])
                       for column in WEEKLY_SERIES)
    per_week = weekly_df[list(WEEKLY_SERIES)].sum(axis=1)
    busiest = day_label(weekly_df["week"].loc[[per_week.idxmax()]]).iloc[0]
    weeks = plural(len(weekly_df), "week")
    return (f"Over {weeks}: {totals}. The busiest was the week of {busiest}, "
            f"with {int(per_week.max()):,}.")




def _weeks_shown(mondays: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x axis's first and last day: the weeks with data and a day's margin, reaching back
    to MIN_WEEKS_SHOWN weeks when there are fewer (the latest week stays at the right edge)."""
    first, last = pd.Timestamp(mondays.min()), pd.Timestamp(mondays.max()) + pd.Timedelta(days=7)
    first = min(first, last - pd.Timedelta(weeks=MIN_WEEKS_SHOWN))
    return first - pd.Timedelta(days=1), last
