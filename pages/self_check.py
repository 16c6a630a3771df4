"""Self-check: an honest, explained reading of the signs after an interview, then a plan."""


import streamlit as st

from components.self_check import choose_and_save
from components.self_check import learning as looking_back
from components.self_check import reading as shown
from components.self_check import signs as form
from components.shared.navigation import take_request
from components.shared.screen import cached_view, open_screen, snapshot_or_stop
from components.shared.store import get_store
from nextround.domain import dates
from nextround.domain.self_check.plan import plan, plan_facts
from nextround.domain.self_check.saved import checks_for, reading_of
from nextround.views import self_check

open_screen(
    "Self-check",
    "Felt like it went badly? Read the signs you actually saw, honestly and with their caveats, "
    "then get a plan. About three minutes.",
)
today = dates.today()
store = get_store()
snapshot = snapshot_or_stop(store, *self_check.TABLES)
checks = snapshot["self_checks"]

request = take_request("Self-check")
keep_events = (request.get("event_id"), st.session_state.get(choose_and_save.INTERVIEW_KEY),
               *checks["event_id"].dropna())
keep_applications = (request.get("application_id"),)
choices = cached_view(
    snapshot.only("applications", "events"),
    lambda s: self_check.interview_choices(s["applications"], s["events"], today,
                                           keep_events=keep_events,
                                           keep_applications=keep_applications),
    today, keep_events, keep_applications,
)
choose_and_save.apply_request(request, choices)
target = choose_and_save.choose_target(choices)
saved = checks_for(checks, target.event_id)
check = choose_and_save.choose_saved(store, snapshot, target, saved, today)
values, show_reading = form.check_form(target, check, today)

if show_reading:
    result = reading_of(values)
    day = values.get("interview_date")
    facts = cached_view(
        snapshot,
        lambda s: plan_facts(s["applications"], s["events"], s["actions"], s.settings, today,
                             target.application_id, day),
        today, target.application_id, day,
    )
    shown.reading(result, rejected=facts.rejected)
    shown.plan_steps(plan(result, facts), result, target, today)
    choose_and_save.reflection_and_save(store, target, check, values, snapshot)
else:
    form.before_reading()

st.divider()
st.header("Looking back")
said = cached_view(snapshot.only("self_checks", "applications", "events"),
                   lambda s: self_check.outcomes_view(s["self_checks"], s["applications"],
                                                      s["events"], today), today)
over_time, outcomes = st.columns(2, gap="large")
with over_time:
    shown.history(cached_view(snapshot.only("self_checks", "applications"),
                              lambda s: self_check.readings_over_time(
                                  s["self_checks"], s["applications"], target.application_id,
                                  target.company),
                              target.application_id, target.company))
with outcomes:
    looking_back.learning(said)
looking_back.tables(said)
shown.saved_checks(checks, choices, today)
