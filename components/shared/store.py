"""Which data folder this session works on (the user's, or the separate sample folder) and the
one Store per folder, shared by every session of the server so they share its cache and locks."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import streamlit as st

from nextround import demo
from nextround.storage.paths import default_data_dir, sample_dir
from nextround.storage.store import Store


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    """Never raises: what is wrong with the folder is kept on the store (``problem``,
    ``warnings``) for ``components.shared.screen.open_screen`` to show on every page."""
    return Store(path).open()


def real_store() -> Store:
    return _store(str(default_data_dir()))


def viewing_sample() -> bool:
    real = real_store()
    return bool(real.read_meta().get("viewing_sample")) and sample_dir(real.data_dir).is_dir()


def get_store() -> Store:
    """The store every page reads and writes: the sample one while the user is trying it."""
    real = real_store()
    if viewing_sample():
        return _store(str(sample_dir(real.data_dir)))
    return real


def start_sample(today: date) -> None:
    """Write fresh sample data into its own folder and switch to it."""
    real = real_store()
    folder = sample_dir(real.data_dir)
    demo.write(folder, today)
    _store.clear()
    real_store().write_meta(viewing_sample=True)


def leave_sample(delete: bool) -> None:
    """Back to the user's own data; optionally remove the sample folder."""
    real = real_store()
    real.write_meta(viewing_sample=False)
    folder: Path = sample_dir(real.data_dir)
    if delete and folder.is_dir() and folder.parent == real.data_dir:
        shutil.rmtree(folder)
    _store.clear()
