"""The parts of Home that a Done or a Snooze changes, each a fragment with a name: the callback
saves and reruns them by name (``views.rerun_changed``), so the click redraws the due figure,
the list and the calendar (and the waits, when it changed one of them), not the page around
them (the navigation, the invitation to a self-check, the interviews coming up). Each part
reads the files afresh on its own rerun; on the page's full run they draw the view the page
made (``drawn_by_the_page`` under ``THIS_RUN``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from components.home import sections
from components.home.views import ACTIONS, CALENDAR, HEALTH, WAITING, WAITING_SHOWN, current
from components.shared.feedback import show_flashes
from nextround.data_folder import Store
from nextround.views.home import Today, Waiting
from nextround.views.snapshot import Snapshot

#: Where the page keeps its view while its full run draws the parts.
THIS_RUN = "home_parts_this_run"


def _view(store: Store, today: date) -> tuple[Snapshot, Today, Callable[[], Waiting]]:
    return st.session_state.get(THIS_RUN) or current(store, today)


@st.fragment(key=HEALTH)
def health(store: Store, today: date) -> None:
    sections.health_strip(_view(store, today)[1])


@st.fragment(key=ACTIONS)
def due_list(store: Store, today: date) -> None:
    snapshot, view, _ = _view(store, today)
    show_flashes()  # a click's toast: the app's own call runs on full runs only
    sections.action_list(store, snapshot, view, today)


@st.fragment(key=WAITING)
def waits(store: Store, today: date) -> None:
    waiting = _view(store, today)[2]()
    st.session_state[WAITING_SHOWN] = [e.application_id for e in waiting.shown]
    sections.waiting_list(waiting, today)


@st.fragment(key=CALENDAR)
def calendar(store: Store, today: date) -> None:
    sections.calendar_download(_view(store, today)[1], today)
