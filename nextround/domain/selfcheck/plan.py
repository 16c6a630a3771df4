"""The plan after a reading: what to do now, each step dated, in the order to do it.

The same steps follow a good reading and a bad one (the actions help either way); only the
preparation step depends on the reading, through the self-rating's weak spots. Which note to
send and when is not decided here: it is the follow-up rules' ``next_note``, the same answer
Home, Notes and the calendar give, so the plan never disagrees with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from nextround.domain.applications import is_open
from nextround.domain.dates import long_day
from nextround.domain.kinds import COMBINED
from nextround.domain.next_note import NextNote, next_note
from nextround.domain.selfcheck.content import signs_catalog
from nextround.domain.selfcheck.scoring import CheckResult
from nextround.domain.settings import RuleSettings


@dataclass(frozen=True)
class PlanFacts:
    """What the plan needs to know about the application the interview belongs to.

    ``note`` is the follow-up rules' next note (None for a quick check with no application);
    ``active_elsewhere`` counts the person's other open applications, not this one.
    """

    today: date
    company: str = ""
    role: str = ""
    note: NextNote | None = None
    rejected: bool = False
    active_elsewhere: int = 0
    min_active: int = RuleSettings().min_active
    interview_date: date | None = None


@dataclass(frozen=True)
class PlanStep:
    """One thing to do. ``action`` is a machine key the page turns into a button or a link."""

    title: str
    detail: str
    due: date | None
    action: str
    note_kind: str | None = None
    source: str | None = None


def plan_facts(
    applications: pd.DataFrame,
    events: pd.DataFrame,
    action_state: pd.DataFrame,
    settings: RuleSettings,
    today: date,
    application_id: str | None,
    interview_date: date | None = None,
) -> PlanFacts:
    """The plan's facts, read from the records; a quick check only learns how many
    applications are open."""
    open_apps = is_open(applications)
    known = applications[applications["id"] == application_id] if application_id else None
    if known is None or known.empty:
        return PlanFacts(today, active_elsewhere=int(open_apps.sum()),
                         min_active=settings.min_active, interview_date=interview_date)
    app = known.iloc[0]
    mine = events[events["application_id"] == application_id]
    rejected = bool(mine["kind"].eq("rejection").any()) or app["outcome"] == "rejected"
    note = next_note(applications, events, settings, today, application_id,
                              action_state)
    return PlanFacts(
        today=today,
        company=app["company"] if isinstance(app["company"], str) else "",
        role=app["role"] if isinstance(app["role"], str) else "",
        note=note,
        rejected=rejected,
        active_elsewhere=int((open_apps & (applications["id"] != application_id)).sum()),
        min_active=settings.min_active,
        interview_date=interview_date,
    )


def _plan_text(key: str, **values: Any) -> tuple[str, str, str | None]:
    entry = signs_catalog()["plan"][key]
    return (
        entry["title"].format_map(values),
        entry["detail"].format_map(values),
        entry.get("source"),
    )


def _step(
    key: str, due_on: date | None, action: str, note_kind: str | None = None, **values: Any
) -> PlanStep:
    title, detail, source = _plan_text(key, **values)
    return PlanStep(title, detail, due_on, action, note_kind, source)


def _note_steps(facts: PlanFacts, values: dict[str, Any]) -> list[PlanStep]:
    """The note the rules say is next, then the follow-up it leads to."""
    note, today = facts.note, facts.today
    if note is None:
        return []
    if note.stop:
        return [_step("stop_following_up", None, "review_applications", **values)]
    if note.kind is None or note.action is None:
        # No action is due (an interview still ahead only names the note for afterwards):
        # Home lists nothing, so neither does the plan.
        return []
    due = max(note.due, today) if note.due else None
    if note.kind == "thank-you":
        steps = [_step("thank_you", due, "write_note", "thank-you", **values)]
    elif note.kind == "late thank-you":
        days = (today - facts.interview_date).days if facts.interview_date else 0
        steps = [_step("late_thank_you", due, "write_note", "late thank-you", days=days,
                       **values)]
    elif note.kind == COMBINED:
        return [_step("late_thank_you_and_follow_up", due, "write_note", COMBINED, **values)]
    elif note.kind == "rejection reply":
        return [_step("rejection_reply", due, "write_note", "rejection reply", **values)]
    else:
        return [_follow_up_step(note.due or today, today, values)]
    if note.follow_up_due is not None:
        steps.append(_follow_up_step(note.follow_up_due, today, values))
    return steps


def _follow_up_step(due: date, today: date, values: dict[str, Any]) -> PlanStep:
    """Dated in the future it says "not before then"; once the date has come, "now"."""
    key = "follow_up" if due > today else "follow_up_now"
    return _step(key, max(due, today), "write_note", "follow-up", due=long_day(due), **values)


def _applications_phrase(count: int) -> str:
    if count == 0:
        return "no other active applications"
    return f"{count} other active application{'s' if count != 1 else ''}"


def plan(result: CheckResult, facts: PlanFacts) -> list[PlanStep]:
    """The "what now" after a reading, in the order to do them."""
    values = {
        "company": facts.company.strip() or "the company",
        "role": facts.role.strip() or "the role",
    }
    steps = [_step("reflect", facts.today, "reflect", **values)]
    steps += _note_steps(facts, values)
    if result.weak_spots:
        spots = ", ".join(w.label.lower() for w in result.weak_spots)
        steps.append(_step("prepare", None, "prepare", spots=spots, **values))
    count = max(0, int(facts.active_elsewhere))
    values["applications"] = _applications_phrase(count)
    if count < facts.min_active:
        steps.append(_step("add_application", facts.today + timedelta(days=7),
                           "add_application", count=count, **values))
    else:
        steps.append(_step("keep_moving", None, "review_applications", count=count, **values))
    if facts.rejected:
        steps.append(_step("watch_company", None, "watch_company", **values))
    return steps
