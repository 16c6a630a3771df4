"""Interviews, joined with their application: the one join every list of interviews starts from."""

from __future__ import annotations

from datetime import date

import pandas as pd

from nextround.domain.applications import is_open


def interview_events(applications: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Dated interview events with their application's company, role, stage and ``open``.

    The one join every list of interviews starts from (Home, Prep, Self-check, the calendar);
    interviews whose application is gone are left out. ``open`` is ``is_open`` of the
    application, so every list drops a rejected application's interviews the same way.
    """
    interviews = events[events["kind"].eq("interview").fillna(False) & events["date"].notna()]
    apps = applications.drop_duplicates("id")
    apps = apps[["id", "company", "role", "stage"]].assign(open=is_open(apps).to_numpy())
    return interviews.merge(apps.rename(columns={"id": "application_id"}),
                            on="application_id", how="inner")


def upcoming_interviews(
    applications: pd.DataFrame, events: pd.DataFrame, today: date
) -> pd.DataFrame:
    """Interviews dated today or later of open applications, with their company and role.

    The frame keeps every events column plus ``company`` and ``role``, sorted by date.
    """
    joined = interview_events(applications, events)
    joined = joined[joined["open"] & (joined["date"] >= pd.Timestamp(today))]
    joined = joined.drop(columns=["stage", "open"])
    return joined.sort_values(["date", "company"], kind="stable").reset_index(drop=True)
