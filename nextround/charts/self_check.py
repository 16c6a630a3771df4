"""The self-check's charts: the reading on a banded gauge, what moved it, and readings over time."""

from __future__ import annotations

import altair as alt
import pandas as pd

from nextround.charts.spec import NEUTRAL, TEXT_GREY, chart_title, described
from nextround.domain.self_check.content import bands
from nextround.domain.self_check.evidence import OWN_BASES
from nextround.domain.self_check.scoring import CheckResult

UP_COLOUR = "#2e7d32"
DOWN_COLOUR = "#c62828"
BAND_COLOURS = {"low": "#f6d5d5", "mid": "#e8e8e8", "high": "#d3ecd5"}




def _band_frame() -> pd.DataFrame:
    ordered = sorted(bands(), key=lambda b: b.minimum)
    rows = []
    for i, band in enumerate(ordered):
        end = ordered[i + 1].minimum if i + 1 < len(ordered) else 100.0
        rows.append({"start": band.minimum, "end": end, "band": band.label})
    return pd.DataFrame(rows)


def _sized(chart: alt.TopLevelMixin, width: int | None) -> alt.TopLevelMixin:
    """Fit the page's width by default; a fixed width for charts placed side by side.

    Tried in Streamlit 1.67: without "fit-x" the page squeezed the height of a titled chart to
    almost nothing, and with width="container" in the spec the bars lost their height. Set on
    the chart just built for this use (``properties`` would deep-copy every layer).
    """
    if width is not None:
        chart.width = width
    else:
        chart.autosize = alt.AutoSizeParams(type="fit-x", contains="padding")
    return chart


def _band_edges(frame: pd.DataFrame) -> list[float]:
    return sorted({0.0, 100.0, *frame["start"], *frame["end"]})


def score_gauge(result: CheckResult, width: int | None = None) -> alt.LayerChart:
    """The score on a 0-100 bar with the bands shaded; no marker when there is no score, and
    no zone names when the reading is a lean."""
    frame = _band_frame()
    colours = [BAND_COLOURS["low"], BAND_COLOURS["mid"], BAND_COLOURS["high"]][: len(frame)]
    x_axis = alt.X(
        "start:Q",
        scale=alt.Scale(domain=[0, 100]),
        title=None,
        axis=alt.Axis(values=_band_edges(frame), grid=False, labelColor="#666"),
    )
    base = (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=x_axis,
            x2=alt.X2("end:Q"),
            y=alt.YValue(18),
            y2=alt.Y2Value(44),
            color=alt.Color(
                "band:N", scale=alt.Scale(domain=list(frame["band"]), range=colours), legend=None
            ),
            tooltip=[alt.Tooltip("band:N", title="Band")],
        )
    )
    labels = (
        alt.Chart(frame.assign(middle=(frame["start"] + frame["end"]) / 2))
        .mark_text(fontSize=11, color="#444")
        .encode(x=alt.X("middle:Q"), y=alt.YValue(56), text=alt.Text("band:N"))
    )
    # A one-sided reading names its own lean; the zones' names beside it would contradict it
    # ("Mixed signs" under "Leaning encouraging"), so the zones stay shaded but unnamed.
    named = result.score is None or result.band in set(frame["band"])
    layers: list[alt.Chart] = [base, labels] if named else [base]
    if result.score is not None:
        point = pd.DataFrame({"score": [round(result.score)], "label": [f"{result.score:.0f}"]})
        layers.append(
            alt.Chart(point)
            .mark_rule(strokeWidth=4, color="#1a1a1a")
            .encode(
                x=alt.X("score:Q"),
                y=alt.YValue(12),
                y2=alt.Y2Value(47),
                tooltip=[alt.Tooltip("score:Q", title="Score")],
            )
        )
        layers.append(
            alt.Chart(point)
            .mark_text(fontSize=13, fontWeight="bold")
            .encode(x=alt.X("score:Q"), y=alt.YValue(4), text=alt.Text("label:N"))
        )
    title = result.band if result.score is None else f"{result.band} ({result.score:.0f} of 100)"
    chart = described(alt.layer(*layers, height=66, title=title),
                      f"Your reading on a scale of 0 to 100: {title}.")
    return _sized(chart, width)


def contributions_chart(
    result: CheckResult, width: int | None = None
) -> alt.Chart | alt.LayerChart:
    """Each sign that counted as a bar: right and green pushes the reading up, left and red down."""
    frame = result.contributions
    if frame.empty:
        message = pd.DataFrame({"text": ["No answer has moved the reading yet."]})
        chart = (alt.Chart(message).mark_text(fontSize=13, color=TEXT_GREY)
                 .encode(text=alt.Text("text:N")))
        return _sized(described(chart.properties(height=60), message["text"].iloc[0]), width)
    # Only the person's own answers and ratings are called theirs: a sign worked out from the
    # times or the decision date says so where it is named.
    own = frame["basis"].isin(OWN_BASES)
    frame = frame.assign(
        direction=frame["contribution"].map(lambda v: "Points up" if v > 0 else "Points down"),
        row=frame["label"] + " (" + frame["answer"]
        + (", " + frame["basis"]).where(~own, "") + ")",
    )
    order = list(frame["row"])
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("contribution:Q", title="Effect on the reading",
                    axis=alt.Axis(tickCount=5, format=".1f")),
            y=alt.Y("row:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "direction:N",
                scale=alt.Scale(
                    domain=["Points up", "Points down"], range=[UP_COLOUR, DOWN_COLOUR]
                ),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Sign"),
                alt.Tooltip("answer:N", title="Answer"),
                alt.Tooltip("basis:N", title="Based on"),
                alt.Tooltip("contribution:Q", title="Effect", format="+.2f"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=NEUTRAL).encode(x=alt.X("x:Q"))
    chart = alt.layer(bars, zero, height=max(60, 24 * len(frame)), title="What moved the reading")
    up = int((frame["contribution"] > 0).sum())
    strongest = frame.loc[frame["contribution"].abs().idxmax(), "row"]
    mine = int(own.sum())
    whose = f"{mine} of your answers" + (
        f", {len(frame) - mine} worked out from the details you gave" if mine < len(frame) else "")
    summary = (f"{len(frame)} things moved the reading ({whose}): {up} up and "
               f"{len(frame) - up} down; the strongest was {strongest}.")
    return _sized(described(chart, summary), width)


def score_chart(result: CheckResult, width: int = 480) -> alt.VConcatChart:
    """The gauge above the diverging bars, for a page that wants one picture.

    Concatenated charts cannot stretch to their container, so this one has a fixed width; a page
    that wants full width draws ``score_gauge`` and ``contributions_chart`` one under the other.
    """
    return alt.vconcat(
        score_gauge(result, width=width), contributions_chart(result, width=width)
    ).resolve_scale(x="independent", color="independent")


def history_chart(history: pd.DataFrame, title: str) -> alt.LayerChart | alt.Chart:
    """Scores over time as a line with points on the bands' shading, fitted to the page width.

    ``history`` is ``self_check.history_frame`` (optionally ``history_with_names``). One row per
    scored check; a few dozen points at most, so nothing needs aggregating.
    """
    fit = alt.AutoSizeParams(type="fit-x", contains="padding")
    if history.empty:
        message = pd.DataFrame({"text": ["No scored checks yet."]})
        chart = (alt.Chart(message).mark_text(fontSize=13, color=TEXT_GREY)
                 .encode(text=alt.Text("text:N")))
        return described(chart.properties(height=60, title=title, autosize=fit),
                         f"{title}: no scored checks yet.")
    ordered = sorted(bands(), key=lambda b: b.minimum)
    shading = pd.DataFrame(
        {
            "start": [b.minimum for b in ordered],
            "end": [*(b.minimum for b in ordered[1:]), 100.0],
            "band": [b.label for b in ordered],
        }
    )
    colours = [BAND_COLOURS[k] for k in ("low", "mid", "high")][: len(shading)]
    y_scale = alt.Scale(domain=[0, 100])
    background = (
        alt.Chart(shading)
        .mark_rect(opacity=0.6)
        .encode(
            y=alt.Y("start:Q", scale=y_scale, title="Reading (0 to 100)"),
            y2=alt.Y2("end:Q"),
            color=alt.Color(
                "band:N", scale=alt.Scale(domain=list(shading["band"]), range=colours),
                legend=None,
            ),
        )
    )
    names = (
        alt.Chart(shading.assign(middle=(shading["start"] + shading["end"]) / 2))
        .mark_text(align="left", baseline="middle", fontSize=10, color=TEXT_GREY)
        .encode(x=alt.XValue(6), y=alt.Y("middle:Q", scale=y_scale), text=alt.Text("band:N"))
    )
    frame = history.assign(
        when=history["date"].dt.strftime("%d %b %Y"), score=history["score"].round(0)
    )
    line = (
        alt.Chart(frame)
        .mark_line(
            point=alt.OverlayMarkDef(size=70, filled=True, color="#1a1a1a"), color="#1a1a1a"
        )
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%d %b", labelAngle=0)),
            y=alt.Y("score:Q", scale=y_scale),
            tooltip=[
                alt.Tooltip("label:N", title="Interview"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("band:N", title="Reading"),
                alt.Tooltip("score:Q", title="Score", format=".0f"),
            ],
        )
    )
    chart = alt.layer(background, names, line, height=220, title=title, autosize=fit)
    return described(chart, _history_summary(frame, title))


def _history_summary(frame: pd.DataFrame, title: str) -> str:
    """The readings in one sentence: how many, over which dates, and the latest."""
    ordered = frame.sort_values("date")
    latest = ordered.iloc[-1]
    count = f"{len(ordered)} reading{'s' * (len(ordered) != 1)}"
    span = (f"on {latest['when']}" if len(ordered) == 1
            else f"from {ordered['when'].iloc[0]} to {latest['when']}")
    return (f"{title}: {count} {span}; the latest reads {latest['band']} "
            f"({latest['score']:.0f} of 100).")


def calibration_chart(table: pd.DataFrame, width: int | None = None) -> alt.LayerChart:
    """Readings against outcomes: per reading band, the share of checks whose application moved
    forward, with its 90% interval as a line and "k of n" beside it. ``table`` is
    ``learning.calibration_table``; bands with no checks are left out."""
    shown = table[table["checks"] > 0]
    # Bands as rows, lowest reading at the bottom: long band names never collide on an axis.
    order = list(shown["band"])[::-1]
    y = alt.Y("band:N", sort=order, title="Your reading", axis=alt.Axis(labelLimit=240))
    x_scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip("band:N", title="Reading"),
               alt.Tooltip("text:N", title="Moved forward"),
               alt.Tooltip("share:Q", title="Share", format=".0%"),
               alt.Tooltip("low:Q", title="90% interval from", format=".0%"),
               alt.Tooltip("high:Q", title="to", format=".0%")]
    base = alt.Chart(shown)
    interval = base.mark_rule(strokeWidth=3, color=NEUTRAL).encode(
        y=y, x=alt.X("low:Q", scale=x_scale, title="Share that moved forward",
                     axis=alt.Axis(format="%")), x2=alt.X2("high:Q"), tooltip=tooltip)
    point = base.mark_point(filled=True, size=90, color=UP_COLOUR, opacity=1).encode(
        y=y, x=alt.X("share:Q", scale=x_scale), tooltip=tooltip)
    label = base.mark_text(align="left", dy=-12, color=TEXT_GREY).encode(
        y=y, x=alt.X("share:Q", scale=x_scale), text=alt.Text("text:N"))
    words = "; ".join(f"{r.band}: {r.text} moved forward" for r in shown.itertuples())
    chart = alt.layer(interval, point, label, height=40 * max(len(shown), 2),
                      title=chart_title("Readings against outcomes",
                                        "Share that moved forward, with its 90% interval"))
    return described(_sized(chart, width), f"Readings against outcomes. {words}.")
