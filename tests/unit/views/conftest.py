"""The searches the view tests share, as fixtures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pytest

from nextround import demo
from nextround.domain import followup, pipeline
from nextround.storage.frames import typed_frame


@dataclass(frozen=True)
class DemoSearch:
    """The demo's fifteen applications on ``today``, with the derived table and due actions."""

    today: dt.date
    applications: pd.DataFrame
    events: pd.DataFrame
    table: pd.DataFrame
    actions: pd.DataFrame


@pytest.fixture(scope="session")
def demo_search() -> DemoSearch:
    """The demo search on Wednesday 11 March 2026 (Acme's round 2 was two days before)."""
    today = dt.date(2026, 3, 11)
    apps, events = demo.build(today)
    return DemoSearch(
        today=today,
        applications=apps,
        events=events,
        table=pipeline.application_table(apps, events, today),
        actions=followup.due_actions(apps, events, None, today),
    )


@pytest.fixture(scope="session")
def one_interview_each():
    """``one_interview_each(n, stage)``: n applications at ``stage``, each with one interview,
    a day apart from 1 January 2026 (the last one latest), as typed frames."""

    def _build(n: int, stage: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        apps = typed_frame("applications", [
            {"id": f"A{i:05d}", "company": f"C{i}", "role": "R", "stage": stage}
            for i in range(n)])
        events = typed_frame("events", [
            {"id": f"E{i:05d}", "application_id": f"A{i:05d}",
             "date": dt.date(2026, 1, 1) + pd.Timedelta(days=i), "kind": "interview"}
            for i in range(n)])
        return apps, events

    return _build
