"""The Pipeline page's smaller charts: the funnel, the days to a first reply and the weekly
pace, each drawn from a few pre-aggregated rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from nextround.charts import pipeline as charts
from nextround.charts.spec import chart_data_bytes
from nextround.domain import pipeline
from nextround.storage.frames import empty_frame

# --- the smaller charts --------------------------------------------------------------------


def test_funnel_chart_labels_counts_and_conversion(small_search, layers, dataset_of):
    apps, events, _ = small_search()
    funnel = pipeline.funnel(apps, events)
    chart = charts.funnel_chart(funnel)
    labels = [row["l"] for row in dataset_of(chart, layers(chart)[0])]
    assert labels[0] == "15"
    assert labels[1].startswith(f"{funnel['count'][1]} · ")
    assert labels[1].endswith("%")
    assert chart_data_bytes(chart) < 2_000


def test_funnel_tooltips_speak_words_on_every_layer(small_search, layers):
    """Before: hovering a bar's label showed the data's raw keys c, s and l."""
    apps, events, _ = small_search()
    chart = charts.funnel_chart(pipeline.funnel(apps, events))
    for layer in layers(chart):
        titles = [t.get("title") for t in layer["encoding"]["tooltip"]]
        assert titles == ["Step", "Applications", "Conversion"]


def test_a_small_share_never_reads_zero_and_a_near_whole_never_reads_all():
    rates = pd.Series([np.nan, 0.0, 0.004, 0.005, 0.2, 0.994, 0.996, 1.0])
    assert charts.percent_text(rates).tolist() == [
        "", "0%", "<1%", "<1%", "20%", "99%", ">99%", "100%"]


def test_an_offer_after_one_round_reads_as_a_share_of_everyone_interviewed(layers, dataset_of):
    """The walkthrough's "Offer 1 · 0%": an offer imported with no interview logged."""
    frame = pd.DataFrame({
        "step": list(pipeline.FUNNEL_STEPS), "count": [300, 40, 10, 0, 0, 1],
        "rate": [np.nan, 40 / 300, 10 / 40, 0.0, np.nan, 1 / 10],
        "rate_from": [None, "Applied", "Replied", "Interview round 1", "Round 2",
                      "Interview round 1"],
    })
    rows = dataset_of(charts.funnel_chart(frame), layers(charts.funnel_chart(frame))[0])
    assert [row["l"] for row in rows] == [
        "300", "40 · 13%", "10 · 25%", "0 · 0%", "0", "1 · 10%"]
    assert rows[-1]["p"] == "10% of those at interview round 1"


def test_reply_days_are_binned_before_charting(layers, dataset_of):
    days = pd.Series(np.arange(0, 100_000) % 61, name="reply_days")
    chart = charts.reply_days_chart(days, reference_days=23.8, reference_label="Average: 23.8")
    bins = dataset_of(chart, layers(chart)[0])
    assert sum(row["c"] for row in bins) == 100_000
    assert len(bins) <= 21
    assert "Average: 23.8" in chart.to_json()
    assert chart_data_bytes(chart) < 3_000


def test_the_reply_lines_are_named_in_a_legend_not_in_labels_that_collide(layers):
    """Median 22 days against an average of 23.8: two labels beside the lines overlapped."""
    days = pd.Series([10, 20, 22, 24, 30], name="reply_days")
    chart = charts.reply_days_chart(days, reference_days=23.8,
                                    reference_label="US average:\n23.8 days (Glassdoor, 2017)")
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in layers(chart)]
    assert "text" not in marks
    rules = next(layer for layer in layers(chart) if "rule" in str(layer["mark"]))
    dash = rules["encoding"]["strokeDash"]
    assert dash["scale"]["domain"] == ["your median: 22 days",
                                       "US average: 23.8 days (Glassdoor, 2017)"]
    assert dash["scale"]["range"][0] != dash["scale"]["range"][1]
    assert dash["legend"]["orient"] == "bottom"


def _week_axis(chart) -> tuple[pd.Timestamp, pd.Timestamp, dict]:
    """The axis's ends (the invisible span layer's two days) and the bars' axis."""
    spec = chart.to_dict()
    span, bars = spec["layer"]
    assert span["mark"]["opacity"] == 0 and "domain" not in bars["encoding"]["x"]["scale"]
    first, last = pd.to_datetime([row["x"] for row in spec["datasets"][span["data"]["name"]]])
    return first, last, bars["encoding"]["x"]["axis"]


def test_one_week_of_activity_is_one_bar_among_empty_weeks():
    events = pd.DataFrame({"date": pd.to_datetime(["2026-11-09", "2026-11-11", "2026-11-13"]),
                           "kind": ["applied", "interview", "follow-up sent"]})
    weekly = pipeline.weekly_activity(events)
    assert len(weekly) == 1
    first, last, axis = _week_axis(charts.weekly_chart(weekly))
    assert (last - first).days >= 7 * charts.MIN_WEEKS_SHOWN
    assert last == pd.Timestamp("2026-11-16")  # the latest week at the right edge
    ticks = [pd.Timestamp(year=d["year"], month=d["month"], day=d["date"]) for d in axis["values"]]
    assert all(day.day_name() == "Monday" for day in ticks)
    assert axis["format"] == "%-d %b"


def test_a_long_search_labels_its_weeks_by_month(large_search):
    apps, events = large_search(500)
    first, last, axis = _week_axis(charts.weekly_chart(pipeline.weekly_activity(events, apps)))
    assert (last - first).days > 365
    assert axis["format"] == "%b %Y" and "values" not in axis


def test_weekly_chart_travels_one_row_per_week(large_search):
    apps, events = large_search(5_000)
    weekly = pipeline.weekly_activity(events, apps)
    chart = charts.weekly_chart(weekly)
    spec = chart.to_dict()
    assert len(spec["datasets"][spec["layer"][1]["data"]["name"]]) == len(weekly)
    assert chart_data_bytes(chart) < 20_000


def test_smaller_charts_accept_empty_input():
    empty_apps, empty_events = empty_frame("applications"), empty_frame("events")
    for chart in (
        charts.funnel_chart(pipeline.funnel(empty_apps, empty_events)),
        charts.reply_days_chart(pipeline.reply_days(empty_apps, empty_events)),
        charts.weekly_chart(pipeline.weekly_activity(empty_events)),
    ):
        assert chart.to_json()


def test_titles_are_sentence_case_and_text_is_never_black(small_search):
    apps, events, _ = small_search()
    built = [
        charts.funnel_chart(pipeline.funnel(apps, events)),
        charts.reply_days_chart(pipeline.reply_days(apps, events)),
        charts.weekly_chart(pipeline.weekly_activity(events)),
    ]
    for chart in built:
        spec = chart.to_json()
        title = chart.to_dict()["title"]["text"]
        assert title[0].isupper() and title[1:] == title[1:].lower()
        for black in ('"#000"', '"#000000"', '"black"'):
            assert black not in spec


def test_a_date_a_century_back_does_not_stretch_the_weekly_chart_past_altair():
    """Before: one event in 1926 (a typo for 2026) made a row per week since then and Altair
    refused the chart: "MaxRowsError: The number of rows in your dataset (5267) is greater than
    the maximum allowed (5000)"."""
    events = pd.DataFrame({"date": pd.to_datetime(["1926-11-09", "2026-11-11"]),
                           "kind": ["applied", "interview"]})
    weekly = pipeline.weekly_activity(events)
    assert len(weekly) > 5_000
    spec = charts.weekly_chart(weekly).to_dict()  # raised MaxRowsError
    shown = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert len(shown) == charts.MAX_WEEKS_SHOWN
    assert shown[-1]["i"] == 1  # the latest weeks are the ones kept


def test_the_weekly_summary_counts_in_words_that_fit() -> None:
    """Issue 24, 12: "Over 1 week: 1 applications, 0 follow-ups and thank-yous, 1 interviews"."""
    events = pd.DataFrame({"date": pd.to_datetime(["2026-11-09", "2026-11-11"]),
                           "kind": ["applied", "interview"]})
    summary = charts._weekly_summary(pipeline.weekly_activity(events))
    assert summary.startswith("Over 1 week: 1 application, 0 follow-ups and thank-yous, "
                              "1 interview.")
