"""Prep: a dated plan and a practice workspace for the next interview."""


import streamlit as st

from components.prep import guides, workspace
from components.prep import practice_round as drill
from components.prep.checklist import THIS_RUN, interview_plan, plan_section
from components.shared.navigation import take_request
from components.shared.screen import (
    cached_view,
    drawn_by_the_page,
    open_screen,
    snapshot_or_stop,
)
from components.shared.store import get_store
from nextround.domain import dates
from nextround.domain.prep.content import round_for_interview_type
from nextround.domain.self_check.ratings import recent_weak_spots
from nextround.views import prep

open_screen("Prepare for your next interview")
today = dates.today()
store = get_store()
snapshot = snapshot_or_stop(store, *prep.TABLES)
requested = take_request("Prep").get("interview_id")

choices = cached_view(snapshot.only("applications", "events"),
                      lambda s: prep.interview_choices(s["applications"], s["events"], today,
                                                       requested),
                      today, requested)
interview = workspace.interview_picker(choices, today, requested)
default_round = round_for_interview_type(interview.interview_type)
ask_round = st.session_state.get(guides.ask_round_key(interview), default_round)
plan = interview_plan(snapshot, interview, today)
with drawn_by_the_page(THIS_RUN, (interview.id, plan)):
    workspace.interview_header(store, interview, plan, snapshot["practice_answers"], ask_round,
                               today)
workspace.questions_to_practise(cached_view(
    snapshot.only("self_checks", "applications"),
    lambda s: prep.questions_to_practise(s["self_checks"], s["applications"], today), today))

# Only the open tab is drawn: a tick on the plan does not redraw five other tabs' widgets.
plan_tab, answers_tab, drill_tab, looks_tab, ask_tab, guides_tab = st.tabs(
    list(workspace.TABS), key=workspace.TAB_KEY, on_change="rerun")
if plan_tab.open:
    with plan_tab, drawn_by_the_page(THIS_RUN, (interview.id, plan)):
        plan_section(store, interview, today)
if answers_tab.open:
    with answers_tab:
        weak = cached_view(snapshot.only("self_checks"),
                           lambda s: recent_weak_spots(s["self_checks"]))
        workspace.answers_section(store, snapshot, interview, default_round, weak)
if drill_tab.open:
    with drill_tab:
        drill.practice_round_section(interview, default_round, snapshot["practice_answers"])
if looks_tab.open:
    with looks_tab:
        guides.qualities_section()
if ask_tab.open:
    with ask_tab:
        guides.ask_section(interview, default_round)
if guides_tab.open:
    with guides_tab:
        guides.guides_section()
