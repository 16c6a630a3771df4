"""Searches and spec readers the chart tests share, as fixtures returning the helper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import pytest

from nextround.storage.frames import typed_frame
from nextround.storage.schema import STAGES

#: The day every search below is built on (a Monday).
TODAY = dt.date(2026, 3, 9)


def _days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def _due_actions(ids: tuple[str, ...] = ("A00", "A01", "A02")) -> pd.DataFrame:
    urgencies = ["overdue", "today", "soon"]
    return pd.DataFrame(
        {
            "key": [f"{a}:follow-up" for a in ids],
            "application_id": list(ids),
            "company": "Company",
            "role": "Data engineer",
            "kind": "follow-up",
            "note_kind": "follow-up",
            "due": pd.to_datetime([_days_ago(4), TODAY, _days_ago(-3)][: len(ids)]).astype(
                "datetime64[us]"
            ),
            "urgency": urgencies[: len(ids)],
            "reason": "A week after the interview",
            "anchor_event_id": "E",
        }
    )


def _small_search() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
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
                "date_applied": _days_ago(applied),
                "created_at": _days_ago(applied),
            }
        )
        kinds = ["applied", "heard back", "interview", "thank-you sent", "rejection"]
        logged = len(kinds) if stage == "closed" else 2 + i % 3
        for step, kind in enumerate(kinds[:logged]):
            events.append(
                {
                    "id": f"E{i:02d}{step}",
                    "application_id": app_id,
                    "date": _days_ago(applied - 3 * step),
                    "kind": kind,
                    "round": 1 if kind == "interview" else None,
                    "interviewers": "Ana Lee; Bo Chen" if kind == "interview" else None,
                }
            )
    return typed_frame("applications", apps), typed_frame("events", events), _due_actions()


def _layers(chart: alt.TopLevelMixin) -> list[dict[str, Any]]:
    return chart.to_dict()["layer"]


def _dataset_of(chart: alt.TopLevelMixin, layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows a layer draws (Altair hoists data shared by every layer to the top)."""
    spec = chart.to_dict()
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


@pytest.fixture(scope="session")
def due_actions() -> Callable[..., pd.DataFrame]:
    """``due_actions(ids)``: follow-ups due for these applications, overdue, today and soon."""
    return _due_actions


@pytest.fixture(scope="session")
def small_search() -> Callable[[], tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """``small_search()``: (applications, events, due actions) of fifteen applications whose
    stages cycle applied to closed, applied 10 to 108 days before 9 March 2026."""
    return _small_search


@pytest.fixture(scope="session")
def layers() -> Callable[[alt.TopLevelMixin], list[dict[str, Any]]]:
    """``layers(chart)``: a layered chart's layers as Vega-Lite dicts."""
    return _layers


@pytest.fixture(scope="session")
def dataset_of() -> Callable[[alt.TopLevelMixin, dict[str, Any]], list[dict[str, Any]]]:
    """``dataset_of(chart, layer)``: the rows that layer draws."""
    return _dataset_of
