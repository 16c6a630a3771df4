"""Which data folder this session works on (the user's, or the separate sample folder) and the
one Store per folder, shared by every session of the server so they share its cache and locks.

This is the composition root: the one place the screens open a Store, through the command that
opens a folder. Everything else the screens do with the folder goes through
``nextround.commands`` (writes) and ``nextround.data_folder`` (what they read and show)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from nextround.commands import sample
from nextround.commands.data import open_folder
from nextround.data_folder import Store, default_data_dir, sample_dir


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    """Never raises: what is wrong with the folder is kept on the store (``problem``,
    ``warnings``) for ``components.shared.screen.open_screen`` to show on every page."""
    return open_folder(path)


def real_store() -> Store:
    return _store(str(default_data_dir()))


def viewing_sample() -> bool:
    return sample.viewing_sample(real_store())


def get_store() -> Store:
    """The store every page reads and writes: the sample one while the user is trying it."""
    real = real_store()
    if sample.viewing_sample(real):
        return _store(str(sample_dir(real.data_dir)))
    return real


def start_sample(today: date) -> None:
    """Write fresh sample data into its own folder and switch to it."""
    sample.start_sample(real_store(), today)
    _store.clear()


def leave_sample(delete: bool) -> None:
    """Back to the user's own data; optionally remove the sample folder."""
    sample.leave_sample(real_store(), delete)
    _store.clear()
