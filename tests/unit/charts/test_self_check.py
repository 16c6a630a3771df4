"""Self-check charts: the gauge, the signs that moved the reading, and the readings over time."""

from __future__ import annotations

from datetime import date, datetime

from nextround.charts import self_check as charts
from nextround.charts.spec import chart_summary
from nextround.domain.self_check import scoring as sc
from nextround.domain.self_check.content import bands
from nextround.domain.self_check.learning import history_frame
from nextround.storage.frames import typed_frame

STRONG_POSITIVE = "sign-next-round-invite"


# ---- Charts ----------------------------------------------------------------------------------


def _datasets(chart) -> list[list[dict]]:
    return list(chart.to_dict()["datasets"].values())


def test_gauge_marks_the_bands_and_the_score():
    result = sc.score_check({STRONG_POSITIVE: "yes", "sign-rapport": "yes"}, {})
    spec = charts.score_gauge(result).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert "rect" in marks and "rule" in marks
    rows = [row for data in spec["datasets"].values() for row in data]
    assert {r.get("band") for r in rows if "band" in r} == {b.label for b in bands()}
    assert any(r.get("score") == round(result.score) for r in rows)
    assert f"{result.score:.0f} of 100" in spec["title"]


def test_a_lean_is_not_set_beside_a_zone_named_mixed():
    result = sc.score_check({STRONG_POSITIVE: "yes"}, {})
    assert result.band == "Leaning encouraging"
    spec = charts.score_gauge(result).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "rule", "text"]


def test_gauge_without_a_score_shows_no_marker():
    spec = charts.score_gauge(sc.score_check({}, {})).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    assert spec["title"] == "Not enough to tell"


def test_contributions_chart_is_green_for_up_and_red_for_down():
    result = sc.score_check({STRONG_POSITIVE: "yes", "sign-distracted": "yes"}, {})
    spec = charts.contributions_chart(result).to_dict()
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    scale = bar["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        "Points up": charts.UP_COLOUR,
        "Points down": charts.DOWN_COLOUR,
    }
    rows = next(data for data in _datasets(charts.contributions_chart(result)) if len(data) == 2)
    assert {r["direction"] for r in rows} == {"Points up", "Points down"}


def test_contributions_chart_without_answers_says_so():
    spec = charts.contributions_chart(sc.score_check({}, {})).to_dict()
    assert spec["mark"]["type"] == "text"


def test_score_chart_stacks_gauge_and_bars():
    spec = charts.score_chart(sc.score_check({STRONG_POSITIVE: "yes"}, {})).to_dict()
    assert len(spec["vconcat"]) == 2


# ---- Readings over time ----------------------------------------------------------------------


def test_history_chart_draws_one_line_of_named_readings():
    history = history_frame(typed_frame("self_checks", [
        {"id": "S1", "application_id": "A1", "interview_date": date(2026, 3, 2), "score": 40.0,
         "band": "Mixed signs"},
        {"id": "S2", "label": "Coffee chat", "score": 70.0, "band": "Mostly encouraging signs",
         "created_at": datetime(2026, 3, 5, 9, 30)},
    ])).assign(label=["Acme Analytics", "Coffee chat"])
    spec = charts.history_chart(history, "All your checks").to_dict()
    assert spec["title"] == "All your checks"
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
             for layer in spec["layer"]]
    assert marks == ["rect", "text", "line"]
    rows = [r for data in spec["datasets"].values() for r in data]
    assert {r["label"] for r in rows if "label" in r} == {"Acme Analytics", "Coffee chat"}


def test_history_chart_without_scores_says_so():
    spec = charts.history_chart(history_frame(typed_frame("self_checks", [])), "t").to_dict()
    assert spec["mark"]["type"] == "text"


def test_an_answer_worked_out_from_the_details_is_not_called_yours():
    """Issue 24, 8: "clear timeline" worked out from a decision date, and "ran over" from the
    times, are shown as worked out, never as the person's answers."""
    result = sc.score_check({"sign-rapport": "yes"}, {}, 45, 60, decision_date_given=True)
    chart = charts.contributions_chart(result)
    spec = chart.to_dict()
    rows = next(data for data in spec["datasets"].values() if len(data) == 4)
    labels = {r["row"] for r in rows}
    assert "Natural conversation (yes)" in labels
    assert "Ran over time (yes, from the times you gave)" in labels
    assert "Clear timeline for next steps (yes, from the decision date given)" in labels
    summary = chart_summary(chart)
    assert "of your answers" not in summary.split("(")[0]
    assert "1 of your answers, 3 worked out from the details you gave" in summary
    tips = [t["title"] for layer in spec["layer"] for t in
            layer.get("encoding", {}).get("tooltip", [])]
    assert "Your answer" not in tips
