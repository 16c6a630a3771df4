"""Home: what to do today, and a first-run welcome."""

import streamlit as st

from components.feedback import load_or_stop
from components.navigation import require_app_shell
from components.store import get_store
from components.welcome import welcome

require_app_shell()

st.title("Next Round")
st.caption("After an interview that felt bad: a clear read, and a plan.")

store = get_store()
applications, events = load_or_stop(store, "applications", "events")
if applications.empty:
    welcome()
    st.stop()

active = applications[~applications["stage"].isin(["closed", "wishlist"])]
left, middle, right = st.columns(3)
left.metric("Active applications", len(active))
middle.metric("Interviews logged", int((events["kind"] == "interview").sum()))
right.metric("Applications in all", len(applications))
