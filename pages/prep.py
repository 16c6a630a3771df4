"""Prep: a dated plan and a practice workspace for the next interview."""


import streamlit as st

from components import prep_view as view
from components.navigation import take_request
from components.screen import cached_view, open_screen, snapshot_or_stop
from components.store import get_store
from nextround.domain import dates
from nextround.domain.prep.checklist import checklist_plan
from nextround.domain.prep.content import round_for_interview_type
from nextround.domain.selfcheck.ratings import recent_weak_spots
from nextround.views import prep

open_screen("Prepare for your next interview")
today = dates.today()
store = get_store()
snapshot = snapshot_or_stop(store, *prep.TABLES)
requested = take_request("Prep").get("interview_id")

choices = cached_view(snapshot, "prep_choices",
                      lambda s: prep.interview_choices(s["applications"], s["events"], today,
                                                       requested),
                      today, requested)
interview = view.interview_picker(choices, today, requested)
plan = checklist_plan(interview.day, today, snapshot["prep_progress"], interview.id)
default_round = round_for_interview_type(interview.interview_type)
ask_round = st.session_state.get(view.ask_round_key(interview), default_round)
view.interview_header(interview, plan, snapshot["practice_answers"], ask_round, today)
view.questions_to_practise(prep.questions_to_practise(snapshot["self_checks"],
                                                      snapshot["applications"], today))

weak = recent_weak_spots(snapshot["self_checks"])
plan_tab, answers_tab, drill_tab, looks_tab, ask_tab, guides_tab = st.tabs(
    [
        ":material/checklist: Plan",
        ":material/edit_note: Your answers",
        ":material/timer: Practice round",
        ":material/visibility: What they look for",
        ":material/help: Questions to ask",
        ":material/menu_book: Guides",
    ]
)
with plan_tab:
    view.plan_section(store, snapshot, interview, plan, today)
with answers_tab:
    view.answers_section(store, snapshot, interview, default_round, weak)
with drill_tab:
    view.practice_round_section(interview, default_round, snapshot["practice_answers"])
with looks_tab:
    view.qualities_section()
with ask_tab:
    view.ask_section(interview, default_round)
with guides_tab:
    view.guides_section()
