"""Chart builders: the layers and encodings the user relies on, row limits and payload size."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pytest

from nextround.charts import timeline
from nextround.domain import pipeline
from nextround.storage.frames import convert_columns, empty_frame, typed_frame
from nextround.storage.schema import EVENT_KINDS, STAGES, get_table

TODAY = dt.date(2026, 3, 9)
PAYLOAD_LIMIT = 100_000


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def small_search() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Fifteen applications in assorted states, their events and three due follow-ups."""
    apps: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for i in range(15):
        app_id = f"A{i:02d}"
        applied = 10 + 7 * i
        stage = STAGES[1 + i % 5]
        apps.append(
            {
                "id": app_id,
                "company": f"Company {i}",
                "role": "Data engineer",
                "stage": stage,
                "outcome": "rejected" if stage == "closed" else None,
                "date_applied": days_ago(applied),
                "created_at": days_ago(applied),
            }
        )
        kinds = ["applied", "heard back", "interview", "thank-you sent", "rejection"]
        logged = len(kinds) if stage == "closed" else 2 + i % 3
        for step, kind in enumerate(kinds[:logged]):
            events.append(
                {
                    "id": f"E{i:02d}{step}",
                    "application_id": app_id,
                    "date": days_ago(applied - 3 * step),
                    "kind": kind,
                    "round": 1 if kind == "interview" else None,
                    "interviewers": "Ana Lee; Bo Chen" if kind == "interview" else None,
                }
            )
    return typed_frame("applications", apps), typed_frame("events", events), due_actions()


def due_actions(ids: tuple[str, ...] = ("A00", "A01", "A02")) -> pd.DataFrame:
    urgencies = ["overdue", "today", "soon"]
    return pd.DataFrame(
        {
            "key": [f"{a}:follow-up" for a in ids],
            "application_id": list(ids),
            "company": "Company",
            "role": "Data engineer",
            "kind": "follow-up",
            "note_kind": "follow-up",
            "due": pd.to_datetime([days_ago(4), TODAY, days_ago(-3)][: len(ids)]).astype(
                "datetime64[us]"
            ),
            "urgency": urgencies[: len(ids)],
            "reason": "A week after the interview",
            "anchor_event_id": "E",
        }
    )


def large_search(n_apps: int, long_text: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random applications with five events each, built column-wise for speed."""
    rng = np.random.default_rng(3)
    ids = pd.Series([f"A{i:06d}" for i in range(n_apps)])
    applied = pd.Timestamp(TODAY) - pd.to_timedelta(rng.integers(0, 700, n_apps), unit="D")
    text = "x" * 300 if long_text else "Engineer"
    apps = pd.DataFrame(
        {
            "id": ids,
            "company": ("Company " + ids) if not long_text else text,
            "role": text,
            "stage": rng.choice(STAGES, n_apps),
            "date_applied": applied,
            "created_at": applied,
        }
    )
    per_app = 20 if long_text else 5
    n_events = n_apps * per_app
    offsets = pd.to_timedelta(rng.integers(0, 60, n_events), unit="D")
    events = pd.DataFrame(
        {
            "id": [f"E{i:07d}" for i in range(n_events)],
            "application_id": ids.repeat(per_app).to_numpy(),
            "date": pd.Series(applied.repeat(per_app) + offsets).clip(upper=pd.Timestamp(TODAY)),
            "kind": rng.choice(EVENT_KINDS, n_events),
            "round": rng.integers(1, 4, n_events),
            "details": text,
            "interviewers": text,
        }
    )
    typed = [
        convert_columns(get_table(name), raw)[0]
        for name, raw in (("applications", apps), ("events", events))
    ]
    return typed[0], typed[1]


def layers(chart: alt.TopLevelMixin) -> list[dict[str, Any]]:
    return chart.to_dict()["layer"]


def dataset_of(chart: alt.TopLevelMixin, layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a layer draws (Altair hoists data shared by every layer to the top)."""
    spec = chart.to_dict()
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def layer_with(chart: alt.TopLevelMixin, mark: str, **encoded: str) -> dict[str, Any]:
    """The first layer of this mark type whose encodings use the given fields."""
    for layer in layers(chart):
        mark_type = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        enc = layer.get("encoding", {})
        if mark_type == mark and all(
            enc.get(ch, {}).get("field") == f for ch, f in encoded.items()
        ):
            return layer
    raise AssertionError(f"no {mark} layer encoding {encoded}")


# --- timeline ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def timeline_spec() -> alt.LayerChart:
    apps, events, actions = small_search()
    return timeline.timeline_chart(apps, events, actions, TODAY)


def test_timeline_has_a_rule_at_today(timeline_spec):
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


def test_interview_tooltip_names_round_and_interviewers(timeline_spec):
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


def test_overdue_follow_ups_are_red_and_run_on_to_today(timeline_spec):
    rings = layer_with(timeline_spec, "point", color="u")
    assert rings["mark"]["filled"] is False
    scale = rings["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True))["overdue"] == timeline.OVERDUE
    due = dataset_of(timeline_spec, rings)
    overdue = [row for row in due if row["u"] == "overdue"]
    assert overdue[0]["d"] == "2026-03-05"
    assert "Overdue by 4 days" in overdue[0]["w"]
    line = layer_with(timeline_spec, "rule", x="d")
    assert line["transform"][-1] == {"filter": "datum.u === 'overdue'"}
    assert line["encoding"]["x2"]["datum"] == {"year": 2026, "month": 3, "date": 9, "utc": True}


def test_rows_are_the_most_recently_active_first(timeline_spec):
    bars = layer_with(timeline_spec, "bar")
    order = bars["encoding"]["y"]["sort"]
    assert order[0] == "Company 0 · Data engineer"
    assert order[-1] == "Company 14 · Data engineer"
    assert bars["encoding"]["color"]["field"] == "g"


def test_row_count_is_limited_and_the_rest_summarised():
    apps, events = large_search(200)
    chart = timeline.timeline_chart(apps, events, None, TODAY, max_rows=12)
    bars = layer_with(chart, "bar")
    assert len(dataset_of(chart, bars)) == 12
    subtitle = chart.to_dict()["title"]["subtitle"]
    assert any("and 188 older applications not shown" in line for line in subtitle)


def test_hidden_follow_ups_are_mentioned():
    apps, events, _ = small_search()
    actions = due_actions(("A14", "A13", "A00"))
    chart = timeline.timeline_chart(apps, events, actions, TODAY, max_rows=5)
    subtitle = " ".join(chart.to_dict()["title"]["subtitle"])
    assert "with 2 follow-ups due" in subtitle


def test_height_grows_with_rows_and_leaves_room_for_legends():
    apps, events, actions = small_search()
    full = timeline.timeline_chart(apps, events, actions, TODAY)
    assert full.to_dict()["height"] == {"step": timeline.ROW_HEIGHT}
    two = timeline.timeline_chart(apps.head(2), events, actions, TODAY)
    assert two.to_dict()["height"]["step"] > timeline.ROW_HEIGHT


def test_same_company_and_role_twice_get_separate_rows():
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


def test_open_bars_end_today_and_closed_bars_at_the_closing_event():
    apps, events, _ = small_search()
    chart = timeline.timeline_chart(apps, events, None, TODAY)
    rows = {row["r"]: row for row in dataset_of(chart, layer_with(chart, "bar"))}
    open_row = rows["Company 0 · Data engineer"]  # applied, still open
    assert open_row["e"] == "2026-03-09"
    closed_row = rows["Company 4 · Data engineer"]  # applied 38 days ago, rejected 12 days in
    assert closed_row["g"] == "closed"
    assert closed_row["s"] == str(days_ago(38))
    assert closed_row["e"] == str(days_ago(38 - 12))


def test_payload_stays_small_at_ten_thousand_applications():
    apps, events = large_search(10_000)
    chart = timeline.timeline_chart(apps, events, due_actions(), TODAY)
    assert len(chart.to_json()) < PAYLOAD_LIMIT
    assert "9,975 older applications" in json.dumps(chart.to_dict()["title"])


def test_payload_stays_small_with_long_text_and_many_rows():
    apps, events = large_search(2_000, long_text=True)
    chart = timeline.timeline_chart(apps, events, None, TODAY, max_rows=1_000)
    assert len(dataset_of(chart, layer_with(chart, "bar"))) == timeline.MAX_ROWS_LIMIT
    assert len(chart.to_json()) < PAYLOAD_LIMIT


@pytest.mark.parametrize("actions", [None, due_actions(())])
def test_empty_timeline_draws_without_error(actions):
    chart = timeline.timeline_chart(
        empty_frame("applications"), empty_frame("events"), actions, TODAY
    )
    assert "No applications yet" in chart.to_json()


def test_applications_without_events_or_actions():
    apps, _, _ = small_search()
    chart = timeline.timeline_chart(apps, empty_frame("events"), due_actions(()), TODAY)
    marks = [layer["mark"]["type"] for layer in layers(chart)]
    assert marks.count("point") == 0
    assert "bar" in marks
    chart.to_json()


# --- the smaller charts --------------------------------------------------------------------


def test_funnel_chart_labels_counts_and_conversion():
    apps, events, _ = small_search()
    funnel = pipeline.funnel(apps, events)
    chart = timeline.funnel_chart(funnel)
    labels = [row["l"] for row in dataset_of(chart, layers(chart)[0])]
    assert labels[0] == "15"
    assert labels[1].startswith(f"{funnel['count'][1]} · ")
    assert labels[1].endswith("%")
    assert timeline.chart_data_bytes(chart) < 2_000


def test_reply_days_are_binned_before_charting():
    days = pd.Series(np.arange(0, 100_000) % 61, name="reply_days")
    chart = timeline.reply_days_chart(days, reference_days=23.8, reference_label="Average: 23.8")
    bins = dataset_of(chart, layers(chart)[0])
    assert sum(row["c"] for row in bins) == 100_000
    assert len(bins) <= 21
    assert "Average: 23.8" in chart.to_json()
    assert timeline.chart_data_bytes(chart) < 3_000


def test_weekly_chart_travels_one_row_per_week():
    apps, events = large_search(5_000)
    weekly = pipeline.weekly_activity(events, apps)
    chart = timeline.weekly_chart(weekly)
    assert len(chart.to_dict()["datasets"][chart.to_dict()["data"]["name"]]) == len(weekly)
    assert timeline.chart_data_bytes(chart) < 20_000


def test_smaller_charts_accept_empty_input():
    empty_apps, empty_events = empty_frame("applications"), empty_frame("events")
    for chart in (
        timeline.funnel_chart(pipeline.funnel(empty_apps, empty_events)),
        timeline.reply_days_chart(pipeline.reply_days(empty_apps, empty_events)),
        timeline.weekly_chart(pipeline.weekly_activity(empty_events)),
    ):
        assert chart.to_json()


def test_titles_are_sentence_case_and_text_is_never_black():
    apps, events, actions = small_search()
    built = [
        timeline.timeline_chart(apps, events, actions, TODAY),
        timeline.funnel_chart(pipeline.funnel(apps, events)),
        timeline.reply_days_chart(pipeline.reply_days(apps, events)),
        timeline.weekly_chart(pipeline.weekly_activity(events)),
    ]
    for chart in built:
        spec = chart.to_json()
        title = chart.to_dict()["title"]["text"]
        assert title[0].isupper() and title[1:] == title[1:].lower()
        for black in ('"#000"', '"#000000"', '"black"'):
            assert black not in spec


def test_chart_data_bytes_counts_every_embedded_dataset():
    apps, events, actions = small_search()
    chart = timeline.timeline_chart(apps, events, actions, TODAY)
    datasets = chart.to_dict()["datasets"].values()
    expected = sum(len(json.dumps(d, separators=(",", ":"))) for d in datasets)
    assert timeline.chart_data_bytes(chart) == expected > 0


def test_charts_export_as_png_and_svg() -> None:
    from nextround.charts.timeline import chart_image, funnel_chart
    from nextround.domain.pipeline import funnel

    apps = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "Analyst",
                                         "stage": "applied", "date_applied": "2026-01-02"}])
    events = typed_frame("events", [{"id": "E1", "application_id": "A1", "date": "2026-01-02",
                                     "kind": "applied"}])
    spec = funnel_chart(funnel(apps, events)).to_dict()
    png = chart_image(spec, "png")
    svg = chart_image(spec, "svg")
    assert png.startswith(b"\x89PNG")
    assert svg.lstrip().startswith(b"<svg") and b"Applied" in svg
