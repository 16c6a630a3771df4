"""What the Prep page shows: the interviews to prepare for (upcoming first, then the past
week's), each as an ``Interview``, or general preparation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from nextround.domain.dates import format_day
from nextround.domain.interviews import interview_events
from nextround.domain.prep.checklist import GENERAL
from nextround.domain.self_check.saved import questions_to_prepare
from nextround.text import cell_text

RECENT_DAYS = 7
#: The tables the Prep page reads.
TABLES = ("applications", "events", "self_checks", "prep_progress", "practice_answers",
          "settings")


@dataclass(frozen=True)
class Interview:
    """The interview being prepared for, or general preparation (id ``GENERAL``, no day)."""

    id: str
    day: date | None = None
    company: str = ""
    role: str = ""
    interview_type: str | None = None
    round: int | None = None
    interviewers: str = ""

    @property
    def is_general(self) -> bool:
        return self.id == GENERAL

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


GENERAL_INTERVIEW = Interview(id=GENERAL)


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
    wanted = (recent & joined["open"]) | (joined["id"] == (requested or ""))
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
                company=cell_text(row.company),
                role=cell_text(row.role),
                interview_type=cell_text(row.interview_type) or None,
                round=round_no,
                interviewers=cell_text(row.interviewers),
            )
        )
    return result


def questions_to_practise(checks: pd.DataFrame, applications: pd.DataFrame,
                          today: date) -> list[tuple[str, str]]:
    """The questions the latest self-checks named to prepare better, each with where it came
    from ("your self-check of Acme Analytics, Sat 28 Nov"), newest first, whatever the company
    of the interview being prepared for."""
    asked = questions_to_prepare(checks)
    names = dict(zip(applications["id"], applications["company"], strict=True))
    out = []
    for row in asked.itertuples(index=False):
        if isinstance(row.application_id, str):
            name = cell_text(names.get(row.application_id)) or "an application since deleted"
        else:
            name = cell_text(row.label) or "a quick check"
        day = row.interview_date
        when = "" if pd.isna(day) else f", {format_day(day.date(), today)}"
        out.append((row.text, f"your self-check of {name}{when}"))
    return out
