"""Notes: the thank-you, follow-up or gracious reply to send after an interview, drafted from
the records, checked, and marked as sent so Home stops asking."""

from datetime import date

import pandas as pd
import streamlit as st

from components import notes_view as view
from components.feedback import load_or_stop
from components.navigation import require_app_shell, take_request
from components.store import cached, get_store
from nextround.domain.notes import drafting
from nextround.domain.records import get_setting
from nextround.views.notes import note_history

require_app_shell()

st.title("Notes")
st.caption(
    "Send the thank-you even when the interview felt bad. Drafted from your records, checked "
    "against what makes a good note, and yours to edit before it goes out."
)

store = get_store()
applications, events, sent, actions, settings = load_or_stop(
    store, "applications", "events", "sent_notes", "actions", "settings"
)
today = date.today()
if applications.empty:
    view.empty_state()
    st.stop()

# Each application's events by position, so a rerun reads one application's rows, not all.
positions = cached(store, ("events",), "notes_events_by_application",
                   lambda: events.groupby("application_id", sort=False).indices)


def events_of(app_id: str) -> pd.DataFrame:
    return events.iloc[positions.get(app_id, [])]


view.apply_request(take_request("Notes"), applications, events_of)
picked = view.pick_interview(store, applications, events, events_of, today)
view.facts(picked, today)
suggested, reason = drafting.suggest_kind(
    picked.interview_date, today,
    *note_history(events_of(picked.app_id), actions, picked.app, picked.interview),
)
templates = [p.name for p in drafting.list_user_templates(store.data_dir)]
kind, tone, wording = view.pick_kind(picked, suggested, reason, templates)
view.why_it_matters()

saved_sender = get_setting(settings, view.SENDER_SETTING)
context = view.draft_context(picked, kind, tone, wording)
values = view.inputs_form(picked, kind, saved_sender)
if values is not None:
    view.write_drafts(context, picked, kind, tone, wording, values, store.data_dir, today)
    view.remember_sender(store, values["sender_name"], saved_sender)

st.subheader("Your draft")
view.drafts(context, picked, kind, tone, sent, store, today)
view.sent_notes_section(sent, picked, today)
view.template_help(store.data_dir)
