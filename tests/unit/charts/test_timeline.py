"""The timeline chart: the layers and encodings the user relies on, row limits and payload size."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import altair as alt
import pandas as pd
import pytest
import vl_convert

from nextround.charts import timeline, timeline_rows
from nextround.charts.spec import DAY_AXIS, MONTH_AXIS, OVERDUE, chart_spec
from nextround.storage.frames import empty_frame, typed_frame

TODAY = dt.date(2026, 3, 9)  # the day of the shared searches
PAYLOAD_LIMIT = 100_000


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def layer_with(chart: alt.TopLevelMixin, mark: str, **encoded: str) -> dict[str, Any]:
    """The first layer of this mark type whose encodings use the given fields."""
    for layer in chart.to_dict()["layer"]:
        mark_type = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        enc = layer.get("encoding", {})
        if mark_type == mark and all(
            enc.get(ch, {}).get("field") == f for ch, f in encoded.items()
        ):
            return layer
    raise AssertionError(f"no {mark} layer encoding {encoded}")


# --- timeline ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def timeline_spec(small_search) -> alt.LayerChart:
    apps, events, actions = small_search()
    return timeline.timeline_chart(apps, events, actions, TODAY)


def test_timeline_has_a_rule_at_today(timeline_spec, dataset_of):
    rule = layer_with(timeline_spec, "rule", x="x")
    assert dataset_of(timeline_spec, rule) == [{"x": "2026-03-09"}]


def test_events_have_their_own_shape_and_colour_with_a_legend(timeline_spec):
    points = layer_with(timeline_spec, "point", shape="k", color="k")
    shape_scale = points["encoding"]["shape"]["scale"]
    assert len(set(shape_scale["range"])) == len(shape_scale["domain"])
    colour_scale = points["encoding"]["color"]["scale"]
    assert colour_scale["domain"] == shape_scale["domain"]
    assert len(set(colour_scale["range"])) == len(colour_scale["domain"])
    assert points["encoding"]["shape"].get("legend") is not None
    tooltip_titles = {t["title"] for t in points["encoding"]["tooltip"]}
    assert {"Application", "Event", "Date", "Details"} <= tooltip_titles


def test_interview_tooltip_names_round_and_interviewers(timeline_spec, dataset_of):
    points = layer_with(timeline_spec, "point", shape="k")
    details = {row["i"] for row in dataset_of(timeline_spec, points) if row["k"] == "interview"}
    assert "Round 1 · with Ana Lee, Bo Chen" in details


def test_zoom_and_pan_along_time_only(timeline_spec):
    spec = timeline_spec.to_dict()
    params = spec.get("params", []) + [
        p for layer in spec["layer"] for p in layer.get("params", [])
    ]
    zoom = [p for p in params if p.get("bind") == "scales"]
    assert len(zoom) == 1
    assert zoom[0]["select"] == {"type": "interval", "encodings": ["x"]}


def test_overdue_follow_ups_are_red_and_run_on_to_today(timeline_spec, dataset_of):
    rings = layer_with(timeline_spec, "point", color="u")
    assert rings["mark"]["filled"] is False
    scale = rings["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))["overdue"] == OVERDUE
    due = dataset_of(timeline_spec, rings)
    overdue = [row for row in due if row["u"] == "overdue"]
    assert overdue[0]["d"] == "2026-03-05"
    assert "Overdue by 4 days" in overdue[0]["w"]
    line = next(layer for layer in timeline_spec.to_dict()["layer"]
                if layer["mark"]["type"] == "rule" and "x2" in layer["encoding"])
    assert line["transform"][-1] == {"filter": "datum.u === 'overdue'"}
    assert line["mark"]["color"] == OVERDUE
    # From its due day to today, placed through the time axis's scale.
    assert line["encoding"]["x"]["value"] == {"expr": "scale('x', toDate(datum.d))"}
    assert line["encoding"]["x2"]["value"] == {"expr": "scale('x', toDate('2026-03-09'))"}


def test_rows_are_the_most_recently_active_first(timeline_spec, dataset_of):
    bars = layer_with(timeline_spec, "bar")
    # The order rides in the data (row number y, 0 at the top), not in a list in the spec.
    assert bars["encoding"]["y"]["sort"] == {"field": "y", "op": "min"}
    rows = sorted(dataset_of(timeline_spec, bars), key=lambda row: row["y"])
    assert rows[0]["r"] == "Company 0 · Data engineer"
    assert rows[-1]["r"] == "Company 14 · Data engineer"
    assert bars["encoding"]["color"]["field"] == "g"


def test_row_count_is_limited_and_the_rest_summarised(large_search, dataset_of):
    apps, events = large_search(200)
    chart = timeline.timeline_chart(apps, events, None, TODAY, max_rows=12)
    bars = layer_with(chart, "bar")
    assert len(dataset_of(chart, bars)) == 12
    subtitle = chart.to_dict()["title"]["subtitle"]
    assert any("188 older applications are not shown" in line for line in subtitle)


def test_hidden_follow_ups_are_mentioned(small_search, due_actions):
    apps, events, _ = small_search()
    actions = due_actions(("A14", "A13", "A00"))
    chart = timeline.timeline_chart(apps, events, actions, TODAY, max_rows=5)
    subtitle = " ".join(chart.to_dict()["title"]["subtitle"])
    assert "with 2 follow-ups due" in subtitle


def test_height_grows_with_rows_and_leaves_room_for_legends(small_search, dataset_of):
    apps, events, actions = small_search()
    full = timeline.timeline_chart(apps, events, actions, TODAY)
    rows = len(dataset_of(full, layer_with(full, "bar")))
    expected = timeline.ROW_HEIGHT * (rows + 2 * timeline.ROW_PADDING)
    assert full.to_dict()["height"] == round(expected)
    two = timeline.timeline_chart(apps.head(2), events, actions, TODAY)
    # Two rows would be 2 x 30 px: the legends need more, so each row is taller.
    assert two.to_dict()["height"] > timeline.ROW_HEIGHT * (2 + 2 * timeline.ROW_PADDING) + 1


def test_time_axis_spans_every_mark_with_a_margin_and_no_explicit_domain(small_search):
    """The span rides in an invisible layer: an explicit date domain made Vega-Lite warn about
    conflicting domains and an infinite extent, and squeezed the bars to one side."""
    apps, events, actions = small_search()
    chart = timeline.timeline_chart(apps, events, actions, TODAY)
    spec = chart.to_dict()
    assert "domain" not in layer_with(chart, "bar", x="s")["encoding"]["x"]["scale"]
    span = layer_with(chart, "point", x="x")
    assert span["mark"]["opacity"] == 0
    ends = pd.to_datetime([row["x"] for row in spec["datasets"][span["data"]["name"]]])
    bars = spec["datasets"][layer_with(chart, "bar", x="s")["data"]["name"]]
    starts = pd.to_datetime([row["s"] for row in bars])
    assert ends[0] < starts.min() and ends[1] > pd.Timestamp(TODAY)


def test_same_company_and_role_twice_get_separate_rows(dataset_of):
    apps = typed_frame(
        "applications",
        [
            {
                "id": "A1",
                "company": "Acme",
                "role": "Dev",
                "stage": "applied",
                "date_applied": days_ago(3),
            },
            {
                "id": "A2",
                "company": "Acme",
                "role": "Dev",
                "stage": "closed",
                "date_applied": days_ago(300),
            },
        ],
    )
    chart = timeline.timeline_chart(apps, empty_frame("events"), None, TODAY)
    labels = [row["r"] for row in dataset_of(chart, layer_with(chart, "bar"))]
    assert labels == ["Acme · Dev", "Acme · Dev (2)"]


def test_open_bars_end_today_and_closed_bars_at_the_closing_event(small_search, dataset_of):
    apps, events, _ = small_search()
    chart = timeline.timeline_chart(apps, events, None, TODAY)
    rows = {row["r"]: row for row in dataset_of(chart, layer_with(chart, "bar"))}
    open_row = rows["Company 0 · Data engineer"]  # applied, still open
    assert open_row["e"] == "2026-03-09"
    closed_row = rows["Company 4 · Data engineer"]  # applied 38 days ago, rejected 12 days in
    assert closed_row["g"] == "closed"
    assert closed_row["s"] == str(days_ago(38))
    assert closed_row["e"] == str(days_ago(38 - 12))


def test_a_closed_bar_with_no_closing_event_ends_at_its_last_event_or_last_change(dataset_of):
    """Issue 24 item 6: closed with no dated ending (imported, or closed by editing the stage)
    is drawn to its last dated event, else to the row's last change: never a 3-day stub, and
    the tooltip says which it is rather than passing it off as the day it closed."""
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Importedco", "role": "Dev", "stage": "closed",
         "outcome": "rejected", "date_applied": days_ago(60),
         "updated_at": dt.datetime.combine(days_ago(20), dt.time(9))},
        {"id": "A2", "company": "Interviewco", "role": "Dev", "stage": "closed",
         "outcome": "no response", "date_applied": days_ago(60),
         "updated_at": dt.datetime.combine(days_ago(1), dt.time(9))},
        {"id": "A3", "company": "Openco", "role": "Dev", "stage": "applied",
         "date_applied": days_ago(90)},
    ])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": days_ago(60), "kind": "applied"},
        {"id": "E2", "application_id": "A2", "date": days_ago(60), "kind": "applied"},
        {"id": "E3", "application_id": "A2", "date": days_ago(45), "kind": "interview"}])
    chart = timeline.timeline_chart(apps, events, None, TODAY)
    rows = {row["r"]: row for row in dataset_of(chart, layer_with(chart, "bar"))}
    imported = rows["Importedco · Dev"]
    assert (imported["s"], imported["e"]) == (str(days_ago(60)), str(days_ago(20)))
    assert imported["b"].startswith("not logged") and imported["b"].endswith("its last change)")
    interviewed = rows["Interviewco · Dev"]
    assert interviewed["e"] == str(days_ago(45))
    assert interviewed["b"].endswith("its last event)")
    assert rows["Openco · Dev"]["b"] == "today"


def test_an_outcome_closes_the_bar_whatever_the_stage_says(dataset_of):
    """Closed is ``is_open``'s answer: stage "interviewing" with outcome "rejected" is closed."""
    apps = typed_frame("applications", [
        {"id": "A1", "company": "Mixedco", "role": "Dev", "stage": "interviewing",
         "outcome": "rejected", "date_applied": days_ago(60),
         "updated_at": dt.datetime.combine(days_ago(30), dt.time(9))}])
    events = typed_frame("events", [
        {"id": "E1", "application_id": "A1", "date": days_ago(40), "kind": "interview"}])
    chart = timeline.timeline_chart(apps, events, None, TODAY)
    (row,) = dataset_of(chart, layer_with(chart, "bar"))
    assert row["e"] == str(days_ago(40)) and row["e"] != str(TODAY)
    assert row["g"] == "closed"


def _time_labels(chart: alt.TopLevelMixin) -> list[str]:
    """The time axis's labels as Vega draws them (vl-convert renders the chart's SVG)."""
    spec = chart_spec(chart)
    spec["width"] = 800  # as on the page, where the chart fills the width
    svg = vl_convert.vegalite_to_svg(spec)
    start = svg.index('aria-label="X-axis')
    end = svg.index('aria-label="Y-axis') if 'aria-label="Y-axis' in svg else len(svg)
    labels = svg[start:end]
    labels = labels[labels.index("role-axis-label"):]
    return re.findall(r"<text[^>]*>([^<]+)</text>", labels[:labels.index("</g>")])


def test_the_time_axis_has_one_label_format(small_search):
    """Not Vega's mix of "Sat 07", "Nov 15" and "December": days, or months past ~half a year.
    The format is picked in the browser from the axis's span (the spec stays the same whatever
    rows are shown), so the labels are read from the drawn chart."""
    apps, events, actions = small_search()  # about four months
    months = timeline.timeline_chart(apps, events, actions, TODAY)
    assert layer_with(months, "bar")["encoding"]["x"]["axis"]["labelOverlap"] == "greedy"
    days = _time_labels(months)
    assert len(days) >= 3 and all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", d) for d in days)
    assert DAY_AXIS == "%-d %b" and MONTH_AXIS == "%b %Y"
    old = typed_frame("applications", [{"id": "A1", "company": "Oldco", "role": "Dev",
                                        "stage": "applied", "date_applied": days_ago(500)}])
    years = _time_labels(timeline.timeline_chart(old, empty_frame("events"), None, TODAY))
    assert len(years) >= 3 and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", y) for y in years)


def test_payload_stays_small_at_ten_thousand_applications(large_search, due_actions):
    apps, events = large_search(10_000)
    chart = timeline.timeline_chart(apps, events, due_actions(), TODAY)
    assert len(chart.to_json()) < PAYLOAD_LIMIT
    assert "9,975 older applications" in json.dumps(chart.to_dict()["title"])


def test_payload_stays_small_with_long_text_and_many_rows(large_search, dataset_of):
    apps, events = large_search(2_000, long_text=True)
    chart = timeline.timeline_chart(apps, events, None, TODAY, max_rows=1_000)
    assert len(dataset_of(chart, layer_with(chart, "bar"))) == timeline.MAX_ROWS_LIMIT
    assert len(chart.to_json()) < PAYLOAD_LIMIT


@pytest.mark.parametrize("with_actions", [False, True], ids=["no actions", "no rows"])
def test_empty_timeline_draws_without_error(with_actions, due_actions):
    actions = due_actions(()) if with_actions else None
    chart = timeline.timeline_chart(
        empty_frame("applications"), empty_frame("events"), actions, TODAY
    )
    assert "No applications yet" in chart.to_json()


def test_applications_without_events_or_actions(small_search, due_actions, layers):
    apps, _, _ = small_search()
    chart = timeline.timeline_chart(apps, empty_frame("events"), due_actions(()), TODAY)
    marks = [layer["mark"]["type"] for layer in layers(chart) if layer["mark"].get("opacity")]
    assert marks.count("point") == 0
    assert "bar" in marks
    chart.to_json()


def test_titles_are_sentence_case_and_text_is_never_black(small_search):
    apps, events, actions = small_search()
    chart = timeline.timeline_chart(apps, events, actions, TODAY)
    title = chart.to_dict()["title"]["text"]
    assert title == timeline.TIMELINE_TITLE
    assert title[0].isupper() and title[1:] == title[1:].lower()
    for black in ('"#000"', '"#000000"', '"black"'):
        assert black not in chart.to_json()



def test_a_date_a_century_back_does_not_stretch_the_timeline(small_search, dataset_of):
    """A typo such as 1926 for 2026 would squeeze every bar to a line across a century: the axis
    spans at most MAX_SPAN and what starts earlier starts at its edge."""
    apps, events, actions = small_search()
    events = events.copy()
    events.loc[events.index[0], "date"] = pd.Timestamp("1926-03-01")
    chart = timeline.timeline_chart(apps, events, actions, TODAY)
    spec = chart.to_dict()
    span = next(layer for layer in spec["layer"] if layer["mark"].get("opacity") == 0)
    first, last = pd.to_datetime([row["x"] for row in spec["datasets"][span["data"]["name"]]])
    assert last - first <= timeline_rows.MAX_SPAN * 1.15  # with its margins
    assert first.year >= 2015
