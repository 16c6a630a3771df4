"""The "still waiting" curve: the estimate as a step line from 100% at day 0, the current waits
on it, and a placeholder that says why below the minimum of answers."""

from __future__ import annotations

import pandas as pd

from nextround.charts.spec import chart_data_bytes
from nextround.charts.waiting import still_waiting_chart
from nextround.domain.waiting import MIN_ANSWERS, kaplan_meier

TABLE = kaplan_meier([1, 2, 2, 3, 4, 4, 5, 6], [True, True, False, True, True, True, False, True])


def _current(*rows: tuple[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"name": [n for n, _ in rows], "days": [d for _, d in rows]})


def test_the_curve_starts_at_everyone_waiting_and_steps_down(layers, dataset_of):
    chart = still_waiting_chart(TABLE, _current(), 6, MIN_ANSWERS)
    curve = dataset_of(chart, layers(chart)[0])
    assert [(r["d"], round(r["s"], 3)) for r in curve] == [
        (0, 1.0), (1, 0.875), (2, 0.75), (3, 0.6), (4, 0.3), (5, 0.3), (6, 0.0)]
    assert layers(chart)[0]["mark"]["interpolate"] == "step-after"
    spec = chart.to_dict()
    assert "Still waiting after an interview" in str(spec["title"])


def test_current_waits_sit_on_the_curve_with_who_is_waiting(layers, dataset_of):
    chart = still_waiting_chart(TABLE, _current(("Acme", 3), ("Birch & Co", 3), ("Cobalt", 9)),
                                6, MIN_ANSWERS, median_days=4)
    dots = dataset_of(chart, layers(chart)[-1])
    assert [(r["d"], round(r["s"], 3), r["t"]) for r in dots] == [
        (3, 0.6, "Acme, Birch & Co (3 days so far)"),
        (9, 0.0, "Cobalt (9 days so far)"),
    ]
    assert "half answered by day 4" in chart.to_json()
    # The x axis reaches the longest current wait, past the last answer.
    x = layers(chart)[0]["encoding"]["x"]["scale"]["domain"]
    assert x == [0, 9]


def test_many_waits_on_one_day_are_one_dot_naming_a_few():
    names = [(f"Company {i}", 5) for i in range(40)]
    chart = still_waiting_chart(TABLE, _current(*names), 6, MIN_ANSWERS)
    assert "and 37 more" in chart.to_json()
    assert chart_data_bytes(chart) < 2_000


def test_below_the_minimum_it_says_why_instead_of_a_curve():
    chart = still_waiting_chart(TABLE, _current(("Acme", 3)), 3, MIN_ANSWERS)
    text = chart.to_json()
    assert "Not enough answers logged yet to draw it: 3 of the 5 it needs." in text
    assert "step-after" not in text
