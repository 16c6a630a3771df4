"""The parts of Home that a Done or a Snooze changes, each a fragment with a name: the callback
saves and reruns these three by name (``views.rerun_changed``), so the click redraws the due
figure, the list, the waits and the calendar, not the page around them (the navigation, the
invitation to a self-check, the interviews coming up). Each part reads the files afresh on its
own rerun; on the page's full run they draw the view the page made (``from_the_page``): a
part asking the cached views again cost a full run of Home about 8 ms of its 20."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import streamlit as st

from components.home import sections
from components.home.views import ACTIONS, HEALTH, WAITING, current
from components.shared.feedback import show_flashes
from nextround.data_folder import Store
from nextround.views.home import Today, Waiting
from nextround.views.snapshot import Snapshot

_THIS_RUN = "home_parts_this_run"


@contextmanager
def from_the_page(snapshot: Snapshot, view: Today,
                  waiting_list: Callable[[], Waiting]) -> Iterator[None]:
    """While the page's full run draws the parts, they draw the view it made; on their own
    reruns (a click's, by name) there is none, and each reads the files again."""
    st.session_state[_THIS_RUN] = (snapshot, view, waiting_list)
    try:
        yield
    finally:
        st.session_state.pop(_THIS_RUN, None)


def _view(store: Store, today: date) -> tuple[Snapshot, Today, Callable[[], Waiting]]:
    return st.session_state.get(_THIS_RUN) or current(store, today)


@st.fragment(key=HEALTH)
def health(store: Store, today: date) -> None:
    sections.health_strip(_view(store, today)[1])


@st.fragment(key=ACTIONS)
def due_list(store: Store, today: date) -> None:
    snapshot, view, _ = _view(store, today)
    show_flashes()  # a click's toast: the app's own call runs on full runs only
    sections.action_list(store, snapshot, view, today)


@st.fragment(key=WAITING)
def waits_and_calendar(store: Store, today: date) -> None:
    _, view, waiting_list = _view(store, today)
    sections.waiting_list(waiting_list(), today)
    sections.calendar_download(view, today)
