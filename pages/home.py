"""Home: what to do next, the interviews coming up, and a first-run welcome."""

from datetime import date

import streamlit as st

from components.feedback import load_or_stop
from components.home_view import (
    action_list,
    calendar_download,
    check_invitation,
    health_strip,
    load_today,
    upcoming_interviews,
)
from components.navigation import require_app_shell
from components.store import get_store
from components.welcome import welcome

require_app_shell()

st.title("Next Round")
st.caption("After an interview that felt bad: a clear read, and a plan.")

store = get_store()
applications, _ = load_or_stop(store, "applications", "events")
load_or_stop(store, "actions", "prep_progress", "self_checks", "settings")
if applications.empty:
    welcome()
    st.stop()

today = date.today()
view = load_today(store, today)
check_invitation(view, today)
health_strip(view)
actions, upcoming = st.columns([3, 2], gap="large")
with actions:
    action_list(store, view, today)
with upcoming:
    upcoming_interviews(view, today)
    calendar_download(store, view, today)
