"""Prep: a dated plan and a practice workspace for the next interview."""

from datetime import date

import streamlit as st

from components import prep_view as view
from components.feedback import load_or_stop, load_with_version_or_stop
from components.navigation import require_app_shell, take_request
from components.store import cached, get_store
from nextround.domain.interviews import interview_choices
from nextround.domain.prep import content
from nextround.domain.selfcheck.scoring import rating_items

require_app_shell()

st.title("Prepare for your next interview")
today = date.today()
store = get_store()
applications, events, self_checks, progress = load_or_stop(
    store, "applications", "events", "self_checks", "prep_progress"
)
answers, answers_version = load_with_version_or_stop(store, "practice_answers")
requested = take_request("Prep").get("interview_id")

choices = cached(store, ("applications", "events"), "prep_choices",
                 lambda: interview_choices(applications, events, today, requested),
                 today, requested)
interview = view.interview_picker(choices, today, requested)
plan = content.checklist_plan(interview.day, today, progress, interview.id)
default_round = content.round_for_interview_type(interview.interview_type)
ask_round = st.session_state.get(view.ask_round_key(interview), default_round)
view.interview_header(interview, plan, answers, ask_round, today)

weak = content.weak_spots(self_checks)
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
    view.plan_section(store, interview, plan, today)
with answers_tab:
    view.answers_section(
        store, interview, answers, answers_version, default_round, weak, rating_items(),
        had_checks=not self_checks.empty,
    )
with drill_tab:
    view.practice_round_section(interview, default_round, answers)
with looks_tab:
    view.qualities_section()
with ask_tab:
    view.ask_section(interview, default_round)
with guides_tab:
    view.guides_section()
