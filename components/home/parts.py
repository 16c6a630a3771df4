"""The parts of Home that a Done or a Snooze changes, each a fragment with a name: the callback
saves and reruns these three by name (``views.rerun_changed``), so the click redraws the due
figure, the list, the waits and the calendar, not the page around them (the navigation, the
invitation to a self-check, the interviews coming up). Each part reads the files afresh on its
own rerun; on a full run the cached views make that a lookup."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.home import sections
from components.home.views import ACTIONS, HEALTH, WAITING, current
from components.shared.feedback import show_flashes
from nextround.data_folder import Store


@st.fragment(key=HEALTH)
def health(store: Store, today: date) -> None:
    sections.health_strip(current(store, today)[1])


@st.fragment(key=ACTIONS)
def due_list(store: Store, today: date) -> None:
    snapshot, view, _ = current(store, today)
    show_flashes()  # a click's toast: the app's own call runs on full runs only
    sections.action_list(store, snapshot, view, today)


@st.fragment(key=WAITING)
def waits_and_calendar(store: Store, today: date) -> None:
    _, view, waiting_list = current(store, today)
    sections.waiting_list(waiting_list(), today)
    sections.calendar_download(view, today)
