"""Self-check: an honest, explained reading of the signs after an interview, then a plan."""

from datetime import date

import streamlit as st

from components import self_check_view as view
from components.feedback import load_or_stop, load_with_version_or_stop
from components.navigation import require_app_shell, take_request
from components.store import cached, get_store
from nextround.domain import records
from nextround.domain.selfcheck import saved
from nextround.domain.selfcheck.scoring import plan

require_app_shell()

st.title("Self-check")
st.caption(
    "Felt like it went badly? Read the signs you actually saw, honestly and with their caveats, "
    "then get a plan. About three minutes."
)
today = date.today()
store = get_store()
applications, events, action_state = load_or_stop(store, "applications", "events", "actions")
checks, version = load_with_version_or_stop(store, "self_checks")

request = take_request("Self-check")
keep_events = (request.get("event_id"), st.session_state.get(view.INTERVIEW_KEY),
               *checks["event_id"].dropna())
keep_applications = (request.get("application_id"),)
choices = cached(
    store, ("applications", "events"), "self_check_choices",
    lambda: saved.interview_choices(applications, events, today, keep_events=keep_events,
                                           keep_applications=keep_applications),
    today, keep_events, keep_applications,
)
view.apply_request(request, choices)
target = view.choose_target(choices)
saved = saved.checks_for(checks, target.event_id)
check = view.choose_saved(store, target, saved, version, today)
values, show_reading = view.check_form(target, check, today)

if show_reading:
    result = saved.reading_of(values)
    view.reading(result)
    state = saved.application_state(
        applications, events, today, target.application_id, target.event_id,
        interview_date=values.get("interview_date"), settings=records.load_settings(store),
        action_state=action_state,
    )
    view.plan_steps(plan(result, state), result, target, today)
    view.reflection_and_save(store, target, check, values, version)
else:
    view.before_reading()

st.divider()
st.header("Looking back")
over_time, outcomes = st.columns(2, gap="large")
with over_time:
    view.history(checks, applications, target)
with outcomes:
    view.learning(checks, applications, events)
view.saved_checks(checks, choices, today)
