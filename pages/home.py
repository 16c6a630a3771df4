"""Home: what to do next, the interviews coming up, and a first-run welcome."""


import streamlit as st

from components import home_view as view
from components.feedback import missing_data_notice
from components.screen import cached_view, open_screen, snapshot_or_stop
from components.store import get_store
from components.welcome import welcome
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
today_view = cached_view(snapshot, "home", lambda s: home.build(s, today), today)
view.mail_replies()
view.check_invitation(today_view, today)
view.health_strip(today_view)
actions, upcoming = st.columns([3, 2], gap="large")
with actions:
    view.action_list(store, snapshot, today_view, today)
with upcoming:
    view.upcoming_interviews(today_view, today)
    view.waiting_list(cached_view(snapshot, "home_waiting",
                                  lambda s: home.waiting_list(s, today, today_view.ruled),
                                  today), today)
    view.calendar_download(today_view, today)
