"""Notes: the thank-you, follow-up or gracious reply to send after an interview, drafted from
the records, checked, and marked as sent so Home stops asking."""


import streamlit as st

from components.notes import choosing, drafts
from components.shared.navigation import take_request
from components.shared.screen import cached_view, open_screen, snapshot_or_stop
from components.shared.store import get_store
from nextround.domain import dates
from nextround.domain.next_note import next_note
from nextround.domain.notes.user_templates import list_user_templates
from nextround.domain.settings import SENDER, get_setting
from nextround.views import notes

open_screen(
    "Notes",
    "Send the thank-you even when the interview felt bad. Drafted from your records, checked "
    "against what makes a good note, and yours to edit before it goes out.",
)
store = get_store()
snapshot = snapshot_or_stop(store, *notes.TABLES)
applications, events = snapshot["applications"], snapshot["events"]
today = dates.today()
if applications.empty:
    choosing.empty_state()
    st.stop()

chosen = st.session_state.get("notes_application")
index = cached_view(snapshot,
                    lambda s: notes.notes_index(s["applications"], s["events"], today, (chosen,)),
                    today, chosen)
choosing.apply_request(take_request("Notes"), applications, events, index)
picked = choosing.pick_interview(snapshot, index, today)
app_events = cached_view(snapshot.only("events"),
                         lambda s: index.events_of(s["events"], picked.app_id), picked.app_id)
suggestion = cached_view(
    snapshot,
    lambda s: next_note(s["applications"], app_events, s.settings, today, picked.app_id,
                        s["actions"]),
    today, picked.app_id,
)
choosing.facts(picked, today, suggestion)
templates = [p.name for p in list_user_templates(store.data_dir)]
kind, tone, wording = choosing.pick_kind(picked, suggestion, templates)
choosing.why_it_matters()

saved_sender = cached_view(snapshot.only("settings"), lambda s: get_setting(s["settings"], SENDER))
st.header("Who it goes to")
people = drafts.people_editor(picked, kind, tone, suggestion.people)
drafts.write_and_show(store, snapshot, picked, kind, tone, wording, people, app_events,
                      saved_sender, today)
choosing.sent_notes_section(snapshot["sent_notes"], picked, today)
choosing.template_help(store.data_dir)
