"""The self-check page's pieces before the reading: choosing the interview, its kind, the signs
form, and the reflection and save (the reading, the plan and looking back are in
``reading``).

Session state keys all start with "sc_". The form's widgets are keyed by the interview and the
saved check they were filled from (``Target.key`` and the check id), so reopening another check
gives fresh widgets holding that check's answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.shared.feedback import ask_to_confirm, attempt, confirm, flash
from components.shared.screen import forget_form_versions, form_version
from nextround.commands.self_check import delete_check, save_check
from nextround.data_folder import Store
from nextround.domain import dates
from nextround.domain.self_check.saved import form_values
from nextround.views.self_check import (
    check_option_label,
    requested_interview,
)
from nextround.views.snapshot import Snapshot

SOURCE_KEY = "sc_source"
INTERVIEW_KEY = "sc_interview"
PENDING_KEY = "sc_pending"
NEW = "new"
QUICK = "quick"
INTERVIEW = "interview"
SOURCES = {INTERVIEW: "An interview from my applications", QUICK: "A quick check"}
REFLECTION = (
    ("went_well", "What went well", "An answer that landed, a moment of real conversation..."),
    ("to_change", "What you would change", "One thing to do differently next time."),
    ("prepare_better", "The question to prepare better",
     "The question you want a better answer to."),
)


@dataclass(frozen=True)
class Target:
    """What is being checked: an interview event from the records, or a quick check."""

    key: str  # the event id, or "quick"
    event_id: str | None = None
    application_id: str | None = None
    label: str = ""
    interview_date: date | None = None
    decision_date: date | None = None
    company: str = ""
    interview_type: str | None = None

    @property
    def quick(self) -> bool:
        return self.event_id is None


def form_key(target: Target, check_id: str | None) -> str:
    return f"{target.key}_{check_id or NEW}"


# ---- Choosing what to check ------------------------------------------------------------------


def apply_request(request: Mapping[str, Any], choices: pd.DataFrame) -> None:
    """Open the interview another page asked for (go_to("Self-check", application_id=...))."""
    event_id = requested_interview(
        choices, request.get("application_id"), request.get("event_id")
    )
    if event_id is not None:
        st.session_state[PENDING_KEY] = {"event_id": event_id}


def _apply_pending(choices: pd.DataFrame) -> None:
    """A selection chosen in an earlier run (a save, a reopen, a request), set before the widgets
    are drawn: Streamlit refuses changes to a widget's value once it is on the page."""
    pending = st.session_state.pop(PENDING_KEY, None)
    if not pending:
        return
    event_id = pending.get("event_id")
    if event_id and event_id in set(choices["event_id"]):
        st.session_state[SOURCE_KEY] = INTERVIEW
        st.session_state[INTERVIEW_KEY] = event_id
        target_key = event_id
    else:
        st.session_state[SOURCE_KEY] = QUICK
        target_key = QUICK
    if "check_id" in pending:
        st.session_state[f"sc_check_{target_key}"] = pending["check_id"] or NEW


def _day(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def choose_target(choices: pd.DataFrame) -> Target:
    """The interview to read: one from the records (most recent first) or a quick check."""
    _apply_pending(choices)
    if choices.empty:
        st.info(
            "There are no past interviews in your applications yet, so this is a **quick "
            "check**: give it a name and a date under *About the interview*. Add applications "
            "on the Pipeline page to tie your checks to them.",
            icon=":material/bolt:",
        )
        return Target(QUICK)
    if st.session_state.get(SOURCE_KEY) not in SOURCES:
        st.session_state[SOURCE_KEY] = INTERVIEW
    source = st.radio(
        "What do you want to check?",
        list(SOURCES),
        format_func=SOURCES.get,
        key=SOURCE_KEY,
        horizontal=True,
    )
    if source != INTERVIEW:
        return Target(QUICK)
    ids = list(choices["event_id"])
    if st.session_state.get(INTERVIEW_KEY) not in ids:
        st.session_state[INTERVIEW_KEY] = ids[0]
    labels = dict(zip(choices["event_id"], choices["label"], strict=True))
    event_id = st.selectbox(
        "Interview", ids, format_func=labels.get, key=INTERVIEW_KEY,
        help="Your past interviews, most recent first.",
    )
    row = choices[choices["event_id"] == event_id].iloc[0]
    return Target(
        key=event_id,
        event_id=event_id,
        application_id=row["application_id"],
        label=row["label"],
        interview_date=_day(row["date"]),
        decision_date=_day(row["decision_date"]),
        company=row["company"],
        interview_type=row["interview_type"] if isinstance(row["interview_type"], str) else None,
    )


def choose_saved(
    store: Store, snapshot: Snapshot, target: Target, saved: pd.DataFrame, today: date
) -> dict[str, Any] | None:
    """Which saved check of this interview to reopen (the newest by default), or a new one."""
    key = f"sc_check_{target.key}"
    ids = [*saved["id"], NEW]
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    if saved.empty:
        st.caption(
            ":material/history: No saved quick checks yet."
            if target.quick
            else ":material/history: No saved check for this interview yet."
        )
        return None
    rows = {r["id"]: r for r in saved.to_dict("records")}
    names = {cid: check_option_label(r, today) for cid, r in rows.items()}
    names[NEW] = "Start a new check"
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        "Saved quick checks" if target.quick else "Saved checks of this interview",
        ids,
        format_func=names.get,
        key=key,
        help="The newest opens by default, with its answers filled in, ready to edit.",
    )
    if chosen == NEW:
        return None
    expected = _version_for(snapshot, target, chosen)
    if right.button("Delete this check", key=f"sc_delete_{chosen}", icon=":material/delete:"):
        ask_to_confirm("sc_delete", check_id=chosen)
    confirm(
        "sc_delete",
        "Delete this check?",
        "The saved answers, reading and reflection of this check will be removed. A backup "
        "of the file is kept on the Data page.",
        "Delete it",
        lambda payload: _delete(store, payload["check_id"], expected),
    )
    return rows[chosen]


def _delete(store: Store, check_id: str, expected: str) -> None:
    delete_check(store, check_id, expected_version=expected)
    forget_form_versions("self_checks")
    flash("Check deleted.", icon=":material/delete:")


# ---- Reflection and save ---------------------------------------------------------------------


def _version_for(snapshot: Snapshot, target: Target, check_id: str | None) -> str:
    """The checks file's version when this check's form was first drawn: an edit is based on it."""
    return form_version(f"sc_{form_key(target, check_id)}", snapshot, "self_checks")


def reflection_and_save(
    store: Store,
    target: Target,
    check: Mapping[str, Any] | None,
    values: dict[str, Any],
    snapshot: Snapshot,
) -> None:
    check_id = check["id"] if check else None
    fk = form_key(target, check_id)
    expected = _version_for(snapshot, target, check_id)
    start = form_values(check)
    st.header("Your reflection", anchor="reflection")
    with st.form(f"sc_save_{fk}", border=True):
        st.caption("Three lines while it is fresh. They are saved with the check, and the Prep "
                   "page can use the question you name.")
        columns = st.columns(3)
        for column, (name, label, placeholder) in zip(columns, REFLECTION, strict=True):
            values[name] = column.text_area(
                label, value=start[name], placeholder=placeholder, key=f"sc_{fk}_{name}",
                height=110, max_chars=2000,
            )
        saved = st.form_submit_button(
            "Save changes" if check else "Save this check", type="primary", icon=":material/save:"
        )
        st.caption("Saves your answers with the reading shown above and these three lines.")
    if not saved:
        return
    created: dict[str, str] = {}

    def save() -> None:
        created["id"] = save_check(
            store, values, dates.now(), check_id=check_id,
            expected_version=expected if check_id else None,
        )

    if attempt(save, success="Check saved. It opens here again whenever you come back."):
        forget_form_versions("self_checks")
        if check_id is None:
            for key in [k for k in st.session_state if str(k).startswith(f"sc_{fk}_")]:
                del st.session_state[key]
            st.session_state.pop(f"sc_read_{fk}", None)
        st.session_state[PENDING_KEY] = {"event_id": target.event_id, "check_id": created["id"]}
        st.rerun()
