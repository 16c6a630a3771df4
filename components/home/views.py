"""Home's views, each cached on exactly what it reads, so a click rebuilds only what it changed:
a snooze (the action states) runs neither the rules nor the agenda nor the waits; a Done (a note
logged, a key marked done) runs the rules for its one application (``rules_update``) and leaves
the agenda (interviews, prep, health) and the waits as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from components.shared.screen import cached_view
from nextround.domain import waiting
from nextround.views import home
from nextround.views.snapshot import Snapshot

#: This tab's last pass of the rules, which the next one is brought up to date from.
_RULES_PASS = "home_rules_pass"


def today_view(snapshot: Snapshot, today: date) -> tuple[home.Today, Callable[[], home.Waiting]]:
    """Home's view, and the waiting list's (built when called: it is drawn last)."""
    done = cached_view(snapshot.only("actions"),
                       lambda s: home.done_keys(s, today), today)
    rules_pass = cached_view(snapshot.only("applications", "events", "settings"),
                             lambda _: home.rules_pass(snapshot, today,
                                                       st.session_state.get(_RULES_PASS)),
                             today, done)
    st.session_state[_RULES_PASS] = rules_pass
    ruled = rules_pass.ruled
    agenda_key = cached_view(snapshot.only("events"),
                             lambda s: home.fingerprint(home.agenda_events(s["events"])))
    agenda = cached_view(
        snapshot.only("applications", "prep_progress", "self_checks", "settings"),
        lambda _: home.agenda(snapshot, today), today, agenda_key)
    view = cached_view(snapshot, lambda s: home.assemble(s, today, ruled, agenda), today)

    def waiting_list() -> home.Waiting:
        waits_key = cached_view(snapshot.only("events"),
                                lambda s: home.fingerprint(waiting.wait_events(s["events"])))
        waits = cached_view(snapshot.only("applications"),
                            lambda s: waiting.interview_waits(
                                s["applications"], waiting.wait_events(snapshot["events"]),
                                today), today, waits_key)
        return cached_view(snapshot.only("applications", "events", "settings"),
                           lambda _: home.waiting_list(snapshot, today, ruled, waits),
                           today, done)

    return view, waiting_list
