"""The plan after a reading: what to do now, each step dated, in the order to do it.

The same steps follow a good reading and a bad one (the actions help either way); only the
preparation step depends on the reading, through the self-rating's weak spots. It opens with the
feeling (a moment for how rotten it feels, then act) before any task. Which note to send and
when is not decided here: it is the follow-up rules' ``next_note``, the same answer Home, Notes
and the calendar give, so the plan never disagrees with them. While the application waits on an
answer, the wait gets its own step: the decision date they gave, the follow-up date after it,
and what the person's own history and the published figures say (``nextround.domain.waiting``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import pandas as pd

from nextround.domain import waiting
from nextround.domain.applications import is_open
from nextround.domain.dates import add_business_days, format_day, long_day
from nextround.domain.kinds import note_kind
from nextround.domain.next_note import NextNote, next_note
from nextround.domain.self_check.content import first_step, signs_catalog
from nextround.domain.self_check.scoring import CheckResult
from nextround.domain.settings import RuleSettings
from nextround.text import plural

#: The working week's last day: "add another application this week" is dated by it.
FRIDAY = 4
#: The plan step of a follow-up (kinds.toml): written now when due, else the wait for it.
FOLLOW_UP_STEP = "follow_up_now"


@dataclass(frozen=True)
class PlanFacts:
    """What the plan needs to know about the application the interview belongs to.

    ``note`` is the follow-up rules' next note (None for a quick check with no application);
    ``active_elsewhere`` counts the person's other open applications, not this one;
    ``expectation`` is what to expect while it waits on an answer after an interview (None
    when it is not waiting).
    """

    today: date
    company: str = ""
    role: str = ""
    note: NextNote | None = None
    rejected: bool = False
    active_elsewhere: int = 0
    min_active: int = RuleSettings().min_active
    interview_date: date | None = None
    expectation: waiting.Expectation | None = None
    settings: RuleSettings = field(default_factory=RuleSettings)

    @property
    def decision_date(self) -> date | None:
        return self.expectation.decision_date if self.expectation else None


@dataclass(frozen=True)
class PlanStep:
    """One thing to do. ``action`` is a machine key the page turns into a button or a link;
    ``lines`` are further sentences the page lists under the detail."""

    title: str
    detail: str
    due: date | None
    action: str
    note_kind: str | None = None
    source: str | None = None
    lines: tuple[str, ...] = ()


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
                         min_active=settings.min_active, interview_date=interview_date,
                         settings=settings)
    app = known.iloc[0]
    mine = events[events["application_id"] == application_id]
    rejected = bool(mine["kind"].eq("rejection").any()) or app["outcome"] == "rejected"
    note = next_note(applications, events, settings, today, application_id,
                              action_state)
    waits = waiting.interview_waits(applications, events, today)
    expectation = waiting.expectation(applications, events, settings, today, application_id,
                                      waits, waiting.history(waits), action_state, note)
    return PlanFacts(
        today=today,
        company=app["company"] if isinstance(app["company"], str) else "",
        role=app["role"] if isinstance(app["role"], str) else "",
        note=note,
        rejected=rejected,
        active_elsewhere=int((open_apps & (applications["id"] != application_id)).sum()),
        min_active=settings.min_active,
        interview_date=interview_date,
        expectation=expectation,
        settings=settings,
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
    """The note the rules say is next, then the wait for an answer it leads to. The step for
    each kind is the registry's (``NoteKind.plan_step`` in kinds.toml), never a list of names
    here: a kind added to the registry reaches the plan with no change to this module."""
    note, today = facts.note, facts.today
    if note is None:
        return _quick_thank_you(facts, values)
    if note.stop:
        return [_step("stop_following_up", today, "review_applications", **values)]
    if note.kind is None or note.action is None:
        # No action is due (an interview still ahead only names the note for afterwards):
        # Home lists nothing, so neither does the plan.
        return []
    kind = note_kind(note.kind)  # a kind the registry does not know is an error, not a guess
    due = max(note.due, today) if note.due else today
    days = (today - facts.interview_date).days if facts.interview_date else 0
    if kind.plan_step == FOLLOW_UP_STEP:
        if note.due is not None and note.due > today:
            return _wait_steps(note.due, facts, values)
        return [_step(FOLLOW_UP_STEP, today, "write_note", note.kind,
                      due=long_day(note.due or today), **values)]
    steps = [_step(kind.plan_step, due, "write_note", note.kind, days=days, **values)]
    if kind.then_follow_up:
        steps += _wait_steps(note.follow_up_due, facts, values)
    return steps


def _quick_thank_you(facts: PlanFacts, values: dict[str, Any]) -> list[PlanStep]:
    """A quick check (no application recorded) still gets the thank-you, the first concrete
    thing to do after any interview: due a working day after it (a late one after the late
    threshold), never before today."""
    s, today = facts.settings, facts.today
    day = facts.interview_date or today
    days = (today - day).days
    due = max(add_business_days(day, s.thank_you_business_days, s.holiday_country), today)
    kind = "late thank-you" if days > s.late_thank_you_after_days else "thank-you"
    return [_step(note_kind(kind).plan_step, due, "write_note", kind, days=days, **values)]


def _wait_steps(follow_up_on: date | None, facts: PlanFacts,
                values: dict[str, Any]) -> list[PlanStep]:
    """The wait for an answer: the decision date they gave and, after it, the one follow-up the
    rules date ("they decide by Fri 4 Dec; if nothing by Tue 8 Dec, follow up"), with what the
    person's own history and the published figures say about waits like this one."""
    decision, today = facts.decision_date, facts.today
    words = {"due": format_day(follow_up_on, today) if follow_up_on else "",
             "decision": format_day(decision, today) if decision else ""}
    if decision and follow_up_on:
        key = "wait_for_decision"
    elif decision:
        key = "decision_only"
    elif follow_up_on:
        key = "follow_up"
    else:
        return []
    step = _step(key, follow_up_on or decision, "write_note" if follow_up_on else "wait",
                 "follow-up" if follow_up_on else None, **words, **values)
    expected = facts.expectation
    if expected is None:
        return [step]
    return [replace(step, lines=(*expected.own, expected.public),
                    source="; ".join(s for s in (step.source, *expected.sources[-1:]) if s))]


def _add_application_step(count: int, today: date, values: dict[str, Any]) -> PlanStep:
    """Dated the Friday of this week; on a Friday or at the weekend, today, and it says so."""
    if today.weekday() >= FRIDAY:
        return _step("add_application_today", today, "add_application", count=count, **values)
    friday = today + timedelta(days=FRIDAY - today.weekday())
    return _step("add_application", friday, "add_application", count=count,
                 by=long_day(friday), **values)


def _next_working_day(facts: PlanFacts) -> date:
    """Tomorrow's work: the next working day (a weekend or holiday skipped)."""
    return add_business_days(facts.today, 1, facts.settings.holiday_country)


def _this_friday(today: date) -> date:
    """This week's Friday (today, on a Friday or at the weekend)."""
    return today if today.weekday() >= FRIDAY else today + timedelta(days=FRIDAY - today.weekday())


def _applications_phrase(count: int) -> str:
    if count == 0:
        return "no other active applications"
    return plural(count, "other active application")


def plan(result: CheckResult, facts: PlanFacts) -> list[PlanStep]:
    """The "what now" after a reading, in the order to do them."""
    values = {
        "company": facts.company.strip() or "the company",
        "role": facts.role.strip() or "the role",
    }
    first = first_step()
    steps = [PlanStep(first["title"], first["detail"], facts.today, "first_step")]
    steps.append(_step("reflect", facts.today, "reflect", **values))
    steps += _note_steps(facts, values)
    if result.weak_spots:
        spots = ", ".join(w.label.lower() for w in result.weak_spots)
        steps.append(_step("prepare", _next_working_day(facts), "prepare", spots=spots,
                           **values))
    count = max(0, int(facts.active_elsewhere))
    values["applications"] = _applications_phrase(count)
    if count < facts.min_active:
        steps.append(_add_application_step(count, facts.today, values))
    else:
        steps.append(_step("keep_moving", _this_friday(facts.today), "review_applications",
                           count=count, **values))
    if facts.rejected:
        later = add_business_days(facts.today, 5, facts.settings.holiday_country)
        steps.append(_step("watch_company", later, "watch_company", **values))
    return steps
