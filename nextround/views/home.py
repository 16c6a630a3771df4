"""What Home shows: the actions due, the interviews coming up and their prep, the search's health.

Kept apart from the page so it is tested without a browser and computed once per change of the
underlying files (the page caches it on the tables' versions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from nextround.domain import followup, pipeline
from nextround.domain.followup import RuleSettings
from nextround.domain.interviews import interview_events, upcoming_interviews
from nextround.domain.prep import content

# What "done" logs, so the rules see the step was taken even when the note was sent elsewhere.
DONE_EVENT = {
    "thank-you": "thank-you sent",
    "late thank-you": "thank-you sent",
    "follow-up": "follow-up sent",
    "second follow-up": "follow-up sent",
    "nudge": "follow-up sent",
    "rejection reply": "follow-up sent",
    "mark no response": "no response",
}

TITLES = {
    "thank-you": "Send a thank-you",
    "late thank-you": "Send a late thank-you (still worth it)",
    "follow-up": "Send a polite follow-up",
    "second follow-up": "Send a second, last follow-up",
    "nudge": "Nudge about your application",
    "rejection reply": "Reply graciously to the rejection",
    "mark no response": "Close it as 'no response' and move on",
}
COMBINED_TITLE = "Send a late thank-you with a follow-up"
URGENCY_ICONS = {"overdue": ":material/error:", "today": ":material/today:",
                 "soon": ":material/schedule:", "later": ":material/event:"}


def action_title(kind: str, note_kind: str) -> str:
    if note_kind == "late thank-you and follow-up":
        return COMBINED_TITLE
    return TITLES.get(kind, kind.capitalize())


RECENT_DAYS = 7


@dataclass
class Today:
    actions: pd.DataFrame
    upcoming: pd.DataFrame
    health: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)
    to_check: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def pressing(self) -> pd.DataFrame:
        """Overdue, today and soon: what Home lists first."""
        return self.actions[self.actions["urgency"].isin(("overdue", "today", "soon"))]

    @property
    def later(self) -> pd.DataFrame:
        return self.actions[self.actions["urgency"].eq("later")]


def build_today(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    action_state: pd.DataFrame,
    progress: pd.DataFrame,
    settings: RuleSettings,
    today: date,
    checks: pd.DataFrame | None = None,
) -> Today:
    actions = followup.due_actions(applications, events, settings, today, action_state)
    actions = actions.assign(
        title=[action_title(k, n) for k, n in zip(actions["kind"], actions["note_kind"],
                                                     strict=True)]
    )
    upcoming = upcoming_with_progress(applications, events, progress, today)
    return Today(
        actions=actions,
        upcoming=upcoming,
        health=pipeline.health(applications, events, today, settings.min_active),
        counts=followup.summarise_urgency(actions),
        to_check=recent_unchecked(applications, events, checks, today),
    )


def recent_unchecked(
    applications: pd.DataFrame, events: pd.DataFrame, checks: pd.DataFrame | None, today: date,
) -> pd.DataFrame:
    """Interviews of the last week, on open applications, with no self-check saved yet: the
    moment the app exists for ("I think I blew it") deserves an invitation, not a menu item."""
    day = pd.Timestamp(today)
    joined = interview_events(applications, events)
    recent = joined[joined["date"].between(day - pd.Timedelta(days=RECENT_DAYS), day)
                    & ~joined["stage"].isin(("closed", "wishlist"))]
    if checks is not None and not checks.empty:
        recent = recent[~recent["id"].isin(checks["event_id"].dropna())]
    return recent.sort_values("date", ascending=False, kind="stable").head(3)


def upcoming_with_progress(
    applications: pd.DataFrame, events: pd.DataFrame, progress: pd.DataFrame, today: date,
    limit: int = 5,
) -> pd.DataFrame:
    """The next interviews with how much of their prep checklist is ticked."""
    upcoming = upcoming_interviews(applications, events, today).head(limit)
    done, total = [], []
    for event_id, when in zip(upcoming["id"], upcoming["date"], strict=True):
        plan = content.checklist_plan(when.date(), today, progress, interview_id=event_id)
        d, t, _ = content.progress_summary(plan)
        done.append(d)
        total.append(t)
    return upcoming.assign(prep_done=done, prep_total=total)
