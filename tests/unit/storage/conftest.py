"""Row builders the storage tests share, as fixtures returning the builder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from nextround.storage.frames import typed_frame
from nextround.storage.store import Store


def _app_row(i: int, **extra) -> dict:
    row = {"id": f"A{i:05d}", "company": f"Company {i}", "role": "Analyst", "stage": "applied",
           "date_applied": date(2026, 3, 1)}
    row.update(extra)
    return row


def _add_rows(store: Store, rows: list[dict]) -> pd.DataFrame:
    return store.update(
        "applications", lambda df: pd.concat([df, typed_frame("applications", rows)],
                                             ignore_index=True)
    )


@pytest.fixture
def app_row() -> Callable[..., dict]:
    """``app_row(i, **extra)``: a valid applications row with id A0000i."""
    return _app_row


@pytest.fixture
def add_rows() -> Callable[[Store, list[dict]], pd.DataFrame]:
    """``add_rows(store, rows)``: append rows to the applications table through the store."""
    return _add_rows
