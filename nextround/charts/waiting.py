"""The "still waiting" curve: the share of the person's interviews still without an answer,
by days since the interview (a Kaplan-Meier estimate), with the waits going on now marked on it.

Drawn from the estimator's table (one row per distinct wait length) and the current waits
grouped by day, so a long search still sends a few dozen rows.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from nextround.charts.spec import EVENT_STYLE, TEXT_GREY, chart_title, empty_chart
from nextround.text import plural

TITLE = "Still waiting after an interview"
CURVE_COLOUR = EVENT_STYLE["heard back"][0]
NOW_COLOUR = EVENT_STYLE["interview"][0]
HEIGHT = 200
#: Names listed in a dot's tooltip before "and N more".
NAMES_SHOWN = 3


def _curve(table: pd.DataFrame) -> pd.DataFrame:
    """The step curve's corners: 100% at day 0, then the estimate after each wait length."""
    start = pd.DataFrame({"d": [0], "s": [1.0], "n": [int(table["at_risk"].max())]})
    rows = pd.DataFrame({"d": table["days"].to_numpy(dtype="int64"),
                         "s": table["still_waiting"].to_numpy(dtype="float64"),
                         "n": table["at_risk"].to_numpy(dtype="int64")})
    return pd.concat([start, rows[rows["d"] > 0]], ignore_index=True)


def _now_points(table: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Each day someone is waiting on, placed on the curve, with who is waiting that long."""
    if current.empty:
        return pd.DataFrame({"d": [], "s": [], "t": []})
    grouped = current.groupby("days", sort=True)["name"]
    days = grouped.size().index.to_numpy(dtype="int64")
    at = np.searchsorted(table["days"].to_numpy(), days, side="right") - 1
    shares = np.where(at >= 0, table["still_waiting"].to_numpy()[np.maximum(at, 0)], 1.0)

    def names(group: pd.Series) -> str:
        shown = ", ".join(group.head(NAMES_SHOWN))
        more = len(group) - NAMES_SHOWN
        return shown + (f" and {more} more" if more > 0 else "")

    text = grouped.apply(names).to_numpy(dtype=object)
    label = [f"{t} ({plural(int(d), 'day')} so far)" for t, d in zip(text, days, strict=True)]
    return pd.DataFrame({"d": days, "s": shares, "t": label})


def still_waiting_chart(table: pd.DataFrame, current: pd.DataFrame, answers: int,
                        needed: int, median_days: int | None = None) -> alt.LayerChart | alt.Chart:
    """The curve of ``table`` (``waiting.kaplan_meier``) with ``current`` waits (columns days
    and name) as dots on it; below ``needed`` answers, a placeholder that says why."""
    if answers < needed:
        return empty_chart(TITLE, f"Not enough answers logged yet to draw it: {answers} of the "
                                  f"{needed} it needs.")
    curve = _curve(table)
    dots = _now_points(table, current)
    right = int(max(curve["d"].max(), dots["d"].max() if len(dots) else 0, 1))
    x = alt.X("d:Q", title="Days since the interview", scale=alt.Scale(domain=[0, right]),
              axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("s:Q", title="Still without an answer", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]))
    layers: list[alt.Chart] = [
        alt.Chart(curve).mark_line(interpolate="step-after", color=CURVE_COLOUR, strokeWidth=2)
        .encode(x=x, y=y, tooltip=[alt.Tooltip("d:Q", title="Days"),
                                   alt.Tooltip("s:Q", title="Still waiting", format=".0%"),
                                   alt.Tooltip("n:Q", title="Interviews it rests on")]),
    ]
    if median_days is not None:
        half = pd.DataFrame({"d": [median_days], "t": [f"half answered by day {median_days}"]})
        layers.append(alt.Chart(half).mark_rule(strokeDash=[4, 4], color=TEXT_GREY)
                      .encode(x=alt.X("d:Q")))
        layers.append(alt.Chart(half).mark_text(align="left", dx=4, baseline="top",
                                                color=TEXT_GREY)
                      .encode(x=alt.X("d:Q"), y=alt.YValue(4), text=alt.Text("t:N")))
    if len(dots):
        layers.append(
            alt.Chart(dots).mark_point(filled=True, size=80, color=NOW_COLOUR, shape="diamond")
            .encode(x=x, y=y, tooltip=[alt.Tooltip("t:N", title="Waiting now")])
        )
    subtitle = ("Share of your interviews with no answer yet, by days since the interview. "
                f"Diamonds: the waits going on now. From {answers} answers.")
    # "fit-x": Streamlit stretches the width; without it a titled chart loses its height.
    return alt.layer(*layers, title=chart_title(TITLE, subtitle), height=HEIGHT,
                     autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
