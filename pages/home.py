"""Home: what to do next, the interviews coming up, and a first-run welcome."""


import streamlit as st

from components.home import sections
from components.shared.feedback import missing_data_notice
from components.shared.screen import cached_view, open_screen, snapshot_or_stop
from components.shared.store import get_store
from components.shared.welcome import welcome
from nextround.domain import dates
from nextround.views import home

open_screen("Next Round", "After an interview that felt bad: a clear read, and a plan.")
store = get_store()
snapshot = snapshot_or_stop(store, *home.TABLES)
if snapshot["applications"].empty:
    if not missing_data_notice(store):  # set aside or cut off: not a first run
        welcome()
    st.stop()

today = dates.today()
# Cached in parts, each on what it reads: a snooze reruns neither the rules nor the agenda, a
# Done (a note event) not the agenda (interviews, prep, health).
# The rules run again only for the applications changed since this tab's last pass.
done = home.done_keys(snapshot, today)
rules_pass = cached_view(snapshot.only("applications", "events", "settings"), "home_rules",
                         lambda _: home.rules_pass(snapshot, today,
                                                   st.session_state.get("home_rules_pass")),
                         today, done)
st.session_state["home_rules_pass"] = rules_pass
ruled = rules_pass.ruled
agenda_key = cached_view(snapshot.only("events"), "home_agenda_key",
                         lambda s: home.fingerprint(home.agenda_events(s["events"])))
agenda = cached_view(snapshot.only("applications", "prep_progress", "self_checks", "settings"),
                     "home_agenda", lambda _: home.agenda(snapshot, today), today, agenda_key)
today_view = cached_view(snapshot, "home", lambda s: home.assemble(s, today, ruled, agenda),
                         today)
sections.mail_replies()
sections.check_invitation(today_view, today)
sections.health_strip(today_view)
actions, upcoming = st.columns([3, 2], gap="large")
with actions:
    sections.action_list(store, snapshot, today_view, today)
with upcoming:
    sections.upcoming_interviews(today_view, today)
    sections.waiting_list(cached_view(snapshot.only("applications", "events", "settings"),
                                      "home_waiting",
                                      lambda _: home.waiting_list(snapshot, today, ruled),
                                      today, done), today)
    sections.calendar_download(today_view, today)
