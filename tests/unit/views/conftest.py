"""The sample search the view tests share, as a fixture."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import pytest

from nextround import demo
from nextround.domain import followup, pipeline


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
