"""Record builders the domain tests share, as fixtures returning the builder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import count

import pytest


@pytest.fixture
def app() -> Callable[..., dict]:
    """``app(app_id, stage="interviewing", company=None, **extra)``: an applications row."""

    def build(app_id: str, stage: str = "interviewing", company: str | None = None, **extra):
        return {
            "id": app_id,
            "company": company or f"Company {app_id}",
            "role": "Data analyst",
            "stage": stage,
            **extra,
        }

    return build


@pytest.fixture
def ev() -> Callable[..., dict]:
    """``ev(app_id, day, kind, event_id=None, **extra)``: an events row; ids count up per test."""
    ids = count(1)

    def build(app_id: str, day: dt.date, kind: str, event_id: str | None = None, **extra):
        return {
            "id": event_id or f"E{next(ids):05d}",
            "application_id": app_id,
            "date": day,
            "kind": kind,
            **extra,
        }

    return build
