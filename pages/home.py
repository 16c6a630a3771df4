"""Home: what to do next, the interviews coming up, and a first-run welcome."""


import streamlit as st

from components.home import parts, sections, views
from components.shared.feedback import missing_data_notice
from components.shared.screen import drawn_by_the_page, open_screen, snapshot_or_stop
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
today_view, waiting_list = views.today_view(snapshot, today)
sections.mail_replies()
sections.check_invitation(today_view, today)
with drawn_by_the_page(parts.THIS_RUN, (snapshot, today_view, waiting_list)):
    parts.health(store, today)
    actions, upcoming = st.columns([3, 2], gap="large")
    with actions:
        parts.due_list(store, today)
    with upcoming:
        sections.upcoming_interviews(today_view, today)
        parts.waits(store, today)
        parts.calendar(store, today)
