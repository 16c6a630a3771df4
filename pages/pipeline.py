"""Pipeline: the whole search on one timeline, how it is going, and every application with its
history, its next step and the forms to add, edit, log and delete."""


import streamlit as st

from components import pipeline_forms as forms
from components import pipeline_view as view
from components.navigation import take_request
from components.pipeline_waiting import waiting_section
from components.screen import cached_view, open_screen, snapshot_or_stop
from components.store import get_store
from nextround.domain import dates
from nextround.views import pipeline

open_screen(
    "Pipeline",
    "Your whole search on one timeline: every application, round and follow-up, what is due "
    "next, and how it is going.",
)
store = get_store()
snapshot = snapshot_or_stop(store, *pipeline.TABLES)
today = dates.today()
view.apply_request(take_request("Pipeline"), snapshot["applications"])
forms.confirmations(store)
if snapshot["applications"].empty:
    view.empty_state(store, today)
    st.stop()

search = cached_view(snapshot, "pipeline", lambda s: pipeline.build(s, today), today)
view.summary_strip(search.overview)
view.timeline_section(search)
view.insights_section(search.overview, lambda: waiting_section(search))
view.applications_section(store, search)
view.detail(store, snapshot, search)
view.settings_section(store, snapshot)
