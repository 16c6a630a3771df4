"""The Prep page's dated checklist: each step with its day and status, ticked with one click.

Every part a tick changes is a fragment with a name of its own: the step's group (its heading,
"2 of 5 done", and its boxes), the note above the plan (how many steps to catch up) and the
header's checklist figure and bar. The box's callback saves the tick and reruns exactly those
four (``st.rerun`` with their names), not the other groups nor the page around them. Fragments
cost the server a little on every full run, so there is one per group, not one per step. A
tick never changes another step (see ``checklist_plan``); when the file shows that another tab
changed the plan meanwhile, or the save failed, the whole page is drawn again instead: a step
on screen is never older than the file.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pandas as pd
import streamlit as st

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
_PLAN_FORM = "prep_plan"
#: The (group, step) whose tick started this run (its group then reads the plan afresh).
_TICKED = "prep_ticked"
#: The plan as last drawn: each step's (day, status, ticked).
_DRAWN = "prep_plan_drawn"
#: The names of the fragments a tick reruns (``st.rerun`` takes them).
_FIGURE, _BAR, _NOTE = "prep_checklist_figure", "prep_checklist_bar", "prep_plan_note"
#: Where the page keeps (interview id, plan) while its full run draws the named parts.
THIS_RUN = "prep_plan_this_run"

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


def _toggle_item(store: Store, snapshot: Snapshot, interview_id: str, item_id: str, slot: str,
                 text: str, key: str) -> None:
    """Checkbox callback: save the tick at once and rerun what it changed; refused from a stale
    tab, and a failed save redraws the page with the box as the file has it.

    The version checked is the one the plan on screen was drawn from, read now: the boxes a
    tick does not redraw keep the arguments they were drawn with."""
    done = bool(st.session_state.get(key))
    expected = form_version(_PLAN_FORM, snapshot, "prep_progress")
    if attempt_in_callback(lambda: tick(store, interview_id, item_id, done, dates.now(), expected),
                           _PLAN_ERROR_KEY, f"Done: {text}" if done else f"Not done yet: {text}",
                           ":material/task_alt:" if done else ":material/undo:"):
        forget_form_versions("prep_progress")
        st.session_state[_TICKED] = (slot, item_id)
        st.rerun([_slot_name(slot), _NOTE, _FIGURE, _BAR])
    # Draw the box as the file has it (setting the value reaches the browser; removing the key
    # left the box ticked there although nothing was saved), the message above the plan.
    st.session_state[key] = _saved_tick(store, interview_id, item_id, not done)
    st.rerun()


def _slot_name(slot_id: str) -> str:
    return f"prep_slot_{slot_id}"


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
    _plan_note(store, interview, today)
    st.session_state[_DRAWN] = (interview.id, _drawn(plan))
    form_version(_PLAN_FORM, snapshot, "prep_progress")  # what the ticks are checked against
    by_slot: dict[str, list[Any]] = {}
    for row in plan.itertuples(index=False):  # one pass, not a filter of the frame per slot
        by_slot.setdefault(row.slot, []).append(row)
    for slot in ordered:
        rows = by_slot.get(slot.id, [])
        if rows:
            st.fragment(_group, key=_slot_name(slot.id))(
                store, snapshot, interview, slot, rows, after and slot.id in before_ids, today)


def _group(store: Store, snapshot: Snapshot, interview: Interview, slot: Slot,
           rows: list[Any], behind: bool, today: date) -> None:
    """One group of steps with its heading (a fragment, named: a tick in it reruns it). On a
    tick's rerun the group is read again from the file; when the plan there differs from the
    one on screen by more than the ticked step (another tab's tick), the page is redrawn.
    ``behind``: the interview is past this group, so a step left undone reads "before the
    interview", not "overdue"."""
    ticked = st.session_state.get(_TICKED)
    if ticked is not None and ticked[0] == slot.id:
        del st.session_state[_TICKED]
        snapshot = snapshot_or_stop(store, "prep_progress")
        plan = _after_tick(interview_plan(snapshot, interview, today), interview, ticked[1])
        rows = [r for r in plan.itertuples(index=False) if r.slot == slot.id]
        form_version(_PLAN_FORM, snapshot, "prep_progress")
        show_flashes()
    with st.container(border=True):
        _slot_heading(slot, rows, interview, today)
        for row in rows:
            _plan_item(store, snapshot, interview, row, behind, today)
        if slot.id == "right-after":
            with st.expander("Debrief prompts: write these down while it is fresh",
                             expanded=interview.has_passed(today),
                             icon=":material/rate_review:"):
                debrief_section()


@st.fragment(key=_NOTE)
def _plan_note(store: Store, interview: Interview, today: date) -> None:
    """What kind of plan this is (after the interview, general, short notice with its count
    of steps to catch up: a tick reruns it)."""
    if interview.has_passed(today):
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
        catch_up = int((current_plan(store, interview, today)["status"] == "catch up").sum())
        if catch_up:
            st.caption(
                f":material/schedule: Short notice: {plural(catch_up, 'step')} meant for earlier "
                f"days {'are' if catch_up != 1 else 'is'} fitted into the days left and marked "
                "**catch up**. There is still time: start with the ones that matter most for "
                "this interview."
            )


def _slot_heading(slot: Slot, rows: list[Any], interview: Interview, today: date) -> None:
    """A group's heading with its count of steps done."""
    done = sum(_ticked(row.done) for row in rows)
    heading = f"**{slot.name}**"
    if any(row.status == "catch up" for row in rows):
        heading += " · catch up in the days left"
    elif interview.day is not None:
        day = interview.day + pd.Timedelta(days=slot.offset_days)
        heading += f" · {format_day(day, today)}"
    st.markdown(f"{heading} · {done} of {len(rows)} done")


def _plan_item(store: Store, snapshot: Snapshot, interview: Interview, row: Any, behind: bool,
               today: date) -> None:
    """One step as one checkbox: its status and day ride in the label, so a tick redraws one
    element per step rather than five."""
    key = _item_key(interview.id, row.item_id)
    status = "past" if behind and row.status == "overdue" else row.status
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
        args=(store, snapshot, interview.id, row.item_id, row.slot, row.text, key),
        wrap=True,
    )


def _after_tick(plan: pd.DataFrame, interview: Interview, item_id: str) -> pd.DataFrame:
    """``plan`` (the file's) after a tick of ``item_id``; the page is redrawn instead (this
    does not return) when any other step differs from the plan on screen."""
    drawn_for, drawn = st.session_state.get(_DRAWN, (None, {}))
    now = _drawn(plan)
    if drawn_for != interview.id or now.keys() != drawn.keys() or any(
            now[i] != v for i, v in drawn.items() if i != item_id):
        st.rerun()
    st.session_state[_DRAWN] = (interview.id, now)
    return plan


def _drawn(plan: pd.DataFrame) -> dict[str, tuple]:
    """Each step's (day, status, ticked) as plain values (NaT equals nothing, not even NaT)."""
    return {i: (None if pd.isna(d) else d.date(), s, _ticked(t))
            for i, d, s, t in zip(plan["item_id"], plan["due"], plan["status"], plan["done"],
                                  strict=True)}


def _ticked(done: object) -> bool:
    return False if pd.isna(done) else bool(done)


@cache
def _item_sources() -> dict[str, str]:
    return {i.id: i.source for i in checklist() if i.source}


def debrief_section() -> None:
    for prompt in debrief_prompts():
        st.markdown(f"**{prompt.text}**  \n{prompt.help}")


@st.fragment(key=_FIGURE)
def checklist_figure(store: Store, interview: Interview, today: date) -> None:
    """The header's checklist figure (a tick reruns it)."""
    done, total, _ = progress_summary(current_plan(store, interview, today))
    st.metric("Checklist", f"{done} of {total}")


@st.fragment(key=_BAR)
def checklist_bar(store: Store, interview: Interview, today: date) -> None:
    """The header's checklist bar (a tick reruns it)."""
    done, total, fraction = progress_summary(current_plan(store, interview, today))
    st.progress(fraction, text=f"Checklist: {done} of {total} done")


def current_plan(store: Store, interview: Interview, today: date) -> pd.DataFrame:
    """The interview's plan: the page's own during its full run (``drawn_by_the_page`` under
    ``THIS_RUN``), else as the file has it now (a fragment's rerun by name reads it afresh)."""
    drawn = st.session_state.get(THIS_RUN)
    if drawn is not None and drawn[0] == interview.id:
        return drawn[1]
    return interview_plan(snapshot_or_stop(store, "prep_progress"), interview, today)


def interview_plan(snapshot: Snapshot, interview: Interview, today: date) -> pd.DataFrame:
    """The interview's dated checklist, rebuilt only when the ticks change."""
    country = snapshot.settings.holiday_country
    return cached_view(snapshot.only("prep_progress"),
                       lambda s: checklist_plan(interview.day, today, s["prep_progress"],
                                                interview.id, country),
                       today, interview.id, interview.day, country)


def plan_section(store: Store, interview: Interview, today: date) -> None:
    """The dated plan, each group of steps a fragment of its own."""
    snapshot = snapshot_or_stop(store, "prep_progress")
    show_flashes()
    _plan(store, snapshot, interview, current_plan(store, interview, today), today)
