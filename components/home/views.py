"""Home's views, each cached on exactly what it reads, so a click rebuilds only what it changed:
a snooze (the action states) runs neither the rules nor the agenda nor the waits; a Done (a note
logged, a key marked done) runs the rules for its one application (``rules_update``) and leaves
the agenda (interviews, prep, health) and the waits as they were, and the waiting list too
unless the application is one it shows (``home.waiting_rows_key``).

The parts of Home a Done or a Snooze changes (the due figure, the list, the waits and the
calendar) are fragments with names (``components.home.parts``): the click's callback saves,
then reruns those by name (``rerun_changed``), not the page around them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from components.shared.screen import cached_view, snapshot_or_stop
from nextround.data_folder import NextRoundError, Store
from nextround.domain import waiting
from nextround.views import home
from nextround.views.snapshot import Snapshot

#: The names of Home's parts a click on the due list changes (``rerun_changed``).
HEALTH, ACTIONS, WAITING, CALENDAR = ("home_health", "home_actions", "home_waiting",
                                      "home_calendar")
#: The applications the waiting list showed on its last run: a Done on another one leaves it.
WAITING_SHOWN = "home_waiting_shown"

#: This tab's last pass of the rules, which the next one is brought up to date from.
_RULES_PASS = "home_rules_pass"


def today_view(snapshot: Snapshot, today: date, in_a_session: bool = True,
               ) -> tuple[home.Today, Callable[[], home.Waiting]]:
    """Home's view, and the waiting list's (built when called: it is drawn last). Outside a
    session (``in_a_session=False``: the server building it ahead of the first page, see
    serve.py) the views are cached the same way and no tab's last pass is read or kept."""
    previous = st.session_state.get(_RULES_PASS) if in_a_session else None
    done = cached_view(snapshot.only("actions"),
                       lambda s: home.done_keys(s, today), today)
    rules_pass = cached_view(snapshot.only("applications", "events", "settings"),
                             lambda _: home.rules_pass(snapshot, today, previous),
                             today, done)
    if in_a_session:
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
        rows = cached_view(snapshot.only("applications", "events", "settings"),
                           lambda _: home.waiting_rows_key(snapshot, waits, ruled),
                           today, done, waits_key)
        return cached_view(snapshot.only("applications", "settings"),
                           lambda _: home.waiting_list(snapshot, today, ruled, waits),
                           today, waits_key, rows)

    return view, waiting_list


def current(store: Store, today: date) -> tuple[Snapshot, home.Today,
                                                 Callable[[], home.Waiting]]:
    """The tables as the files have them now and Home's view of them: what a part reads on
    its own rerun (the cached parts make this cheap on a full run, where every part asks)."""
    snapshot = snapshot_or_stop(store, *home.TABLES)
    return (snapshot, *today_view(snapshot, today))


def rerun_changed(store: Store, applications_version: str,
                  application_id: str | None = None) -> None:
    """From a Done's or a Snooze's callback, once its save is on disk: rerun the parts of Home
    it changed, by name: the due figure, the list and the calendar, and the waiting list when
    the Done's application (``application_id``) is one it shows (a note logged moves its
    follow-up date; a snooze moves none). A Done that changed an application (one that closes
    it) also moves the health figures, the interviews coming up and the invitation to a
    self-check: then the whole page runs again. Does not return (``st.rerun``)."""
    try:
        now = Snapshot.load(store, ("applications",)).version("applications")
    except NextRoundError:
        now = None  # the page's own run explains a file it cannot read
    if now != applications_version:
        st.rerun()
    waits = [WAITING] if application_id in st.session_state.get(WAITING_SHOWN, ()) else []
    st.rerun([HEALTH, ACTIONS, *waits, CALENDAR])
