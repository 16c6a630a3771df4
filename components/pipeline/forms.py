"""The Pipeline page's forms: add or edit an application, log an event, delete either, and the
follow-up timing settings.

Every form is an st.form (Enter submits); a problem is shown right under the field it is about.
Edits of existing rows carry the applications file's version from when the form was first drawn,
so a save from a tab that has gone stale is refused instead of overwriting newer data.
Session state keys all start with "pipeline_".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.shared.feedback import ask_to_confirm, attempt, confirm, flash
from components.shared.screen import forget_form_versions, form_version
from nextround.commands import applications
from nextround.commands.settings import save_rule_settings
from nextround.data_folder import (
    CHANNELS,
    EARLIEST_DATE,
    EVENT_KINDS,
    INTERVIEW_TYPES,
    OUTCOMES,
    PRIORITIES,
    STAGES,
    Store,
    application_errors,
    event_errors,
)
from nextround.domain import dates
from nextround.domain.applications import stage_after_event
from nextround.domain.dates import countries
from nextround.domain.settings import RuleSettings
from nextround.event_kinds import registry
from nextround.stages import stage_label
from nextround.text import plural
from nextround.views import application as one
from nextround.views.markup import escape_markdown
from nextround.views.snapshot import Snapshot

OPEN_KEY = "pipeline_open"
ADD_OPEN = "pipeline_add_open"
CLOSE_ADD = "pipeline_close_add"
_ACK = "pipeline_event_ack"
DELETE_APP = "pipeline_delete"
DELETE_EVENT = "pipeline_delete_event"
EARLIEST = EARLIEST_DATE  # the one range every source shares (storage.validation)

EVENT_WORDS = {name: kind.label for name, kind in registry().items()}


md = escape_markdown



# --- versions and form generations ---------------------------------------------------------------


def _generation(form: str) -> int:
    return int(st.session_state.get(f"pipeline_gen_{form}", 0))


def _renew(form: str) -> None:
    """Draw this form afresh next time (new widget keys, values from the saved row)."""
    st.session_state[f"pipeline_gen_{form}"] = _generation(form) + 1


def _saved(message: str, *tables: str) -> None:
    forget_form_versions(*tables)
    st.session_state.pop(_ACK, None)
    flash(message)
    st.rerun()


def _field_error(slot: DeltaGenerator, message: str) -> None:
    slot.error(md(message), icon=":material/error:")


# --- adding and editing an application ---------------------------------------------------------


def application_form(
    form: str, initial: Mapping[str, Any], today: date, submit_label: str, submit_icon: str
) -> dict[str, Any] | None:
    """The application fields; returns the record when it was submitted and is valid."""
    key = f"{form}_{_generation(form)}"
    slots: dict[str, DeltaGenerator] = {}
    with st.form(key, border=True):
        left, right = st.columns(2)
        with left:
            company = st.text_input("Company", value=initial["company"], key=f"{key}_company",
                                    placeholder="e.g. Acme Analytics")
            slots["company"] = st.empty()
        with right:
            role = st.text_input("Role", value=initial["role"], key=f"{key}_role",
                                 placeholder="e.g. Data analyst")
            slots["role"] = st.empty()
        stage_col, date_col, outcome_col = st.columns(3)
        with stage_col:
            stage = st.selectbox(
                "Stage", STAGES, index=STAGES.index(initial["stage"]), key=f"{key}_stage",
                format_func=stage_label,
                help="Where it stands. Logging events moves it along for you; set it here to "
                "correct it.",
            )
            slots["stage"] = st.empty()
        with date_col:
            applied = st.date_input(
                "Date applied", value=initial["date_applied"], min_value=EARLIEST,
                key=f"{key}_date_applied", help="Leave it empty for a wishlist entry.",
            )
            slots["date_applied"] = st.empty()
        with outcome_col:
            outcome = st.selectbox(
                "Outcome", ("", *OUTCOMES), index=("", *OUTCOMES).index(initial["outcome"]),
                key=f"{key}_outcome", format_func=lambda o: o.capitalize() or "Still open",
                help="How it ended. Kept apart from the stage: set it once it is closed.",
            )
            slots["outcome"] = st.empty()
        source_col, location_col, priority_col = st.columns(3)
        with source_col:
            source = st.text_input("Source", value=initial["source"], key=f"{key}_source",
                                   placeholder="referral, job board, company site")
        with location_col:
            location = st.text_input("Location", value=initial["location"],
                                     key=f"{key}_location", placeholder="London, or remote")
        with priority_col:
            priority = st.selectbox(
                "Priority", ("", *PRIORITIES), index=("", *PRIORITIES).index(initial["priority"]),
                key=f"{key}_priority", format_func=lambda p: p.capitalize() or "Not set",
            )
        posting = st.text_input("Posting URL", value=initial["posting_url"],
                                key=f"{key}_posting_url", placeholder="https://")
        slots["posting_url"] = st.empty()
        name_col, email_col = st.columns(2)
        with name_col:
            contact = st.text_input("Contact name", value=initial["contact_name"],
                                    key=f"{key}_contact_name",
                                    help="The recruiter or hiring manager.")
        with email_col:
            email = st.text_input("Contact email", value=initial["contact_email"],
                                  key=f"{key}_contact_email")
            slots["contact_email"] = st.empty()
        notes = st.text_area("Notes", value=initial["notes"], key=f"{key}_notes", height=90,
                             help="Private: never goes into a note to anyone. Drafts on the "
                             "Notes page are checked so none repeats it.")
        submitted = st.form_submit_button(submit_label, type="primary", icon=submit_icon)
        summary = st.empty()
    if not submitted:
        return None
    record = one.application_record({
        "company": company, "role": role, "stage": stage, "date_applied": applied,
        "outcome": outcome, "source": source, "location": location, "priority": priority,
        "posting_url": posting, "contact_name": contact, "contact_email": email, "notes": notes,
    })
    errors = application_errors(record, today)
    if errors:
        for field, message in errors.items():
            _field_error(slots.get(field, summary), message)
        summary.caption(":material/arrow_upward: Nothing saved yet: see the note under "
                        f"{'each marked field' if len(errors) > 1 else 'the marked field'}.")
        return None
    return record


def add_form(store: Store, today: date) -> None:
    record = application_form("pipeline_add", one.form_values(None) | {"date_applied": today},
                              today, "Add application", ":material/add:")
    if record is None:
        return
    created: dict[str, str] = {}

    def add() -> None:
        created["id"] = applications.add_application(store, record, dates.now())

    if attempt(add):
        _renew("pipeline_add")
        st.session_state[OPEN_KEY] = created["id"]
        st.session_state[CLOSE_ADD] = True
        _saved(f"Added {md(record['company'])} · {md(record['role'])}.", "applications",
               "events")


def edit_form(store: Store, snapshot: Snapshot, row: Mapping[str, Any], today: date) -> None:
    app_id = str(row["id"])
    form = f"pipeline_edit_{app_id}"
    expected = form_version(form, snapshot, "applications")
    record = application_form(form, one.form_values(row), today, "Save changes",
                              ":material/save:")
    if record is None:
        return
    if attempt(lambda: applications.update_application(store, app_id, record, dates.now(),
                                                  expected_version=expected)):
        _renew(form)
        _saved(f"Saved {md(record['company'])} · {md(record['role'])}.", "applications")


# --- logging an event --------------------------------------------------------------------------


def event_form(
    store: Store, snapshot: Snapshot, row: Mapping[str, Any], own_events: pd.DataFrame,
    today: date,
) -> None:
    app_id = str(row["id"])
    # The application as this form shows it: logging is refused when another tab has changed
    # it since (its stage moved, it was closed or deleted), rather than moving it blind.
    expected = form_version(f"pipeline_event_{app_id}", snapshot, "applications")
    kind = st.selectbox(
        "What happened", EVENT_KINDS, index=EVENT_KINDS.index("interview"),
        key=f"pipeline_event_kind_{app_id}", format_func=EVENT_WORDS.get,
        help="The stage follows: an interview moves it to interviewing, an offer to offer, a "
        "rejection closes it. Thank-yous and follow-ups clear what is due.",
    )
    form = f"pipeline_event_{app_id}"
    key = f"{form}_{kind.replace(' ', '_')}_{_generation(form)}"
    slots: dict[str, DeltaGenerator] = {}
    values: dict[str, Any] = {}
    fields = one.EVENT_FIELDS.get(kind, ())
    with st.form(key, border=True):
        if "round" in fields:
            when_col, round_col, type_col = st.columns(3)
            with when_col:
                values["date"] = st.date_input("Date of the interview", value=today,
                                               min_value=EARLIEST, key=f"{key}_date",
                                               help="A future date books it in.")
                slots["date"] = st.empty()
            with round_col:
                values["round"] = st.number_input(
                    "Round", min_value=1, max_value=20, value=one.next_round(own_events),
                    step=1, key=f"{key}_round")
                slots["round"] = st.empty()
            with type_col:
                values["interview_type"] = st.selectbox(
                    "Type", INTERVIEW_TYPES, index=None, key=f"{key}_type",
                    placeholder="Choose (optional)", format_func=str.capitalize)
            names_col, emails_col = st.columns(2)
            with names_col:
                values["interviewers"] = st.text_input(
                    "Interviewer names", key=f"{key}_interviewers",
                    placeholder="Ana Lee; Bo Chen",
                    help="Separate names with a semicolon. Each gets their own thank-you.")
            with emails_col:
                values["interviewer_emails"] = st.text_input(
                    "Interviewer emails", key=f"{key}_emails",
                    placeholder="ana@example.com; bo@example.com",
                    help="In the same order as the names.")
                slots["interviewer_emails"] = st.empty()
            values["decision_date"] = st.date_input(
                "Decision date they gave", value=None, min_value=EARLIEST,
                key=f"{key}_decision",
                help="Leave it empty if they gave none. The follow-up waits until it passes.")
            slots["decision_date"] = st.empty()
        else:
            when_col, channel_col = st.columns(2)
            with when_col:
                values["date"] = st.date_input("Date", value=today, min_value=EARLIEST,
                                               key=f"{key}_date")
                slots["date"] = st.empty()
            if "channel" in fields:
                with channel_col:
                    values["channel"] = st.selectbox(
                        "How you sent it", CHANNELS, index=0, key=f"{key}_channel",
                        format_func=str.capitalize)
        values["details"] = st.text_area(
            one.DETAILS_LABEL.get(kind, "Details"), key=f"{key}_details", height=90,
            placeholder="The topics, the names, what they said: your notes may mention them."
            if kind == "interview" else None,
            help=registry()[kind].details_help)
        submitted = st.form_submit_button("Log it", type="primary", icon=":material/add_task:")
        summary = st.empty()
    if submitted:
        _log(store, row, kind, values, slots, summary, today, expected)


def _log(
    store: Store,
    row: Mapping[str, Any],
    kind: str,
    values: Mapping[str, Any],
    slots: dict[str, DeltaGenerator],
    summary: DeltaGenerator,
    today: date,
    expected: str,
) -> None:
    record = one.event_record(str(row["id"]), kind, values)
    applied = row.get("date_applied")
    applied_day = None if applied is None or pd.isna(applied) else pd.Timestamp(applied).date()
    errors, warnings = event_errors(record, applied_day, today)
    if errors:
        for field, message in errors.items():
            _field_error(slots.get(field, summary), message)
        return
    signature = repr(sorted(record.items(), key=lambda item: item[0]))
    if warnings and st.session_state.get(_ACK) != signature:
        st.session_state[_ACK] = signature
        for field, message in warnings.items():
            slots.get(field, summary).warning(md(message), icon=":material/help:")
        summary.caption("Press **Log it** again to save it as it is.")
        return
    current = str(row.get("stage") or "")
    stage, outcome = stage_after_event(current, kind)
    if attempt(lambda: applications.log_event(store, record, dates.now(), expected)):
        _renew(f"pipeline_event_{row['id']}")
        moved = f" Stage: {stage}." if stage != current else ""
        if outcome:
            moved = f" Closed as {outcome}."
        _saved(f"Logged: {kind} for {md(row['company'])}.{moved}", "events", "applications")


# --- deleting ----------------------------------------------------------------------------------


def delete_controls(snapshot: Snapshot, row: Mapping[str, Any], n_events: int) -> None:
    app_id = str(row["id"])
    expected = form_version(f"pipeline_delete_{app_id}", snapshot, "applications")
    # The history as counted below: one logged in another tab since refuses the delete.
    events = form_version(f"pipeline_delete_{app_id}", snapshot, "events")
    label = f"{md(row['company'])} · {md(row['role'])}"
    keep = False
    if n_events:
        choice = st.radio(
            f"Its history ({plural(n_events, 'event')})",
            ("remove", "keep"), key=f"pipeline_keep_{app_id}",
            format_func={"remove": "Delete it too",
                         "keep": "Keep it in events.csv (for your records)"}.get,
        )
        keep = choice == "keep"
    if st.button("Delete this application", key=f"pipeline_delete_{app_id}",
                 icon=":material/delete:"):
        what = ("Its events stay in events.csv." if keep or not n_events
                else f"Its history ({plural(n_events, 'event')}) goes too.")
        ask_to_confirm(DELETE_APP, app_id=app_id, keep_events=keep, version=expected,
                       events_version=events,
                       label=label, message=f"**{label}** will be removed. {what} "
                       "A backup of the file is kept on the Data page.")
        st.rerun()


def event_version(snapshot: Snapshot, event_id: str) -> str:
    """The events' version when this tab first offered to delete this event."""
    return form_version(f"pipeline_event_{event_id}", snapshot, "events")


def ask_delete_event(snapshot: Snapshot, app_label: str, event_id: str, description: str) -> None:
    ask_to_confirm(DELETE_EVENT, event_id=event_id, version=event_version(snapshot, event_id),
                   message=f"The {md(description)} will be removed from {app_label}. The stage "
                   "stays as it is: change it under **Edit details** if it should move back.")
    st.rerun()


def confirmations(store: Store) -> None:
    """The delete dialogs; drawn on every run while one is waiting for an answer."""
    pending = st.session_state.get(f"confirm_{DELETE_APP}")
    if pending:
        confirm(DELETE_APP, "Delete this application?", pending.get("message", ""),
                "Delete it", _delete_application(store))
    pending = st.session_state.get(f"confirm_{DELETE_EVENT}")
    if pending:
        confirm(DELETE_EVENT, "Delete this event?", pending.get("message", ""),
                "Delete the event", _delete_event(store))


def _delete_application(store: Store) -> Callable[[dict], None]:
    def run(payload: dict) -> None:
        applications.delete_application(store, payload["app_id"],
                                        keep_events=payload["keep_events"],
                                        expected_version=payload["version"],
                                        expected_events=payload.get("events_version"))
        if st.session_state.get(OPEN_KEY) == payload["app_id"]:
            st.session_state.pop(OPEN_KEY, None)
        forget_form_versions("applications", "events")
        kept = " Its events were kept." if payload["keep_events"] else ""
        flash(f"Deleted {payload['label']}.{kept}", ":material/delete:")

    return run


def _delete_event(store: Store) -> Callable[[dict], None]:
    def run(payload: dict) -> None:
        applications.delete_event(store, payload["event_id"],
                                  expected_version=payload.get("version"))
        forget_form_versions("events", "applications")
        flash("Event deleted.", ":material/delete:")

    return run


# --- follow-up timing --------------------------------------------------------------------------


def settings_form(store: Store, snapshot: Snapshot) -> None:
    """Every delay the follow-up rules use, each bounded as RuleSettings says."""
    settings = snapshot.settings
    expected = form_version("pipeline_settings", snapshot, "settings")
    # Keyed by the version the form was drawn from, not the file's current one: a change in
    # another tab must not redraw the form under the person (which dropped their save unseen).
    key = f"pipeline_settings_{expected}"
    current = settings.to_mapping()
    chosen: dict[str, int | str] = {}
    with st.form(key, border=False):
        columns = st.columns(2, gap="large")
        rows = RuleSettings.form_rows()
        for i, (name, label, low, high, help_text) in enumerate(rows):
            with columns[i % 2]:
                chosen[name] = int(st.number_input(
                    label, min_value=low, max_value=high, value=int(current[name]), step=1,
                    key=f"{key}_{name}", help=f"{help_text} ({low} to {high}.)"))
        names = countries()
        for i, (name, label, help_text) in enumerate(RuleSettings.country_rows(), len(rows)):
            with columns[i % 2]:
                codes = list(names)
                chosen[name] = st.selectbox(
                    label, codes, index=codes.index(current[name]) if current[name] in names
                    else 0, format_func=lambda c: f"{names[c]} ({c})", key=f"{key}_{name}",
                    help=help_text)
        with st.container(horizontal=True):
            save = st.form_submit_button("Save timing", type="primary", icon=":material/save:")
            reset = st.form_submit_button("Back to the defaults", icon=":material/restart_alt:")
    if save and attempt(lambda: save_rule_settings(store, RuleSettings(**chosen), expected)):
        _saved("Follow-up timing saved. Due dates now follow it.", "settings")
    if reset and attempt(lambda: save_rule_settings(store, RuleSettings(), expected)):
        _saved("Follow-up timing is back to the defaults.", "settings")
