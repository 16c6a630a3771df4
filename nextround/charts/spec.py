"""How every chart of the app is drawn and shipped: the shared colours and helpers, the step
from an Altair chart to a small Vega-Lite spec with its data already in Arrow form, and PNG or
SVG images rendered locally.

Streamlit ships every row of a chart's data to the browser (it skips Altair's 5,000-row guard),
so every builder draws from a small frame prepared in pandas with short column names.

Axis, legend and title text are left to the app's theme. Streamlit's theme does not colour
subtitles or text marks (they would stay black on the dark theme), so those use one mid grey;
the other fixed colours are mid-tones that read on either background. Dates travel as
"YYYY-MM-DD" text on a UTC scale, so a bar never shifts by a day west of Greenwich.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
from altair.utils.schemapi import disable_debug_mode

from nextround.event_kinds import registry
from nextround.stages import stage_colours

# Altair checks each part of a chart against Vega-Lite's schema as the part is made (its "debug
# mode"), and the whole chart again as it becomes a spec. Whether a chart passes depends on the
# code that builds it, not on the search it draws (data values are free-form in the schema), and
# that code is what the tests check: they turn CHECK_SPECS on (tests/conftest.py), so every spec
# a test builds is checked whole. The app does not check again on each build: the two checks
# were a fifth of rebuilding Pipeline after a save (500-630 to about 400 ms of the script's
# processor time on the sample search).
disable_debug_mode()
CHECK_SPECS = False

DAY = "%Y-%m-%d"
#: Date axes use one label format each, never Vega's mix of "Sat 07", "Nov 15" and "December":
#: day and month while the axis spans up to SHORT_SPAN_DAYS, month and year beyond.
DAY_AXIS = "%-d %b"
MONTH_AXIS = "%b %Y"
SHORT_SPAN_DAYS = 200
#: A subtitle longer than this many characters is wrapped (half-width charts cut it off).
SUBTITLE_CHARS = 70
NEUTRAL = "#8c8c8c"
#: For text the theme does not colour (subtitles, labels on marks): about 4.4:1 against both
#: Streamlit's white and its near-black background, where black or white would vanish in one.
TEXT_GREY = "#777777"
OVERDUE = "#e4413b"

#: Each stage's colour, from the stage registry (nextround/stages.toml).
STAGE_COLOURS: dict[str, str] = stage_colours()
#: Colour and shape per event kind, from the event-kind registry: shape as well as colour, so the
#: chart survives colour blindness.
EVENT_STYLE: dict[str, tuple[str, str]] = {
    name: (kind.colour, kind.mark) for name, kind in registry().items()
}
URGENCY_STYLE: dict[str, tuple[str, str]] = {
    "overdue": ("Overdue", OVERDUE),
    "today": ("Due today", "#f58518"),
    "soon": ("Due soon", "#4c78a8"),
    "later": ("Due later", NEUTRAL),
}
WEEKLY_SERIES: dict[str, tuple[str, str]] = {
    "applications": ("Applications", EVENT_STYLE["applied"][0]),
    "follow_ups": ("Follow-ups and thank-yous", EVENT_STYLE["thank-you sent"][0]),
    "interviews": ("Interviews", EVENT_STYLE["interview"][0]),
}
#: The weekly series counted in words (one, many): "1 interview", "0 follow-ups and thank-yous".
WEEKLY_NOUNS: dict[str, tuple[str, str]] = {
    "applications": ("application", "applications"),
    "follow_ups": ("follow-up or thank-you", "follow-ups and thank-yous"),
    "interviews": ("interview", "interviews"),
}



# --- shared helpers ----------------------------------------------------------------------------


def chart_data_bytes(chart: alt.TopLevelMixin) -> int:
    """Bytes of data the chart embeds (what Streamlit sends to the browser besides the spec)."""
    return sum(len(json.dumps(values, separators=(",", ":"))) for values in _datasets(chart))


def _datasets(chart: alt.TopLevelMixin) -> Iterator[Any]:
    spec = chart.to_dict()
    yield from spec.get("datasets", {}).values()
    stack: list[Any] = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data:
                yield data["values"]
            stack.extend(v for k, v in node.items() if k != "datasets")
        elif isinstance(node, list):
            stack.extend(node)


def chart_title(text: str, *subtitle: str) -> alt.TitleParams:
    lines = [line for line in subtitle if line]
    return alt.TitleParams(
        text=text, subtitle=lines or alt.Undefined, anchor="start", subtitleColor=TEXT_GREY
    )


def day_text(dates: pd.Series) -> pd.Series:
    """Dates as "YYYY-MM-DD", the form the charts parse as UTC days."""
    return pd.to_datetime(dates).dt.strftime(DAY).astype("str")


def day_label(dates: pd.Series) -> pd.Series:
    """Dates as "9 Mar 2026" for tooltips (no platform-specific strftime flags)."""
    dates = pd.to_datetime(dates)
    return (dates.dt.day.astype("Int64").astype("str") + dates.dt.strftime(" %b %Y")).astype("str")


def short(text: pd.Series, limit: int) -> pd.Series:
    """Text cut to ``limit`` characters with an ellipsis, missing as empty, lines joined."""
    text = text.astype("str").fillna("").str.replace(r"\s+", " ", regex=True).str.strip()
    return text.where(text.str.len() <= limit, text.str.slice(0, limit - 1).str.rstrip() + "…")


def x_time(field: str, scale: alt.Scale | None = None) -> alt.X:
    return alt.X(field, type="temporal", title=None, scale=scale or alt.Scale(type="utc"))


def time_span(first: pd.Timestamp, last: pd.Timestamp) -> tuple[alt.Scale, alt.Chart]:
    """A UTC time scale that runs from ``first`` to ``last``, and the invisible layer (two
    points at those days) that makes it do so.

    The span travels as data rather than as an explicit domain: Vega-Lite reads an explicit
    date domain one way on x and another on a bar's untyped x2, warns in the console that the
    domains conflict, takes their union and finds an infinite extent for the bars.
    """
    scale = alt.Scale(type="utc", nice=False)
    ends = pd.DataFrame({"x": day_text(pd.Series([first, last]))})
    layer = alt.Chart(ends).mark_point(opacity=0, aria=False).encode(x=x_time("x", scale))
    return scale, layer


def described(chart: alt.TopLevelMixin, summary: str) -> alt.TopLevelMixin:
    """The chart with its text alternative: one sentence saying what it shows. Vega gives it to
    screen readers as the chart's label, and the page prints it under the chart
    (``chart_summary``), so the picture is never the only way to the figures.

    Set on the chart it is given, which each caller has just built for this one use: Altair's
    ``properties`` would return a deep copy of every layer once more."""
    chart.description = summary
    return chart


def chart_summary(chart: alt.TopLevelMixin | dict) -> str:
    """The text alternative ``described`` gave a chart or its spec ("" when it has none)."""
    value = chart.get("description") if isinstance(chart, dict) else chart["description"]
    return value if isinstance(value, str) else ""


def utc_day(when: pd.Timestamp) -> alt.DateTime:
    """A day as a scale bound, in UTC like the dates the charts draw."""
    return alt.DateTime(year=when.year, month=when.month, date=when.day, utc=True)


def short_span(first: pd.Timestamp, last: pd.Timestamp) -> bool:
    """Whether a date axis from ``first`` to ``last`` labels days (else months)."""
    return (last - first).days <= SHORT_SPAN_DAYS


def date_axis(first: pd.Timestamp, last: pd.Timestamp, **options: object) -> alt.Axis:
    """A date axis with one label format from end to end (see DAY_AXIS)."""
    fmt = DAY_AXIS if short_span(first, last) else MONTH_AXIS
    return alt.Axis(format=fmt, labelOverlap="greedy", labelFlush=False, **options)


def empty_chart(title: str, message: str) -> alt.Chart:
    """A chart-shaped placeholder, so a page can draw its chart slot before there is data."""
    chart = (
        alt.Chart(pd.DataFrame({"m": [message]}), title=chart_title(title))
        .mark_text(align="left", x=0, baseline="middle", fontSize=13, color=TEXT_GREY)
        .encode(text=alt.Text("m:N"))
        .properties(height=60)
    )
    return described(chart, f"{title}: {message}")



# --- from chart to spec ----------------------------------------------------------------------


def chart_spec(chart: alt.TopLevelMixin, keep_title: bool = True) -> dict:
    """The chart as a Vega-Lite spec, ready for st.vega_lite_chart, built once and cached.

    Turning an Altair chart into a spec takes longer than the rest of the page's rerun at
    10,000 applications; the spec is plain data, so the page caches it instead of the chart.
    Altair's default theme (300 px continuous sizes) is dropped, as st.altair_chart does. Long
    subtitles are wrapped for half-width charts, text marks break lines at "\n", and the chart
    draws as SVG: the charts are small by construction, and SVG keeps their text crisp and
    readable by screen readers. (Streamlit 1.67 turns Vega's own export menu off whatever the
    spec asks; its chart toolbar saves a PNG instead.)
    """
    spec = chart.to_dict(validate=CHECK_SPECS)
    view = spec.get("config", {}).get("view", {})
    for key in ("continuousWidth", "continuousHeight"):
        view.pop(key, None)
    if "config" in spec and not view:
        spec["config"].pop("view", None)
    title = spec.get("title")
    if not keep_title:
        spec.pop("title", None)
    elif isinstance(title, dict) and title.get("subtitle"):
        # A subtitle longer than a half-width chart is cut off: wrap it instead.
        lines = title["subtitle"]
        lines = [lines] if isinstance(lines, str) else lines
        title["subtitle"] = [part for line in lines
                             for part in textwrap.wrap(line, SUBTITLE_CHARS) or [""]]
    spec.setdefault("config", {}).setdefault("text", {})["lineBreak"] = "\n"
    if isinstance(spec.get("height"), int | float):
        # Streamlit's theme asks Vega-Lite to fit the chart to the container both ways, which
        # would squeeze the plot of a chart with a set height: fit only the width.
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    return spec


def without_row_labels(spec: dict) -> dict:
    """The spec with the row labels of a timeline hidden (one application's own timeline sits
    under its name already)."""
    stack: list[Any] = [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            encoding = node.get("encoding")
            if isinstance(encoding, dict) and isinstance(encoding.get("y"), dict):
                encoding["y"]["axis"] = None
            stack.extend(v for k, v in node.items() if k != "datasets")
        elif isinstance(node, list):
            stack.extend(node)
    return spec


def arrow_datasets(spec: dict) -> dict:
    """The spec with its datasets already serialised to Arrow IPC bytes, the form Streamlit sends.

    st.vega_lite_chart converts every dataset on every call unless it is bytes already; done
    once here, inside the page's view cache, a rerun only copies bytes.
    """
    import pyarrow as pa

    datasets = spec.get("datasets")
    if isinstance(datasets, dict):
        shipped = {}
        for name, values in datasets.items():
            table = pa.Table.from_pandas(pd.DataFrame(values), preserve_index=False)
            sink = pa.BufferOutputStream()
            with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
                writer.write_table(table)
            shipped[name] = sink.getvalue().to_pybytes()
        spec["datasets"] = shipped
    return spec


def shipped(chart: alt.TopLevelMixin, keep_title: bool = True) -> dict:
    """The one way a chart reaches a page: its small Vega-Lite spec (``chart_spec``) with the
    data already in Arrow form (``arrow_datasets``), for ``st.vega_lite_chart``. A view model
    builds it inside the page's view cache, so a rerun draws without validating the chart or
    converting its data again; a chart of what the person is typing right now (the self-check
    gauge) is built on the run that needs it, the same way."""
    return arrow_datasets(chart_spec(chart, keep_title))


def chart_image(spec: dict, fmt: str) -> bytes:
    """A chart as a PNG (twice the screen resolution) or SVG file, rendered locally.

    vl-convert bundles the Vega renderer, so nothing is fetched from the network; imported
    here so only the person who asks for an image pays for loading it.
    """
    import vl_convert

    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec).encode("utf-8")
    if fmt == "png":
        return vl_convert.vegalite_to_png(spec, scale=2)
    raise ValueError(f"unknown image format {fmt!r}")
