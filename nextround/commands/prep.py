"""Prep: ticking an item of an interview's checklist, saving a practice answer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from nextround.domain.prep.answers import upsert_practice_answer
from nextround.domain.prep.checklist import set_item_done
from nextround.storage.store import Store


def tick(store: Store, interview_id: str, item_id: str, done: bool, now: datetime,
         expected_version: str | None = None) -> None:
    """Save one item ticked or unticked; refused from a stale tab."""
    store.update("prep_progress",
                 lambda frame: set_item_done(frame, interview_id, item_id, done, now),
                 expected_version=expected_version)


def save_answer(store: Store, question_id: str, fields: Mapping[str, Any], ready: bool,
                now: datetime, expected_version: str | None = None) -> None:
    """Save one practice answer (STAR notes and the spoken answer); refused from a stale tab."""
    store.update(
        "practice_answers",
        lambda frame: upsert_practice_answer(
            frame, question_id, fields.get("situation"), fields.get("task"),
            fields.get("action"), fields.get("result"), fields.get("answer"), ready, now),
        expected_version=expected_version,
    )
