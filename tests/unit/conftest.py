"""Fixtures every unit test folder may take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nextround.storage.frames import convert_columns
from nextround.storage.schema import EVENT_KINDS, STAGES, get_table
from nextround.storage.store import Store

#: The day the random searches are built around (tests never depend on the real date).
SEARCH_DAY = dt.date(2026, 3, 9)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """An empty data folder, as a first run sees it."""
    return Store(tmp_path / "data")


def _large_search(n_apps: int, long_text: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random applications with five events each, built column-wise for speed."""
    rng = np.random.default_rng(3)
    ids = pd.Series([f"A{i:06d}" for i in range(n_apps)])
    applied = pd.Timestamp(SEARCH_DAY) - pd.to_timedelta(rng.integers(0, 700, n_apps), unit="D")
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
            "date": pd.Series(applied.repeat(per_app) + offsets).clip(
                upper=pd.Timestamp(SEARCH_DAY)),
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


@pytest.fixture(scope="session")
def large_search() -> Callable[..., tuple[pd.DataFrame, pd.DataFrame]]:
    """``large_search(n_apps, long_text=False)``: random typed applications and events, built
    column-wise for speed (five events each, twenty with long text)."""
    return _large_search
