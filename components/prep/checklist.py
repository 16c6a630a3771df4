"""The Prep page's dated checklist: each step with its day and status, ticked with one click.

The plan is a fragment: a tick saves at once and reruns the plan alone, not the page around it,
so it answers as quickly as a single checkbox. What the header shows of the plan (the
checklist figure and its bar) sits in places the header leaves for it, which the plan redraws.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.shared.feedback import attempt_in_callback, show_failure, show_flashes
from components.shared.screen import (
    cached_view,
    forget_form_versions,
    form_version,
    snapshot_or_stop,
)
from nextround.commands.prep import tick
from nextround.data_folder import NextRoundError, Store
from nextround.domain import dates
from nextround.domain.dates import format_day, relative_day
from nextround.domain.prep.checklist import checklist_plan, progress_summary
from nextround.domain.prep.content import Slot, checklist, debrief_prompts, slots
from nextround.text import plural
from nextround.views.prep import Interview
from nextround.views.snapshot import Snapshot

_PLAN_ERROR_KEY = "prep_plan_error"

_STATUS_BADGE = {
    "overdue": ":orange-badge[Overdue]",
    "catch up": ":violet-badge[Catch up]",
    "due today": ":blue-badge[Due today]",
    "upcoming": ":gray-badge[Upcoming]",
    "done": ":green-badge[:material/check: Done]",
    "past": ":gray-badge[Before the interview]",
}


def _item_key(interview_id: str, item_id: str) -> str:
    return f"prep_item_{interview_id}_{item_id}"


def _toggle_item(store: Store, expected: str, interview_id: str, item_id: str, text: str,
                 key: str) -> None:
    """Checkbox callback: save the tick at once; refused from a stale tab, and a failed save
    redraws the box as the file has it."""
    done = bool(st.session_state.get(key))
    if attempt_in_callback(lambda: tick(store, interview_id, item_id, done, dates.now(), expected),
                           _PLAN_ERROR_KEY, f"Done: {text}" if done else f"Not done yet: {text}",
                           ":material/task_alt:" if done else ":material/undo:"):
        forget_form_versions("prep_progress")
    else:
        # Draw the box as the file has it (setting the value reaches the browser; removing
        # the key left the box ticked there although nothing was saved).
        st.session_state[key] = _saved_tick(store, interview_id, item_id, not done)


def _saved_tick(store: Store, interview_id: str, item_id: str, fallback: bool) -> bool:
    """Whether the file has this item ticked (``fallback`` when the file cannot be read)."""
    try:
        progress = store.load("prep_progress")
    except NextRoundError:
        return fallback
    row = progress[progress["id"] == f"{interview_id}:{item_id}"]
    return bool(row["done"].fillna(False).iloc[0]) if not row.empty else False


def _plan(store: Store, snapshot: Snapshot, interview: Interview, plan: pd.DataFrame,
          today: date) -> None:
    show_failure(_PLAN_ERROR_KEY)
    after = interview.has_passed(today)
    ordered = list(slots())
    before_ids = {s.id for s in ordered if s.id != "right-after"}
    if after:
        ordered.sort(key=lambda s: s.id != "right-after")
        st.info(
            f"Your interview was {relative_day(interview.day, today)}, on "
            f"{format_day(interview.day, today)}. What helps now comes first: the debrief, the "
            "thank-you notes and keeping your other applications moving. The earlier steps are "
            "simply behind you; tick any you did, or leave them.",
            icon=":material/flag:",
        )
    elif interview.is_general:
        st.caption(
            "Steps in the order you would do them before an interview. Nothing is due: tick "
            "them off as you go, and your ticks are kept."
        )
    else:
        catch_up = int((plan["status"] == "catch up").sum())
        if catch_up:
            st.caption(
                f":material/schedule: Short notice: {plural(catch_up, 'step')} meant for earlier "
                f"days {'are' if catch_up != 1 else 'is'} fitted into the days left and marked "
                "**catch up**. There is still time: start with the ones that matter most for "
                "this interview."
            )
    by_slot: dict[str, list[Any]] = {}
    for row in plan.itertuples(index=False):  # one pass, not a filter of the frame per slot
        by_slot.setdefault(row.slot, []).append(row)
    for slot in ordered:
        rows = by_slot.get(slot.id, [])
        if not rows:
            continue
        with st.container(border=True):
            _slot_heading(slot, rows, interview, today)
            for row in rows:
                status = row.status
                if after and slot.id in before_ids and status == "overdue":
                    status = "past"
                _plan_item(store, snapshot, interview, row, status, today)
            if slot.id == "right-after":
                with st.expander("Debrief prompts: write these down while it is fresh",
                                 expanded=after, icon=":material/rate_review:"):
                    debrief_section()


def _slot_heading(slot: Slot, rows: Sequence[Any], interview: Interview, today: date) -> None:
    done = sum(_ticked(row.done) for row in rows)
    heading = f"**{slot.name}**"
    if any(row.status == "catch up" for row in rows):
        heading += " · catch up in the days left"
    elif interview.day is not None:
        day = interview.day + pd.Timedelta(days=slot.offset_days)
        heading += f" · {format_day(day, today)}"
    st.markdown(f"{heading} · {done} of {len(rows)} done")


def _plan_item(store: Store, snapshot: Snapshot, interview: Interview, row: Any, status: str,
               today: date) -> None:
    """One step as one checkbox: its status and day ride in the label, so a tick redraws one
    element per step rather than five."""
    key = _item_key(interview.id, row.item_id)
    detail = row.detail if isinstance(row.detail, str) else ""
    item_source = _item_sources().get(row.item_id)
    if item_source:
        detail += f" Source: {item_source}."
    due = "no date" if pd.isna(row.due) else f"due {format_day(row.due.date(), today)}"
    label = f"{row.text} {_STATUS_BADGE[status]} :small[:gray[{due}]]"
    if detail:
        label += f"  \n:small[:gray[{detail.strip()}]]"
    # The box as the file has it: a keyed box keeps its own state over a new default, which
    # showed a step another tab ticked as open (with a "Done" badge beside it).
    st.session_state[key] = _ticked(row.done)
    st.checkbox(
        label,
        key=key,
        on_change=_toggle_item,
        args=(store, form_version("prep_plan", snapshot, "prep_progress"), interview.id,
              row.item_id, row.text, key),
        wrap=True,
    )


def _ticked(done: object) -> bool:
    return False if pd.isna(done) else bool(done)


@cache
def _item_sources() -> dict[str, str]:
    return {i.id: i.source for i in checklist() if i.source}


def debrief_section() -> None:
    for prompt in debrief_prompts():
        st.markdown(f"**{prompt.text}**  \n{prompt.help}")


class Progress(NamedTuple):
    """The header's places for the checklist's figure and bar."""

    figure: DeltaGenerator
    bar: DeltaGenerator


def show_progress(progress: Progress, plan: pd.DataFrame) -> None:
    done, total, fraction = progress_summary(plan)
    progress.figure.metric("Checklist", f"{done} of {total}")
    progress.bar.progress(fraction, text=f"Checklist: {done} of {total} done")


def interview_plan(snapshot: Snapshot, interview: Interview, today: date) -> pd.DataFrame:
    """The interview's dated checklist, rebuilt only when the ticks change."""
    country = snapshot.settings.holiday_country
    return cached_view(snapshot.only("prep_progress"),
                       lambda s: checklist_plan(interview.day, today, s["prep_progress"],
                                                interview.id, country),
                       today, interview.id, interview.day, country)


@st.fragment
def plan_section(store: Store, interview: Interview, today: date, progress: Progress) -> None:
    """The plan, read afresh on each of its own reruns (the page's snapshot is from the last
    full run), with the toast of a tick and the header's figures brought up to date."""
    snapshot = snapshot_or_stop(store, "prep_progress")
    plan = interview_plan(snapshot, interview, today)
    show_flashes()
    show_progress(progress, plan)
    _plan(store, snapshot, interview, plan, today)
