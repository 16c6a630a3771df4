"""Pipeline: the whole search on one timeline, how it is going, and every application with its
history, its next step and the forms to add, edit, log and delete."""


import streamlit as st

from components.pipeline import forms, overview
from components.pipeline.waiting import waiting_section
from components.shared.navigation import take_request
from components.shared.screen import cached_view, open_screen, snapshot_or_stop
from components.shared.store import get_store
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
overview.apply_request(take_request("Pipeline"), snapshot["applications"])
forms.confirmations(store)
if snapshot["applications"].empty:
    overview.empty_state(store, today)
    st.stop()

search = cached_view(snapshot, lambda s: pipeline.build(s, today), today)
overview.summary_strip(search.overview)
overview.timeline_section(search)
overview.insights_section(search.overview, lambda: waiting_section(search))
overview.applications_section(store, search)
overview.detail(store, snapshot, search)
overview.settings_section(store, snapshot)
