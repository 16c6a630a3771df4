"""From an Altair chart to what the page ships: a plain Vega-Lite spec without Altair's default
sizes, its data in Arrow form, row labels that can be hidden, and PNG or SVG images."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pyarrow as pa
import pytest

from nextround.charts import timeline
from nextround.charts.pipeline import funnel_chart
from nextround.charts.spec import (
    EVENT_STYLE,
    SUBTITLE_CHARS,
    arrow_datasets,
    chart_data_bytes,
    chart_image,
    chart_spec,
    day_text,
    shipped,
    short,
    without_row_labels,
)
from nextround.domain import pipeline
from nextround.storage.frames import typed_frame
from nextround.storage.schema import EVENT_KINDS

TODAY = dt.date(2026, 3, 9)  # the day of the shared searches


def test_chart_spec_is_plain_data_without_altairs_default_sizes(small_search) -> None:
    apps, events, _ = small_search()
    chart = funnel_chart(pipeline.funnel(apps, events))
    assert "continuousWidth" in json.dumps(chart.to_dict())  # Altair's default theme
    spec = chart_spec(chart)
    assert "continuousWidth" not in json.dumps(spec)
    assert spec["usermeta"]["embedOptions"] == {"renderer": "svg"}
    assert all(len(line) <= SUBTITLE_CHARS for line in spec["title"]["subtitle"])
    assert len(spec["title"]["subtitle"]) == 2
    assert spec["config"]["text"]["lineBreak"] == "\n"
    json.dumps(spec)  # plain data, ready for st.vega_lite_chart and the cache
    assert "title" not in chart_spec(funnel_chart(pipeline.funnel(apps, events)),
                                     keep_title=False)


def test_one_applications_timeline_can_drop_its_row_labels(small_search) -> None:
    apps, events, actions = small_search()
    chart = timeline.timeline_chart(apps.iloc[:1], events[events["application_id"] == "A00"],
                                    actions[actions["application_id"] == "A00"], TODAY,
                                    max_rows=1)
    spec = without_row_labels(chart_spec(chart, keep_title=False))
    axes = [layer["encoding"]["y"].get("axis", "missing") for layer in spec["layer"]
            if "y" in layer.get("encoding", {})]
    assert axes and all(axis is None for axis in axes)


def test_datasets_ship_as_arrow_bytes_with_the_same_rows(small_search) -> None:
    apps, events, actions = small_search()
    spec = chart_spec(timeline.timeline_chart(apps, events, actions, TODAY))
    plain = {name: list(values) for name, values in spec["datasets"].items()}
    shipped = arrow_datasets(json.loads(json.dumps(spec)))
    assert set(shipped["datasets"]) == set(plain)
    for name, payload in shipped["datasets"].items():
        assert isinstance(payload, bytes)
        table = pa.ipc.open_stream(payload).read_all()
        assert table.num_rows == len(plain[name])
    assert arrow_datasets({"mark": "bar"}) == {"mark": "bar"}


def test_chart_data_bytes_counts_every_embedded_dataset(small_search) -> None:
    apps, events, actions = small_search()
    chart = timeline.timeline_chart(apps, events, actions, TODAY)
    datasets = chart.to_dict()["datasets"].values()
    expected = sum(len(json.dumps(d, separators=(",", ":"))) for d in datasets)
    assert chart_data_bytes(chart) == expected > 0
    inline = alt.Chart(alt.Data(values=[{"a": 1}, {"a": 2}])).mark_point().encode(x=alt.X("a:Q"))
    assert chart_data_bytes(inline) == len('[{"a":1},{"a":2}]')


def test_dates_travel_as_days_and_long_text_is_cut() -> None:
    days = pd.Series(pd.to_datetime(["2026-03-09 17:30", None]))
    assert day_text(days).tolist()[0] == "2026-03-09" and pd.isna(day_text(days).iloc[1])
    text = pd.Series(["short", "a  much\nlonger   label", None])
    assert short(text, 10).tolist() == ["short", "a much lo…", ""]


def test_charts_export_as_png_and_svg() -> None:
    apps = typed_frame("applications", [{"id": "A1", "company": "Acme", "role": "Analyst",
                                         "stage": "applied", "date_applied": "2026-01-02"}])
    events = typed_frame("events", [{"id": "E1", "application_id": "A1", "date": "2026-01-02",
                                     "kind": "applied"}])
    spec = funnel_chart(pipeline.funnel(apps, events)).to_dict()
    png = chart_image(spec, "png")
    svg = chart_image(spec, "svg")
    assert png.startswith(b"\x89PNG")
    assert svg.lstrip().startswith(b"<svg") and b"Applied" in svg


def test_an_unknown_image_format_is_refused() -> None:
    with pytest.raises(ValueError, match="gif"):
        chart_image({"mark": "bar"}, "gif")


def test_every_event_kind_has_its_own_colour_and_shape() -> None:
    """A kind without a style would break the timeline; two alike would be indistinguishable."""
    assert set(EVENT_STYLE) == set(EVENT_KINDS)
    assert len({shape for _, shape in EVENT_STYLE.values()}) == len(EVENT_KINDS)
    assert len({colour for colour, _ in EVENT_STYLE.values()}) == len(EVENT_KINDS)


def test_every_chart_reaches_the_page_one_way() -> None:
    """``shipped``: the small spec with its data already Arrow bytes, for st.vega_lite_chart;
    no screen draws an Altair chart directly (st.altair_chart validates and converts it again
    on every rerun, and was a second path beside the cached specs)."""
    chart = alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_bar().encode(x=alt.X("a:Q"))
    spec = shipped(chart)
    assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}
    assert all(isinstance(data, bytes) for data in spec["datasets"].values())
    root = Path(__file__).resolve().parents[3]
    direct = re.compile(r"st\.altair_chart\(|st\.(?:bar|line|area|scatter)_chart\(")
    drawn = [f"{path.relative_to(root)}:{n}"
             for folder in ("components", "pages")
             for path in (root / folder).rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if direct.search(line)]
    assert drawn == []


def test_a_chart_the_schema_refuses_fails_when_it_becomes_a_spec() -> None:
    """The tests check every spec whole as it is made (``CHECK_SPECS``, turned on by
    tests/conftest.py), not each part as Altair makes it: a chart the schema refuses fails
    there, in whichever test builds it."""
    chart = alt.Chart(pd.DataFrame({"a": [1]})).mark_point(size="large").encode(x=alt.X("a:Q"))
    with pytest.raises(alt.utils.schemapi.SchemaValidationError, match="size"):
        chart_spec(chart)


@pytest.mark.parametrize("channel", ["a:Q", alt.value(4)], ids=["shorthand", "value"])
def test_a_channel_given_as_text_or_a_plain_value_fails_the_test_that_builds_it(channel) -> None:
    """Altair makes a shorthand ("a:Q") or ``alt.value(4)`` into a channel object by first
    hashing every class of its schema, about 4 ms a channel (the Pipeline page's charts had
    fifteen); the app writes ``alt.X("a:Q")`` and ``alt.YValue(4)``, which give the same spec.
    tests/conftest.py holds every chart a test builds to that."""
    with pytest.raises(AssertionError, match=r"alt\.X"):
        alt.Chart(pd.DataFrame({"a": [1]})).mark_point().encode(y=channel)
