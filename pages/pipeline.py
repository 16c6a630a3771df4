"""Pipeline: the whole search on one timeline, how it is going, and every application with its
history, its next step and the forms to add, edit, log and delete."""

from datetime import date

import streamlit as st

from components import pipeline_forms as forms
from components import pipeline_view as view
from components.navigation import require_app_shell, take_request
from components.store import get_store

require_app_shell()

st.title("Pipeline")
st.caption(
    "Your whole search on one timeline: every application, round and follow-up, what is due "
    "next, and how it is going."
)

store = get_store()
data = view.load(store)
today = date.today()
view.apply_request(take_request("Pipeline"), data)
forms.confirmations(store)
if data.applications.empty:
    view.empty_state(store, today)
    st.stop()

overview = view.overview(data, today)
view.summary_strip(overview)
view.timeline_section(data, today)
view.insights_section(overview)
view.applications_section(store, data, today)
view.detail(store, data, today)
view.settings_section(store, data)
