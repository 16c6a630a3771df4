"""The interviews a person prepares for: upcoming ones first, then the past week's.

Shared by the Prep page (which interview to plan) and anything that lists interviews by date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from nextround.domain.prep import content

RECENT_DAYS = 7


def interview_events(applications: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Dated interview events with their application's company, role and stage.

    The one join every list of interviews starts from (Home, Prep, Self-check, the calendar);
    interviews whose application is gone are left out.
    """
    interviews = events[events["kind"].eq("interview").fillna(False) & events["date"].notna()]
    apps = applications.drop_duplicates("id")[["id", "company", "role", "stage"]]
    return interviews.merge(apps.rename(columns={"id": "application_id"}),
                            on="application_id", how="inner")


def upcoming_interviews(
    applications: pd.DataFrame, events: pd.DataFrame, today: date
) -> pd.DataFrame:
    """Interview events dated today or later, with the company and role of their application.

    The frame keeps every events column plus ``company`` and ``role``, sorted by date.
    """
    joined = interview_events(applications, events).drop(columns="stage")
    joined = joined[joined["date"] >= pd.Timestamp(today)]
    return joined.sort_values(["date", "company"], kind="stable").reset_index(drop=True)


def relative_day(day: date, today: date) -> str:
    """'today', 'tomorrow', 'in 3 days', 'yesterday', '5 days ago'."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 1 else f"{-days} days ago"


@dataclass(frozen=True)
class Interview:
    """The interview being prepared for, or general preparation (id ``content.GENERAL``, no day)."""

    id: str
    day: date | None = None
    company: str = ""
    role: str = ""
    interview_type: str | None = None
    round: int | None = None
    interviewers: str = ""

    @property
    def is_general(self) -> bool:
        return self.id == content.GENERAL

    def has_passed(self, today: date) -> bool:
        return self.day is not None and self.day < today

    def title(self) -> str:
        if self.is_general:
            return "General preparation"
        return f"{self.company}: {self.role}" if self.role else self.company

    def kind(self) -> str:
        """'Panel interview, round 1' in words."""
        kind = "Interview"
        if self.interview_type:
            kind = f"{self.interview_type.capitalize()} interview"
        return f"{kind}, round {self.round}" if self.round else kind


GENERAL_INTERVIEW = Interview(id=content.GENERAL)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def interview_choices(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    today: date,
    requested: str | None = None,
) -> list[Interview]:
    """Interviews to prepare for: upcoming ones soonest first, then the past week's latest first.

    Interviews of closed applications are left out, unless another page asked for one by id.
    """
    if events.empty or applications.empty:
        return []
    joined = interview_events(applications, events)
    today_ts = pd.Timestamp(today)
    recent = joined["date"] >= today_ts - pd.Timedelta(days=RECENT_DAYS)
    open_app = joined["stage"] != "closed"
    wanted = (recent & open_app) | (joined["id"] == (requested or ""))
    joined = joined[wanted]
    upcoming = joined[joined["date"] >= today_ts].sort_values(["date", "company"], kind="stable")
    past = joined[joined["date"] < today_ts].sort_values(
        ["date", "company"], ascending=[False, True], kind="stable"
    )
    result = []
    for row in pd.concat([upcoming, past]).itertuples(index=False):
        round_no = None if pd.isna(row.round) else int(row.round)
        result.append(
            Interview(
                id=str(row.id),
                day=pd.Timestamp(row.date).date(),
                company=_text(row.company),
                role=_text(row.role),
                interview_type=_text(row.interview_type) or None,
                round=round_no,
                interviewers=_text(row.interviewers),
            )
        )
    return result
