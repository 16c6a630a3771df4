"""Self-checks: saving one (new, or an edit of one saved before) and deleting one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pandas as pd

from nextround.domain.self_check.saved import check_row
from nextround.storage.errors import NextRoundError
from nextround.storage.frames import typed_frame
from nextround.storage.ids import new_id
from nextround.storage.store import Store


def save_check(
    store: Store,
    values: Mapping[str, Any],
    now: datetime,
    check_id: str | None = None,
    expected_version: str | None = None,
) -> str:
    """Save a check (new when ``check_id`` is None, else an edit of that one); returns its id.

    ``values`` holds application_id and event_id (both empty for a quick check), label,
    interview_date, answers (sign id -> answer), decision, interview_type, ratings,
    scheduled_minutes, actual_minutes and the reflection fields. An edit passes the version the
    page read, so a stale tab is refused with StaleDataError; a check deleted meanwhile is
    refused too.
    """
    row = check_row(values)
    stamp = pd.Timestamp(now.replace(microsecond=0))
    saved: dict[str, str] = {}

    def write(frame: pd.DataFrame) -> pd.DataFrame:
        if check_id is None:
            saved["id"] = new_id("self_checks", frame["id"])
            record = row | {"id": saved["id"], "created_at": stamp, "updated_at": stamp}
            return pd.concat([frame, typed_frame("self_checks", [record])], ignore_index=True)
        mask = frame["id"] == check_id
        if not mask.any():
            raise NextRoundError("That check no longer exists (deleted in another tab?).")
        saved["id"] = check_id
        patch = typed_frame("self_checks", [row | {"updated_at": stamp}])
        for column in [*row, "updated_at"]:
            frame.loc[mask, column] = patch.loc[0, column]
        return frame

    store.update("self_checks", write, expected_version=expected_version)
    return saved["id"]


def delete_check(store: Store, check_id: str, expected_version: str | None = None) -> None:
    """Delete one saved check; refused when it changed since the page read the checks."""
    store.update(
        "self_checks", lambda f: f[f["id"] != check_id], expected_version=expected_version
    )
